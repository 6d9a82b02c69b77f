import Testing
@testable import ShellHooks

@Test("every supported shell is named by its executable")
func shellNames() {
    #expect(Shell.allCases.map(\.rawValue) == ["bash", "zsh", "fish"])
}

@Test("a shell is recognised from $SHELL or a login shell's $0", arguments: [
    ("/bin/bash", Shell.bash),
    ("/usr/bin/zsh", .zsh),
    ("/opt/homebrew/bin/fish", .fish),
    ("-bash", .bash),
    ("-zsh", .zsh),
    ("zsh", .zsh),
    ("/usr/local/bin//fish", .fish),
])
func shellFromPath(path: String, expected: Shell) {
    #expect(Shell(path: path) == expected)
}

@Test("an unknown or malformed shell path gives no shell", arguments: [
    "", "/", "/bin/sh", "/bin/dash", "/usr/bin/tcsh", "/usr/bin/zsh5", "/bin/Bash", "--bash",
    "/usr/bin/fish-3.6", "bash ",
])
func unknownShellPath(path: String) {
    #expect(Shell(path: path) == nil)
}
