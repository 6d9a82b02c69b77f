import Foundation
import ProfileIndex
import ShellHooks
@testable import Switcher
import Testing
import TestSupport

/// A temporary HOME with an AWS config of two sso-sessions, one legacy start URL shared by two
/// profiles, a static-keys profile and a role assumed from an SSO profile; token files and a fake
/// `aws` are added per test. `sw` runs in-process at TestClock.now with the fake `aws` as its
/// process runner; `binary` runs the real executable, which runs the fake as a script.
struct LoginFixture {
    let folder: TemporaryHome
    let aws: FakeAWS
    var home: URL { folder.root }
    var bin: URL { folder.url("bin") }
    var log: URL { folder.url("aws-calls.log") }

    static let config = """
        [sso-session corp]
        sso_start_url = https://d-123.awsapps.com/start
        sso_region = us-east-1

        [sso-session lab]
        sso_start_url = https://d-456.awsapps.com/start
        sso_region = eu-west-1

        [profile dev]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = Admin
        region = us-west-2

        [profile prod]
        sso_session = corp
        sso_account_id = 222222222222
        sso_role_name = Admin

        [profile lab-admin]
        sso_session = lab
        sso_account_id = 444444444444
        sso_role_name = Admin

        [profile old-a]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 333333333333
        sso_role_name = ReadOnly

        [profile old-b]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 555555555555
        sso_role_name = ReadOnly

        [profile keys]
        aws_access_key_id = AKIAEXAMPLE
        aws_secret_access_key = SECRET-STATIC-KEY

        [profile dev-deploy]
        source_profile = dev
        role_arn = arn:aws:iam::111111111111:role/Deploy

        """

    static let legacyURL = "https://legacy.awsapps.com/start"

    init() throws {
        folder = try TemporaryHome("sw-login")
        aws = FakeAWS(log: folder.url("aws-calls.log"))
        try folder.createDirectory(".aws/sso/cache")
        try folder.createDirectory("bin")
        try folder.write(LoginFixture.config, to: ".aws/config")
    }

    var cache: URL { home.appendingPathComponent(".aws/sso/cache") }

    func cacheFile(_ key: LoginKey) -> URL { cache.appendingPathComponent(key.cacheFileName) }

