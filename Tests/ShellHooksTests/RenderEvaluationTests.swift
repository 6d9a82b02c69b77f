import Foundation
import Testing
import TestSupport
import ShellHooks

/// Evaluates rendered changes in the real shells and compares the bytes the variable ends up
/// holding, in the shell and in a child process, with the value that was rendered.
@Suite("rendered code evaluated by real shells")
struct RenderEvaluationTests {
    static let variable = "AWS_PROFILE"
    static let other = "SW_TEST_OTHER" // set to "present" in every test shell's environment

    /// Shell code that evaluates `code.N` the way the hook does and records the result:
    /// `out.N` the variable as the shell sees it, `child.N` as a child process sees it,
    /// `other.N` whether the unset variable is still visible (empty when it is gone).
    static func driver(for shell: Shell, count: Int) -> String {
        (0..<count).map { i in
            switch shell {
            case .bash, .zsh:
                """
                eval "$(<code.\(i))"
                printf %s "$\(variable)" > out.\(i)
                /bin/sh -c 'printf %s "$\(variable)"' > child.\(i)
                { printf %s "${\(other)+in-shell}"; /bin/sh -c 'printf %s "${\(other)+in-child}"'; } > other.\(i)
                export \(other)=present

                """
            case .fish:
                """
                eval (string collect < code.\(i))
                printf %s "$\(variable)" > out.\(i)
                /bin/sh -c 'printf %s "$\(variable)"' > child.\(i)
                begin; set -q \(other); and printf in-shell; /bin/sh -c 'printf %s "${\(other)+in-child}"'; end > other.\(i)
                set -gx \(other) present

                """
            }
        }.joined()
    }

    @Test("every hostile value is set byte for byte, nothing runs, and unset unsets",
          arguments: Shell.allCases)
    func hostileValuesRoundTrip(shell: Shell) throws {
        // GIVEN one rendered change per hostile value: set AWS_PROFILE, unset SW_TEST_OTHER
        let scratch = try Scratch()
        let values = HostileValues.all
        for (i, value) in values.enumerated() {
            var change = EnvironmentChange()
            change.set(Self.variable, value)
            change.unset(Self.other)
            try scratch.write(shell.render(change), to: scratch.work.appendingPathComponent("code.\(i)"))
        }
        // zsh users may have RC_QUOTES on, where '' inside quotes is a quote: it must not matter.
        let prelude = shell == .zsh ? "setopt rc_quotes\n" : ""

        // WHEN the shell evaluates each one
        let run = try ShellRunner.run(shell, prelude + Self.driver(for: shell, count: values.count), in: scratch)

        // THEN the shell and its children see exactly the value, the other variable is gone,
        // and the working folder holds only the files the driver wrote (no CANARY, nothing else)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout == "")
        #expect(run.stderr == "")
        for (i, value) in values.enumerated() {
            let expected = Data(value.utf8)
            let label = "value #\(i) \(String(reflecting: value).prefix(60))"
            #expect(scratch.read(scratch.work.appendingPathComponent("out.\(i)")) == expected, "\(label) in the shell")
            #expect(scratch.read(scratch.work.appendingPathComponent("child.\(i)")) == expected, "\(label) in a child")
            #expect(scratch.read(scratch.work.appendingPathComponent("other.\(i)")) == Data(), "\(label): \(Self.other) still set")
        }
        let expectedFiles = Set((0..<values.count).flatMap { ["code.\($0)", "out.\($0)", "child.\($0)", "other.\($0)"] })
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: scratch.work.path))
        #expect(files.subtracting(expectedFiles).isEmpty, "unexpected files: \(files.subtracting(expectedFiles).sorted())")
        #expect(!files.contains("CANARY"))
    }
}
