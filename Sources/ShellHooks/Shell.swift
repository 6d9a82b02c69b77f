/// The shells `sw` can drive.
public enum Shell: String, Sendable, CaseIterable {
    case bash, zsh, fish
}

extension Shell {
    /// The shell named by a path such as `$SHELL` (`/usr/bin/zsh`), or by `$0` of a login shell
    /// (`-bash`). The file name must be exactly a supported shell's name; anything else is `nil`.
    public init?(path: String) {
        var name = path.split(separator: "/", omittingEmptySubsequences: true).last ?? ""
        if name.hasPrefix("-") { name = name.dropFirst() }
        self.init(rawValue: String(name))
    }
}
