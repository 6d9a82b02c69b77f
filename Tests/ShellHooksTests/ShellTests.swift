import Testing
@testable import ShellHooks

@Test("every supported shell is named by its executable")
func shellNames() {
    #expect(Shell.allCases.map(\.rawValue) == ["bash", "zsh", "fish"])
}
