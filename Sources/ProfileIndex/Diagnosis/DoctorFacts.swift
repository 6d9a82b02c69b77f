#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// What `sw doctor` knows about the world outside the AWS files: the environment, the clock, the
/// installed tools, file permissions and the shell setup. Gathered by the command, passed to
/// `Doctor` as a value, so the rules need no real tools in tests.
public struct DoctorFacts: Sendable {
    public enum AWSCLI: Sendable, Equatable {
        case missing
        /// Found on PATH; the version is not known (no SSO profile needed it).
        case present(path: String)
        case version1(String)
        case version2(String)
    }

    public enum ShellIntegration: Sendable, Equatable {
        /// `sw` runs inside the shell function (`SW_SHELL` is set).
        case active
        /// The rc file of `$SHELL` loads it.
        case configured(rcFile: String)
        /// Not found: `shell` is `$SHELL`'s name when sw supports it, `rcFile` where to add it.
        case missing(shell: String?, rcFile: String?)
    }

    public var environment: [String: String]
    public var now: Date
    public var awsCLI: AWSCLI
    public var tokenCache: TokenCache
    public var cacheDirectoryExists: Bool
    /// Whether a program (a `credential_process` first word) can be run with this PATH.
    public var isRunnable: @Sendable (String) -> Bool
    /// Permission bits of the credentials file, when it exists.
    public var credentialsFileMode: UInt32?
    /// Token cache files (and the folder itself) other users can read.
    public var exposedCacheFiles: [String]
    public var shellIntegration: ShellIntegration
    /// The config file's bytes as read, for what the index does not keep: comment lines
    /// (aws-sso-cli's block markers).
    public var configBytes: [UInt8]
    /// sw's own config: `[env GLOB]` regions for profiles without one, and where fixes go.
    public var swConfig: SwConfig

    public init(environment: [String: String], now: Date, awsCLI: AWSCLI, tokenCache: TokenCache,
                cacheDirectoryExists: Bool, isRunnable: @escaping @Sendable (String) -> Bool,
                credentialsFileMode: UInt32?, exposedCacheFiles: [String], shellIntegration: ShellIntegration,
                configBytes: [UInt8] = [], swConfig: SwConfig? = nil) {
        self.configBytes = configBytes
        self.swConfig = swConfig ?? SwConfig(path: SwConfig.path(environment: environment))
        self.environment = environment
        self.now = now
        self.awsCLI = awsCLI
        self.tokenCache = tokenCache
        self.cacheDirectoryExists = cacheDirectoryExists
        self.isRunnable = isRunnable
        self.credentialsFileMode = credentialsFileMode
        self.exposedCacheFiles = exposedCacheFiles
        self.shellIntegration = shellIntegration
    }

    /// Everything that only needs reading the file system; `awsCLI` comes from the caller, who
    /// may run `aws --version`.
    public static func gather(environment: [String: String], now: Date, paths: AWSPaths, awsCLI: AWSCLI) -> DoctorFacts {
        let cacheDirectory = TokenCache.defaultDirectory(home: paths.home)
        let path = environment["PATH"] ?? ""
        return DoctorFacts(
            environment: environment, now: now, awsCLI: awsCLI, tokenCache: TokenCache(directory: cacheDirectory, fileSystem: LocalFileSystem()),
            cacheDirectoryExists: LocalFiles.isDirectory(cacheDirectory),
            isRunnable: { LocalFiles.findProgram($0, path: path) != nil },
            credentialsFileMode: LocalFiles.mode(of: paths.credentials),
            exposedCacheFiles: LocalFiles.exposedFiles(in: cacheDirectory),
            shellIntegration: LocalFiles.shellIntegration(environment: environment, home: paths.home),
            configBytes: FileReader.read(paths.config, in: LocalFileSystem()).1,
            swConfig: SwConfig.load(environment: environment, fileSystem: LocalFileSystem()))
    }
}

/// Read-only looks at the file system for `DoctorFacts`.
public enum LocalFiles {
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Permission bits (`st_mode & 0o7777`) of an existing file, following symbolic links.
    public static func mode(of path: String) -> UInt32? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return UInt32(st.st_mode & 0o7777)
    }

    /// Where a shell would find `program` with this PATH (`program` may be a path itself).
    public static func findProgram(_ program: String, path: String) -> String? {
        guard !program.isEmpty else { return nil }
        if program.contains("/") { return access(program, X_OK) == 0 && !isDirectory(program) ? program : nil }
        for dir in path.split(separator: ":", omittingEmptySubsequences: false) {
            let base = dir.isEmpty ? "." : String(dir)
            let candidate = base.hasSuffix("/") ? base + program : base + "/" + program
            if access(candidate, X_OK) == 0 && !isDirectory(candidate) { return candidate }
        }
        return nil
    }

    /// The cache folder when other users may enter it, and each file in it they may read.
    public static func exposedFiles(in directory: String) -> [String] {
        var result: [String] = []
        if let mode = mode(of: directory), mode & 0o077 != 0 { result.append(directory) }
        guard let dir = opendir(directory) else { return result }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        for name in names.sorted() {
            let path = directory + "/" + name
            if let mode = mode(of: path), mode & 0o044 != 0 { result.append(path) }
        }
        return result
    }

    /// `SW_SHELL` set means `sw` runs inside the function. Otherwise the rc file of `$SHELL` is
    /// searched for `sw init` (the line `sw init <shell>` prints for itself).
    public static func shellIntegration(environment: [String: String], home: String) -> DoctorFacts.ShellIntegration {
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
            let (state, bytes) = FileReader.read(file, in: LocalFileSystem(), limit: 4 << 20)
            if case .read = state, String(decoding: bytes, as: UTF8.self).containsBytes("sw init") { return .configured(rcFile: file) }
        }
        return .missing(shell: name, rcFile: rcFiles[0])
    }
}
