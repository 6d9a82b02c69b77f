import Foundation
import Glibc
import ProfileIndex

/// A scratch HOME with an AWS config of two sso-sessions, one legacy start URL shared by two
/// profiles, a static-keys profile and a role assumed from an SSO profile; token files and a fake
/// `aws` are added per test.
struct LoginFixture {
    let home: URL
    let bin: URL
    let log: URL

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
        home = FileManager.default.temporaryDirectory.appendingPathComponent("sw-login-\(UUID().uuidString)")
        bin = home.appendingPathComponent("bin")
        log = home.appendingPathComponent("aws-calls.log")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws/sso/cache"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try Data(LoginFixture.config.utf8).write(to: home.appendingPathComponent(".aws/config"))
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

    static let future = token(expiresAt: "2099-01-01T00:00:00Z")
    static let past = token(expiresAt: "2001-01-01T00:00:00Z")

    func writeToken(_ key: LoginKey, _ json: String) throws {
        try Data(json.utf8).write(to: cacheFile(key))
    }

    /// Installs `bin/aws`: a /bin/sh script that appends each call (`ARGS AWS_PROFILE=…`) to the
    /// log, prints a line on stdout and one on stderr, answers `--version` with `version`, writes
    /// a fresh token for each login listed in `writesToken`, and exits with `exitCode`.
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
            script += "  '\(args)') echo '\(LoginFixture.future)' > '\(cacheFile(key).path)' ;;\n"
        }
        script += "esac\nexit \(exitCode)\n"
        try writeExecutable(bin.appendingPathComponent("aws").path, script)
    }

    /// Written with one O_CLOEXEC descriptor closed before any `sw` starts, so a process the
    /// test runner forks meanwhile cannot hold it open for writing (ETXTBSY on exec).
    private func writeExecutable(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw POSIXError(.EIO) }
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
        var env = ["HOME": home.path, "PATH": path ?? "\(bin.path):/usr/bin:/bin"]
        env.merge(extra) { $1 }
        return env
    }

    func sw(_ args: [String], _ extra: [String: String] = [:], path: String? = nil) throws -> SwRun {
        try Harness.sw(args, environment: environment(extra, path: path))
    }

    func remove() { try? FileManager.default.removeItem(at: home) }
}

extension SwRun {
    /// No secret from the token files or credentials reached either stream.
    var leaksSecret: Bool { (stdout + stderr).contains("SECRET") }
}
