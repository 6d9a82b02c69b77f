import Foundation
import ProfileIndex
import Testing
import TestSupport

/// A scratch home for `sw export` and `--export` against the real binary: an AWS config with two
/// SSO profiles, static keys and a profile without credentials; a fake `aws` on PATH
/// (Export/fake_aws.py) that resolves each profile with the real botocore against a stand-in SSO
/// portal on 127.0.0.1, whose role credentials are hostile values (`/`, `+`, `=`, quotes, `$(…)`,
/// a session token of several kB). Every secret contains `SECRET`, so a leak is easy to find.
struct ExportFixture {
    let shell: ShellHome
    var folder: TemporaryHome { shell.folder }
    var state: URL { folder.url("fake-aws") }
    var bin: URL { folder.url("bin") }

    static let config = """
        [sso-session corp]
        sso_start_url = https://d-123.awsapps.com/start
        sso_region = us-east-1

        [profile dev]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = Admin
        region = us-west-2

        [profile lined]
        sso_session = corp
        sso_account_id = 222222222222
        sso_role_name = Admin

        [profile keys]
        region = eu-west-1

        [profile plain]
        region = eu-central-1

        """
    static let credentials = """
        [keys]
        aws_access_key_id = AKIA/KEYS+SECRET=
        aws_secret_access_key = SECRET-STATIC/KEY+x=

        """

    static let accessToken = "SECRET-SSO-ACCESS-TOKEN"
    /// dev's role credentials: what a shell, docker and JSON must carry exactly.
    static let devKey = "ASIA/DEV+SECRET=KEY"
    static let devSecret = "SECRET/dev+key=' \"$(touch CANARY)\" `touch CANARY` \\ #x;y|z"
    static let devToken = "SECRET-TOKEN/" + String(repeating: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH+A==", count: 80) + "="
    /// lined's session token holds a newline: shells can carry it, docker's env-file cannot.
    static let linedToken = "SECRET-LINE-ONE\nSECRET-LINE-TWO"

    init(version: String = "aws-cli/2.22.0 Python/3.12.6 Linux/6.1 exe/x86_64", credentialsExpireIn: Int = 7200) throws {
        shell = try ShellHome(config: ExportFixture.config, credentials: ExportFixture.credentials)
        let fake: [String: Any] = [
            "version": version,
            "accessToken": ExportFixture.accessToken,
            "loginExpiresIn": 8 * 3600,
            "roleCredentials": [
                "111111111111": ["accessKeyId": ExportFixture.devKey, "secretAccessKey": ExportFixture.devSecret,
                                 "sessionToken": ExportFixture.devToken, "expiresIn": credentialsExpireIn],
                "222222222222": ["accessKeyId": "ASIALINED", "secretAccessKey": "SECRET-LINED",
                                 "sessionToken": ExportFixture.linedToken, "expiresIn": credentialsExpireIn],
            ],
        ]
        try folder.createDirectory("fake-aws")
        try JSONSerialization.data(withJSONObject: fake).write(to: state.appendingPathComponent("fake.json"))
        let script = repositoryRoot.appendingPathComponent("Tests/SwitcherTests/Export/fake_aws.py").path
        try folder.writeExecutable("#!/bin/sh\nexec '\(try Python.path())' '\(script)' '\(state.path)' \"$@\"\n", to: "bin/aws")
    }

    /// The SSO login of `corp`, valid for eight hours of the real clock (the binary reads it).
    func logIn() throws {
        let expiry = ISO8601DateFormatter().string(from: Date().addingTimeInterval(8 * 3600))
        let token = "{\"startUrl\": \"https://d-123.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"\(ExportFixture.accessToken)\", \"expiresAt\": \"\(expiry)\"}"
        try folder.write(token, to: "home/.aws/sso/cache/" + LoginKey.session("corp").cacheFileName)
    }

    /// PATH with the fake `aws` first (or without it), then the built `sw`.
    func environment(withAWS: Bool = true, _ extra: [String: String] = [:]) -> [String: String] {
        var env = shell.environment
        if withAWS { env["PATH"] = bin.path + ":" + env["PATH"]! }
        env.merge(extra) { $1 }
        return env
    }

    /// The real `sw` binary.
    func sw(_ args: [String], withAWS: Bool = true, _ extra: [String: String] = [:]) throws -> SwRun {
        try Harness.run(Harness.swBinary, args, environment: environment(withAWS: withAWS, extra), workingDirectory: shell.work.path)
    }

    /// `script` in a real shell after `sw init`, with the fake `aws` on PATH.
    func run(_ shellName: String, _ script: String, _ extra: [String: String] = [:]) throws -> SwRun {
        try shell.run(shellName, script, extra: ["PATH": environment()["PATH"]!].merging(extra) { $1 })
    }

    /// What botocore resolved in the last export: the members of `--format process`.
    func resolved() throws -> [String: Any] {
        let data = try #require(folder.read("fake-aws/resolved.json"), "the fake aws resolved nothing")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The argument lists the fake `aws` received, in order.
    func calls() -> [[String]] {
        let text = String(decoding: folder.read("fake-aws/calls.log") ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["args"] as? [String]
        }
    }

    /// The value each shell gives `name`, written to a file so any byte survives: a shell
    /// statement that writes `$name` (or `unset`) to `name.out` in the working folder.
    static func dump(_ names: [String], shell: String, suffix: String) -> String {
        names.map { name in
            shell == "fish"
                ? "if set -q \(name); printf %s \"$\(name)\" > \(name)\(suffix).out; else; printf unset > \(name)\(suffix).out; end"
                : "if [ -n \"${\(name)+x}\" ]; then printf %s \"$\(name)\" > \(name)\(suffix).out; else printf unset > \(name)\(suffix).out; fi"
        }.joined(separator: "\n")
    }

    func value(_ name: String, _ suffix: String) -> String? {
        shell.read("\(name)\(suffix).out").map { String(decoding: $0, as: UTF8.self) }
    }

    static let variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
                            "AWS_SECURITY_TOKEN", "AWS_PROFILE"]
}
