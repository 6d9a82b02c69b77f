import Testing
import ShellHooks

@Suite("EnvironmentChange")
struct EnvironmentChangeTests {
    @Test("a new change is empty")
    func emptyChange() {
        let change = EnvironmentChange()
        #expect(change.isEmpty)
        #expect(change.operations.isEmpty)
    }

    @Test("operations keep the order in which they were requested")
    func keepsOrder() {
        var change = EnvironmentChange()
        change.set("AWS_PROFILE", "dev")
        change.unset("AWS_ACCESS_KEY_ID")
        change.set("AWS_REGION", "eu-west-1")
        #expect(!change.isEmpty)
        #expect(change.operations == [
            .set(name: "AWS_PROFILE", value: "dev"),
            .unset(name: "AWS_ACCESS_KEY_ID"),
            .set(name: "AWS_REGION", value: "eu-west-1"),
        ])
    }

    @Test("a later operation on the same name replaces the earlier one and moves to the end")
    func laterOperationWins() {
        // GIVEN a change that sets A, then B
        var change = EnvironmentChange()
        change.set("A", "1")
        change.set("B", "2")
        // WHEN A is unset and B is set again
        change.unset("A")
        change.set("B", "3")
        // THEN each name appears once, with its last operation, in the order of the last requests
        #expect(change.operations == [.unset(name: "A"), .set(name: "B", value: "3")])
    }

    @Test("names are valid exactly when they match [A-Za-z_][A-Za-z0-9_]*", arguments: [
        ("AWS_PROFILE", true), ("_", true), ("a", true), ("_9", true), ("aZ_09", true),
        ("", false), ("9A", false), ("A-B", false), ("A B", false), ("A=B", false), ("$A", false),
        ("A\n", false), ("É", false), ("A\u{0}", false), ("ＡＷＳ", false), ("A.B", false),
    ])
    func variableNames(name: String, valid: Bool) {
        #expect(VariableName.isValid(name) == valid)
    }

    @Test("setting an invalid name traps instead of reaching a shell")
    func invalidNameTraps() async {
        await #expect(processExitsWith: .failure) {
            var change = EnvironmentChange()
            change.set("X; touch CANARY", "v")
        }
        await #expect(processExitsWith: .failure) {
            var change = EnvironmentChange()
            change.unset("1X")
        }
    }

    @Test("a value containing NUL traps: no shell can hold it")
    func nulValueTraps() async {
        await #expect(processExitsWith: .failure) {
            var change = EnvironmentChange()
            change.set("X", "a\u{0}b")
        }
    }
}
