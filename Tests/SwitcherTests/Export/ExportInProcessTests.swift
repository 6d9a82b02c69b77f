import Foundation
import ProfileIndex
import ShellHooks
@testable import Switcher
import Testing
import TestSupport

/// An `aws` that answers `--version` and `configure export-credentials` with canned output, and
/// records the arguments and environment of each call.
final class CannedAWS: ProcessRunner, @unchecked Sendable {
    var version = "aws-cli/2.22.0 Python/3.12.6 Linux/6.1 exe/x86_64"
    var export = CapturedOutput(outcome: .exited(0), standardOutput: "", standardError: "")
    private(set) var calls: [(arguments: [String], environment: [String: String])] = []

    func runOnTerminal(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessOutcome {
        Issue.record("no login expected: \(arguments)")
        throw UnprovidedProcesses.NotStarted()
    }

    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CapturedOutput {
        calls.append((arguments, environment))
        if arguments == ["--version"] { return CapturedOutput(outcome: .exited(0), standardOutput: version + "\n", standardError: "") }
        return export
    }

    func startDetached(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        throw UnprovidedProcesses.NotStarted()
    }

    func replaceProcess(_ program: String, _ arguments: [String], environment: [String: String],
                        applying change: EnvironmentChange) throws -> Never {
        throw UnprovidedProcesses.NotStarted()
    }
}

/// What the AWS CLI 2.x prints for `--format process` (json.dumps with indent=2).
private let processOutput = """
    {
      "Version": 1,
      "AccessKeyId": "ASIASECRETKEY",
      "SecretAccessKey": "SECRET/abc+def=",
      "SessionToken": "SECRET-TOKEN",
      "Expiration": "2098-12-31T17:29:00+00:00"
    }

    """

@Suite("sw export in-process")
struct ExportInProcessTests {
    func home() throws -> TemporaryHome {
        let home = try TemporaryHome("sw-export")
        try home.write("[profile dev]\nregion = us-west-2\n\n[profile other]\nregion = eu-west-1\n", to: ".aws/config")
        try home.createDirectory("bin")
        // Only found on PATH, never run (CannedAWS answers): no child process needed to write it.
        FileManager.default.createFile(atPath: home.path("bin/aws"), contents: Data("#!/bin/sh\nexit 1\n".utf8),
                                       attributes: [.posixPermissions: 0o755])
        return home
    }

    func env(_ home: TemporaryHome, _ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": home.root.path, "PATH": home.path("bin")].merging(extra) { $1 }
    }

    @Test("sw exec takes --device-code, --no-device-code and --no-browser only with --export, the one way it logs in")
    func execFlowOptionsNeedExport() throws {
        let home = try home()
        for flag in ["--device-code", "--no-device-code", "--no-browser"] {
            let run = InProcess.sw(["exec", flag, "dev", "--", "true"], environment: env(home))
            #expect(run.status == 64, "\(flag): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("choose how sw exec --export logs in"), "\(run.stderr)")
        }
    }

