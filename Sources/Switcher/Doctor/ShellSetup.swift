import ProfileIndex

/// Whether the shell function `sw init` prints is set up, for `sw doctor` (SW406).
enum ShellSetup {
    /// `SW_SHELL` or `SW_PROFILE` set means `sw` runs inside the function. Otherwise the rc file of
    /// `$SHELL` is searched for `sw init` (the line `sw init <shell>` prints for itself).
    static func integration(environment: [String: String], home: String, fileSystem: any FileSystem) -> DoctorFacts.ShellIntegration {
        // SW_SHELL: run through the function. SW_PROFILE: the function has evaluated `sw use`.
        // (The function sets SW_SHELL only for use/pick/off, so `sw doctor` rarely sees it.)
        for marker in ["SW_SHELL", "SW_PROFILE"] where !(environment[marker] ?? "").isEmpty { return .active }
        let shellPath = environment["SHELL"] ?? ""
        let name = String(shellPath.split(separator: "/").last ?? "")
        let rcFiles: [String]
        switch name {
        case "bash": rcFiles = [home + "/.bashrc", home + "/.bash_profile", home + "/.profile"]
        case "zsh": rcFiles = [(environment["ZDOTDIR"] ?? home) + "/.zshrc"]
        case "fish": rcFiles = [(environment["XDG_CONFIG_HOME"] ?? home + "/.config") + "/fish/config.fish"]
        default: return .missing(shell: nil, rcFile: nil)
        }
        for file in rcFiles {
            if let bytes = regularFile(file, limit: 4 << 20, fileSystem), contains(bytes, Array("sw init".utf8)) {
                return .configured(rcFile: file)
            }
        }
        return .missing(shell: name, rcFile: rcFiles[0])
    }

    /// The bytes of a regular file of at most `limit` bytes; nil for anything else, so a FIFO or
    /// a huge file in an rc file's place is passed over.
    private static func regularFile(_ path: String, limit: Int, _ fileSystem: any FileSystem) -> [UInt8]? {
        guard case .success(let status) = fileSystem.status(path), status.kind == .regular, status.size <= limit,
              case .success(let bytes) = fileSystem.contents(path, limit: limit), bytes.count <= limit else { return nil }
        return bytes
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
