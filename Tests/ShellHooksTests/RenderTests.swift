import Testing
import ShellHooks

@Suite("Shell.render")
struct RenderTests {
    static func sample() -> EnvironmentChange {
        var change = EnvironmentChange()
        change.set("AWS_PROFILE", "it's")
        change.unset("AWS_ACCESS_KEY_ID")
        return change
    }

    @Test("bash and zsh get one builtin export or unset per line")
    func posixRendering() {
        let expected = """
            builtin export AWS_PROFILE='it'\\''s'
            builtin unset -v AWS_ACCESS_KEY_ID

            """
        #expect(Shell.bash.render(Self.sample()) == expected)
        #expect(Shell.zsh.render(Self.sample()) == expected)
    }

    @Test("fish gets one set -gx or set -e per line")
    func fishRendering() {
        let expected = """
            set -gx AWS_PROFILE 'it\\'s'
            set -e AWS_ACCESS_KEY_ID

            """
        #expect(Shell.fish.render(Self.sample()) == expected)
    }

    @Test("an empty change renders nothing", arguments: Shell.allCases)
    func emptyRendering(shell: Shell) {
        #expect(shell.render(EnvironmentChange()) == "")
    }
}