    /// A token file as the AWS CLI writes it, secrets included (sw must never print them).
    static func token(expiresAt: String, refreshable: Bool = false) -> String {
        var fields = [
            "\"startUrl\": \"https://d-123.awsapps.com/start\"", "\"region\": \"us-east-1\"",
            "\"accessToken\": \"SECRET-ACCESS-TOKEN\"", "\"expiresAt\": \"\(expiresAt)\"",
        ]
        if refreshable {
            fields += ["\"refreshToken\": \"SECRET-REFRESH-TOKEN\"", "\"clientId\": \"client-id\"",
                       "\"clientSecret\": \"SECRET-CLIENT-SECRET\"", "\"registrationExpiresAt\": \"2099-06-01T00:00:00Z\""]
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// 7h12m after TestClock.now.
    static let future = token(expiresAt: "2099-01-01T00:00:00Z")
    static let past = token(expiresAt: "2001-01-01T00:00:00Z")

    func writeToken(_ key: LoginKey, _ json: String) throws {
        try folder.write(json, to: cacheFile(key))
    }

    /// Installs the fake `aws`: `bin/aws` on PATH (a /bin/sh script, for the binary) and the
    /// in-process runner, which behave alike: append each call (`ARGS AWS_PROFILE=…`) to the
    /// log, answer `--version` with `version`, write a fresh token for each login listed in
    /// `writesToken`, and exit with `exitCode`. The script also prints a line on stdout and one
    /// on stderr, to show where a child's output goes.
    func installFakeAWS(version: String = "aws-cli/2.22.0 Python/3.12.6 Linux/6.1 exe/x86_64",
                        writesToken: [LoginKey: String] = [:], exitCode: Int32 = 0) throws {
        var script = """
            #!/bin/sh
            echo "$* AWS_PROFILE=${AWS_PROFILE-unset}" >> '\(log.path)'
            if [ "$1" = "--version" ]; then echo '\(version)'; exit 0; fi
            echo "AWS-CHILD-STDOUT $*"
            echo "AWS-CHILD-STDERR" >&2
            case "$*" in

            """
        for (key, args) in writesToken {
            // The real binary reads the real clock: its token expires eight hours after this login,
            // whatever the date the test runs on.
            let token = LoginFixture.token(expiresAt: "EXPIRY")
            script += "  '\(args)') echo '\(token)' | sed \"s/EXPIRY/$(date -u -d '+8 hours' +%Y-%m-%dT%H:%M:%SZ)/\" > '\(cacheFile(key).path)' ;;\n"
        }
        script += "esac\nexit \(exitCode)\n"
        try folder.writeExecutable(script, to: "bin/aws")
        aws.configure(version: version, writesToken: Dictionary(uniqueKeysWithValues: writesToken.map { ($1, cacheFile($0)) }),
                      exitCode: exitCode)
    }

    /// Every call the fake aws received, one line each.
    var calls: [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Only the `aws sso login …` calls, without the recorded AWS_PROFILE.
    var loginCalls: [String] {
        calls.filter { $0.hasPrefix("sso login") }.map { String($0[..<$0.range(of: " AWS_PROFILE=")!.lowerBound]) }
    }

    func environment(_ extra: [String: String] = [:], path: String? = nil) -> [String: String] {
        // A desktop session (a display, no SSH), where sw leaves aws sso login's default flow alone;
        // the device-code tests say otherwise in `extra`.
        var env = ["HOME": home.path, "PATH": path ?? "\(bin.path):/usr/bin:/bin", "DISPLAY": ":0"]
        env.merge(extra) { $1 }
        return env
    }

    /// `sw` in-process at TestClock.now.
    func sw(_ args: [String], _ extra: [String: String] = [:], path: String? = nil) -> SwRun {
        InProcess.sw(args, environment: environment(extra, path: path), processes: aws)
    }

    /// The real `sw` binary, on the real clock (tokens its fake aws writes expire eight hours after the login).
    func binary(_ args: [String], _ extra: [String: String] = [:], path: String? = nil) throws -> SwRun {
        try Harness.sw(args, environment: environment(extra, path: path))
    }
}

/// The in-process stand-in for `bin/aws`: the same log lines, token files and exit code.
final class FakeAWS: ProcessRunner, @unchecked Sendable {
    let log: URL
    private var version = ""
    private var writesToken: [String: URL] = [:]
    private var exitCode: Int32 = 0

    init(log: URL) { self.log = log }

    func configure(version: String, writesToken: [String: URL], exitCode: Int32) {
        self.version = version
        self.writesToken = writesToken
        self.exitCode = exitCode
    }

    private func record(_ arguments: [String], _ environment: [String: String]) {
        let line = "\(arguments.joined(separator: " ")) AWS_PROFILE=\(environment["AWS_PROFILE"] ?? "unset")\n"
        let handle = FileManager.default.fileExists(atPath: log.path) ? try? FileHandle(forWritingTo: log) : nil
        if let handle {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            try? Data(line.utf8).write(to: log)
        }
    }

    /// Also writes `key`'s token for the login `arguments` (in-process only).
    func alsoWritesToken(_ key: LoginKey, for arguments: String, in fixture: LoginFixture) {
        writesToken[arguments] = fixture.cacheFile(key)
    }

    func runOnTerminal(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessOutcome {
        record(arguments, environment)
        if let file = writesToken[arguments.joined(separator: " ")] {
            try Data((LoginFixture.future + "\n").utf8).write(to: file)
        }
        return .exited(exitCode)
    }

    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CapturedOutput {
        record(arguments, environment)
        if arguments.first == "--version" { return CapturedOutput(outcome: .exited(0), standardOutput: version + "\n", standardError: "") }
        return CapturedOutput(outcome: .exited(exitCode), standardOutput: "", standardError: "")
    }

    func startDetached(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        Issue.record("sw started \(executable) detached; no test of aws expects that")
        throw UnprovidedProcesses.NotStarted()
    }

    func replaceProcess(_ program: String, _ arguments: [String], environment: [String: String],
                        applying change: EnvironmentChange) throws -> Never {
        Issue.record("sw tried to replace itself with \(program); no test of aws expects that")
        throw UnprovidedProcesses.NotStarted()
    }
}

extension SwRun {
    /// No secret from the token files or credentials reached either stream.
    var leaksSecret: Bool { (stdout + stderr).contains("SECRET") }
}
