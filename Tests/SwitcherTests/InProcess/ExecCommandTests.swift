import ArgumentParser
import Foundation
import ProfileIndex
import ShellHooks
@testable import Switcher
import Testing
import TestSupport

/// Records the program `sw exec` replaces itself with, in the environment it would run with,
/// then ends the command as that program would: exit 0, or the start failure it is given.
private final class RecordingExec: ProcessRunner, @unchecked Sendable {
    var failure: Int32?
    private(set) var program: String?
    private(set) var arguments: [String] = []
    private(set) var environment: [String: String] = [:]

    init(failure: Int32? = nil) { self.failure = failure }

    func replaceProcess(_ program: String, _ arguments: [String], environment: [String: String],
                        applying change: EnvironmentChange) throws -> Never {
        self.program = program
        self.arguments = arguments
        var applied = environment
        for operation in change.operations {
            switch operation {
            case .set(let name, let value): applied[name] = value
            case .unset(let name): applied[name] = nil
            }
        }
        self.environment = applied
        if let failure { throw FileError(code: failure) }
        throw ExitCode(0)
    }

    func runOnTerminal(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessOutcome {
        Issue.record("sw exec started \(executable) as a child"); throw ExitCode(70)
    }

    func startDetached(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        Issue.record("sw exec started \(executable) detached"); throw ExitCode(70)
    }

    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CapturedOutput {
        Issue.record("sw exec captured \(executable)"); throw ExitCode(70)
    }
}

private func execHome() throws -> TemporaryHome {
    let home = try TemporaryHome("sw-exec")
    try home.write("[profile dev]\nregion = eu-west-1\n", to: ".aws/config")
    return home
}

@Suite("sw exec runs one command with a profile applied")
struct ExecCommandTests {
    @Test("the command replaces sw with the profile's variables set, stale credentials removed, the rest kept, and nothing on stdout")
    func environmentApplied() throws {
        let home = try execHome()
        let exec = RecordingExec()
        let env = ["HOME": home.root.path, "PATH": "/usr/bin:/bin", "SW_INDEX_CACHE": "off",
                   "AWS_ACCESS_KEY_ID": "AKIASTALE", "KEEP_ME": "yes"]
        let r = InProcess.sw(["exec", "dev", "--", "aws", "sts", "get-caller-identity"], environment: env, processes: exec)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(exec.program == "aws" && exec.arguments == ["sts", "get-caller-identity"])
        #expect(exec.environment["AWS_PROFILE"] == "dev")
        #expect(exec.environment["AWS_REGION"] == "eu-west-1" && exec.environment["AWS_DEFAULT_REGION"] == "eu-west-1")
        #expect(exec.environment["AWS_ACCESS_KEY_ID"] == nil)
        #expect(exec.environment["KEEP_ME"] == "yes" && exec.environment["PATH"] == "/usr/bin:/bin")
    }

    @Test("a command that cannot run: 127 when not found, 126 otherwise, with the system's reason",
          arguments: [(ENOENT, Int32(127), "No such file or directory"), (EACCES, Int32(126), "Permission denied")])
    func startFailure(code: Int32, status: Int32, reason: String) throws {
        let home = try execHome()
        let r = InProcess.sw(["exec", "dev", "--", "nosuch"], environment: ["HOME": home.root.path, "SW_INDEX_CACHE": "off"],
                             processes: RecordingExec(failure: code))
        #expect(r.status == status)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "sw: error: cannot run nosuch: \(reason)\n", "\(r.stderr)")
    }

    @Test("no command after -- is a usage error (64) that shows how to give one")
    func noCommand() {
        let r = InProcess.sw(["exec", "dev"], environment: [:])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("Error: give the command to run after --, e.g. sw exec dev -- aws sts get-caller-identity\n"), "\(r.stderr)")
    }

    @Test("the binary really is replaced: the command's output and exit status are sw's, with AWS_PROFILE set")
    func binaryExec() throws {
        let home = try execHome()
        let env = ["HOME": home.root.path, "PATH": "/usr/bin:/bin", "SW_INDEX_CACHE": "off"]
        let r = try Harness.sw(["exec", "dev", "--", "/bin/sh", "-c", "printf %s \"$AWS_PROFILE\"; exit 3"], environment: env)
        #expect(r.stdout == "dev")
        #expect(r.status == 3, "\(r.stderr)")
        let missing = try Harness.sw(["exec", "dev", "--", "no-such-program-for-sw"], environment: env)
        #expect(missing.status == 127)
        #expect(missing.stderr.hasSuffix("sw: error: cannot run no-such-program-for-sw: No such file or directory\n"), "\(missing.stderr)")
    }
}
