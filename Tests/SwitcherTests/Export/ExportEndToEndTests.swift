import Foundation
import Testing
import TestSupport

/// `sw export` run as the binary, with a fake `aws` whose credentials botocore resolves.
@Suite("sw export against botocore")
struct ExportEndToEndTests {
    @Test("eval \"$(sw export NAME --shell S)\" gives exactly the values botocore resolved, hostile characters included",
          arguments: ["bash", "zsh", "fish"])
    func evalGivesBotocoresValues(shell: String) throws {
        // GIVEN a valid SSO login for dev, and stale session variables from another tool
        let fixture = try ExportFixture()
        try fixture.logIn()
        // WHEN the output of sw export is evaluated by the shell (not through the sw function)
        let eval = shell == "fish" ? "command sw export dev --shell fish | source" : "eval \"$(command sw export dev --shell \(shell))\""
        let result = try fixture.run(shell, eval + "\n" + ExportFixture.dump(ExportFixture.variables, shell: shell, suffix: ""),
                                     ["AWS_SECURITY_TOKEN": "SECRET-STALE-SECURITY-TOKEN"])
        // THEN each variable holds botocore's value byte for byte, no code ran, no secret on stderr
        #expect(result.status == 0, "\(result.stderr)")
        let resolved = try fixture.resolved()
        #expect(fixture.value("AWS_ACCESS_KEY_ID", "") == ExportFixture.devKey)
        #expect(fixture.value("AWS_ACCESS_KEY_ID", "") == resolved["AccessKeyId"] as? String)
        #expect(fixture.value("AWS_SECRET_ACCESS_KEY", "") == resolved["SecretAccessKey"] as? String)
        #expect(fixture.value("AWS_SECRET_ACCESS_KEY", "") == ExportFixture.devSecret)
        #expect(fixture.value("AWS_SESSION_TOKEN", "") == resolved["SessionToken"] as? String)
        #expect(fixture.value("AWS_SESSION_TOKEN", "") == ExportFixture.devToken)
        let expiration = try #require(resolved["Expiration"] as? String)
        #expect(fixture.value("AWS_CREDENTIAL_EXPIRATION", "") == expiration)
        #expect(expiration.hasSuffix("+00:00"), "botocore's isoformat: \(expiration)")
        #expect(fixture.value("AWS_SECURITY_TOKEN", "") == "unset")
        #expect(!fixture.shell.canaryCreated)
        #expect(!result.stderr.contains("SECRET"))
        // AND the CLI was asked for exactly this profile, in the process format
        #expect(fixture.calls().last == ["configure", "export-credentials", "--profile", "dev", "--format", "process"])
    }

    @Test("--format json prints the credential_process JSON in the AWS CLI's key order")
    func jsonShape() throws {
        let fixture = try ExportFixture()
        try fixture.logIn()
        let result = try fixture.sw(["export", "dev", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("SECRET"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let resolved = try fixture.resolved()
        #expect(object["Version"] as? Int == 1)
        for key in ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"] {
            #expect(object[key] as? String == resolved[key] as? String, "\(key)")
        }
        #expect(object.count == 5)
        let positions = ["\"Version\"", "\"AccessKeyId\"", "\"SecretAccessKey\"", "\"SessionToken\"", "\"Expiration\""]
            .map { result.stdout.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test("--format json of static keys has neither SessionToken nor Expiration, as the CLI's")
    func jsonOfStaticKeys() throws {
        let fixture = try ExportFixture()
        let result = try fixture.sw(["export", "keys", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["Version", "AccessKeyId", "SecretAccessKey"])
        #expect(object["SecretAccessKey"] as? String == "SECRET-STATIC/KEY+x=")
        #expect(!result.stderr.contains("SECRET"))
    }

    @Test("--format dotenv prints lines docker's env-file reader reads back unchanged")
    func dotenvLines() throws {
        let fixture = try ExportFixture()
        try fixture.logIn()
        let result = try fixture.sw(["export", "dev", "--format", "dotenv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("SECRET"))
        let resolved = try fixture.resolved()
        // docker (pkg/kvfile): one variable per line, the value is everything after the first '='
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "")
        let pairs = lines.dropLast().map { line -> (String, String) in
            let cut = line.firstIndex(of: "=")!
            return (String(line[..<cut]), String(line[line.index(after: cut)...]))
        }
        #expect(pairs.map(\.0) == ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"])
        #expect(pairs.map(\.1) == ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"].map { resolved[$0] as? String ?? "" })
    }

    @Test("--format dotenv refuses a value with a newline, naming the variable and not the value; stdout stays empty")
    func dotenvRefusesNewline() throws {
        let fixture = try ExportFixture()
        try fixture.logIn()
        let result = try fixture.sw(["export", "lined", "--format", "dotenv"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("AWS_SESSION_TOKEN contains a newline"), "\(result.stderr)")
        #expect(!result.stderr.contains("SECRET"))
    }

    @Test("sw export --login runs aws sso login first when the login is missing, then exports")
    func loginFirst() throws {
        let fixture = try ExportFixture()
        let result = try fixture.sw(["export", "dev", "--login", "--shell", "bash"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fixture.calls().map { $0.prefix(2).joined(separator: " ") }.contains("sso login"))
        #expect(result.stdout.contains("builtin export AWS_SESSION_TOKEN="))
        #expect(!result.stderr.contains("SECRET"))
    }

    @Test("a failed export passes the CLI's message through, exits with its code and prints nothing on stdout")
    func failedExport() throws {
        // GIVEN no SSO login at all: botocore cannot load the token
        let fixture = try ExportFixture()
        let result = try fixture.sw(["export", "dev", "--shell", "bash"])
        #expect(result.status == 253)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Unable to retrieve credentials"), "\(result.stderr)")
        #expect(result.stderr.contains("failed with exit code 253"))
        #expect(!result.stderr.contains("SECRET"))
    }

    @Test("without aws on PATH sw export exits 127 with an empty stdout")
    func noAWS() throws {
        let fixture = try ExportFixture()
        try fixture.logIn()
        let result = try fixture.sw(["export", "dev", "--shell", "bash"], withAWS: false)
        #expect(result.status == 127)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("aws configure export-credentials"))
        #expect(!result.stderr.contains("SECRET"))
    }

    @Test("AWS CLI v1 and a v2 older than 2.9.0 are refused before any export is attempted",
          arguments: ["aws-cli/1.29.0 Python/3.11.7 Linux/6.1 botocore/1.31.0", "aws-cli/2.8.13 Python/3.9.11 Linux/6.1 exe/x86_64"])
    func oldCLIRefused(version: String) throws {
        let fixture = try ExportFixture(version: version)
        try fixture.logIn()
        let result = try fixture.sw(["export", "dev", "--shell", "bash"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(version.hasPrefix("aws-cli/1") ? "AWS CLI v1" : "came in 2.9.0"), "\(result.stderr)")
        #expect(fixture.calls() == [["--version"]])
        #expect(!result.stderr.contains("SECRET"))
    }
}