    @Test("the CLI is asked for the named profile; AWS_PROFILE and AWS_DEFAULT_PROFILE do not reach it, credential variables do")
    func childEnvironment() throws {
        let home = try home()
        let aws = CannedAWS()
        aws.export.standardOutput = processOutput
        let run = InProcess.sw(["export", "dev", "--shell", "bash"],
                               environment: env(home, ["AWS_PROFILE": "other", "AWS_DEFAULT_PROFILE": "other", "AWS_ACCESS_KEY_ID": "AKIAENV"]),
                               processes: aws)
        #expect(run.status == 0, "\(run.stderr)")
        let call = try #require(aws.calls.last)
        #expect(call.arguments == ["configure", "export-credentials", "--profile", "dev", "--format", "process"])
        #expect(call.environment["AWS_PROFILE"] == nil && call.environment["AWS_DEFAULT_PROFILE"] == nil)
        // botocore ignores them for a profile named with --profile, except credential_source = Environment
        #expect(call.environment["AWS_ACCESS_KEY_ID"] == "AKIAENV")
        #expect(run.stdout == """
            builtin unset -v AWS_SECURITY_TOKEN
            builtin unset -v AWS_SESSION_EXPIRATION
            builtin export AWS_ACCESS_KEY_ID='ASIASECRETKEY'
            builtin export AWS_SECRET_ACCESS_KEY='SECRET/abc+def='
            builtin export AWS_SESSION_TOKEN='SECRET-TOKEN'
            builtin export AWS_CREDENTIAL_EXPIRATION='2098-12-31T17:29:00+00:00'

            """)
        #expect(!run.stderr.contains("SECRET"))
    }

    @Test("no name exports the profile in AWS_PROFILE")
    func defaultsToActiveProfile() throws {
        let home = try home()
        let aws = CannedAWS()
        aws.export.standardOutput = processOutput
        let run = InProcess.sw(["export", "--format", "json"], environment: env(home, ["AWS_PROFILE": "other"]), processes: aws)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(aws.calls.last?.arguments.contains("other") == true)
        #expect(run.stdout.contains("SECRET/abc+def="))
        #expect(!run.stderr.contains("SECRET"))
    }

    @Test("output that is not credentials is refused without being echoed", arguments: [
        "not json SECRET", "{\"Version\": 1, \"SecretAccessKey\": \"SECRET\"}", "{\"Version\": 2, \"AccessKeyId\": \"SECRET\", \"SecretAccessKey\": \"SECRET\"}",
        "[\"SECRET\"]", "{\"Version\": 1, \"AccessKeyId\": \"SECRET\", \"SecretAccessKey\": \"SECRET\\u0000\"}",
    ])
    func unreadableOutput(output: String) throws {
        let home = try home()
        let aws = CannedAWS()
        aws.export.standardOutput = output
        let run = InProcess.sw(["export", "dev", "--format", "json"], environment: env(home), processes: aws)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("cannot read as credentials"), "\(run.stderr)")
        #expect(!run.stderr.contains("SECRET"))
    }

    @Test("a failed export exits with the CLI's code, passes its stderr through and prints nothing")
    func failurePassesThrough() throws {
        let home = try home()
        let aws = CannedAWS()
        aws.export = CapturedOutput(outcome: .exited(255), standardOutput: "",
                                    standardError: "\nThe SSO session associated with this profile has expired or is otherwise invalid.\n")
        let run = InProcess.sw(["export", "dev", "--shell", "zsh"], environment: env(home), processes: aws)
        #expect(run.status == 255)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("has expired or is otherwise invalid"))
        #expect(!run.stderr.contains("SECRET"))
    }

    @Test("--format env without a known shell is a usage error before the CLI runs")
    func unknownShell() throws {
        let home = try home()
        let aws = CannedAWS()
        let run = InProcess.sw(["export", "dev"], environment: env(home), processes: aws)
        #expect(run.status == 64)
        #expect(aws.calls.isEmpty)
    }

    @Test("the credentials' own description shows no part of them")
    func descriptionRedacts() throws {
        let credentials = try ExportedCredentials(processOutput: processOutput)
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(credentials)", String(reflecting: credentials), dumped] {
            #expect(!text.contains("SECRET"), "\(text)")
        }
        #expect(credentials.expiresAt == Date(timeIntervalSince1970: 4_070_885_340))
    }

    @Test("dotenv refuses what docker's env-file reader would change: newline, trailing CR, surrounding quotes, a line of 64 KiB")
    func dotenvRules() {
        #expect(DotenvRefusal.reason("a\nb", name: "X") != nil)
        #expect(DotenvRefusal.reason("ab\r", name: "X") != nil)
        #expect(DotenvRefusal.reason("a\rb", name: "X") == nil)
        #expect(DotenvRefusal.reason("'ab'", name: "X") != nil)
        #expect(DotenvRefusal.reason("\"ab\"", name: "X") != nil)
        #expect(DotenvRefusal.reason("'ab\"", name: "X") == nil)
        #expect(DotenvRefusal.reason("'", name: "X") == nil)
        #expect(DotenvRefusal.reason(" lead and trail # ", name: "X") == nil)
        #expect(DotenvRefusal.reason(String(repeating: "a", count: 65536 - 3), name: "X") == nil)
        #expect(DotenvRefusal.reason(String(repeating: "a", count: 65536 - 2), name: "X") != nil)
    }
}

@Suite("SwitchPlan with exported credentials")
struct SwitchPlanCredentialTests {
    let index: Index
    let credentials = ExportedCredentials(accessKeyID: "ASIAKEY", secretAccessKey: "SECRET", sessionToken: "SECRET-TOKEN",
                                          expiration: "2098-12-31T17:29:00+00:00")

    init() throws {
        let home = try TemporaryHome("sw-plan")
        try home.write("[profile dev]\nregion = us-west-2\n\n[profile other]\nregion = eu-west-1\n", to: ".aws/config")
        index = Index.load(paths: AWSPaths(environment: ["HOME": home.root.path]), fileSystem: LocalFileSystem())
    }

    /// The environment after evaluating `plan` in `env`.
    func applied(_ plan: SwitchPlan, to env: [String: String]) -> [String: String] {
        var result = env
        for operation in plan.change.operations {
            switch operation {
            case .set(let name, let value): result[name] = value
            case .unset(let name): result[name] = nil
            }
        }
        return result
    }

    @Test("credentials sw exported are recorded, and go quietly when switching without --export")
    func ownCredentialsGoQuietly() throws {
        let dev = try #require(index.profile(named: "dev")), other = try #require(index.profile(named: "other"))
        let first = SwitchPlan.use(dev, index: index, environment: [:], config: SwConfig(path: "/nonexistent"), credentials: credentials)
        let env = applied(first, to: [:])
        #expect(env["AWS_SESSION_TOKEN"] == "SECRET-TOKEN")
        #expect(ManagedVariables(env["SW_MANAGED"]).names.contains("AWS_SECRET_ACCESS_KEY"))
        let second = SwitchPlan.use(other, index: index, environment: env, config: SwConfig(path: "/nonexistent"))
        let after = applied(second, to: env)
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"] {
            #expect(after[name] == nil, "\(name)")
        }
        #expect(!second.notes.contains { $0.contains("removed") }, "\(second.notes)")
        #expect(!(first.notes + second.notes).joined().contains("SECRET"))
    }

    @Test("credentials another tool set are removed with a note, or replaced with one under --export")
    func foreignCredentialsNoted() throws {
        let dev = try #require(index.profile(named: "dev"))
        let foreign = ["AWS_ACCESS_KEY_ID": "AKIAOTHER", "AWS_SECURITY_TOKEN": "OLD"]
        let plain = SwitchPlan.use(dev, index: index, environment: foreign, config: SwConfig(path: "/nonexistent"))
        #expect(plain.notes.contains("removed AWS_ACCESS_KEY_ID, AWS_SECURITY_TOKEN: credentials in the environment override any profile"))
        let exported = SwitchPlan.use(dev, index: index, environment: foreign, config: SwConfig(path: "/nonexistent"), credentials: credentials)
        #expect(exported.notes.contains("removed AWS_SECURITY_TOKEN: credentials in the environment override any profile"))
        #expect(exported.notes.contains("replaced AWS_ACCESS_KEY_ID, which sw had not set, with dev's credentials"))
        #expect(applied(exported, to: foreign)["AWS_ACCESS_KEY_ID"] == "ASIAKEY")
    }
}

@Suite("sw current %e")
struct CurrentExpiryTests {
    /// `sw current` with no file system at all: %e must not read one.
    func current(_ args: [String], _ env: [String: String]) -> SwRun {
        let (context, stdout, stderr) = Context.forTesting(environment: env)
        let status = SwitcherCommand.run(["current"] + args, in: context)
        return SwRun(stdout: stdout.text, stderr: stderr.text, status: status)
    }

    @Test("%e is the time left, expired, invalid, or empty, from AWS_CREDENTIAL_EXPIRATION alone", arguments: [
        ("2098-12-31T17:29:00+00:00", "41m"), ("2098-12-31T23:00:00Z", "6h12m"), ("2098-12-31T16:48:30+00:00", "<1m"),
        ("2098-12-31T16:48:00+00:00", "expired"), ("2001-01-01T00:00:00Z", "expired"), ("soon", "invalid"), ("", ""),
    ])
    func placeholder(value: String, shown: String) {
        let run = current(["--format", "%p:%e"], ["AWS_PROFILE": "dev", "AWS_CREDENTIAL_EXPIRATION": value])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "dev:\(shown)\n")
    }

    @Test("the summary says the exported credentials expired, and a warning says what to run")
    func summaryExpired() throws {
        let home = try TemporaryHome("sw-current")
        try home.write("[profile dev]\nregion = us-west-2\n", to: ".aws/config")
        let run = InProcess.sw(["current"], environment: ["HOME": home.root.path, "AWS_PROFILE": "dev",
                                                          "AWS_CREDENTIAL_EXPIRATION": "2098-12-31T16:00:00Z"])
        #expect(run.status == 0)
        #expect(run.stdout == "dev: region us-west-2, credentials expired\n")
        #expect(run.stderr.contains("expired at 2098-12-31T16:00:00Z"))
        #expect(run.stderr.contains("run sw use --export dev for fresh ones"))
    }

    @Test("%e is empty without exported credentials")
    func none() {
        #expect(current(["--format", "%e"], ["AWS_PROFILE": "dev"]).stdout == "\n")
    }
}
