import Foundation
import Testing
@testable import Switcher

// `sw doctor` end to end: the real binary, a copy of a fixture home with real permissions.

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("ProfileIndexTests/DoctorFixtures").path

/// Copies a fixture's home into a fresh temporary folder, with the modes the AWS CLI gives its
/// files (git keeps 0644), and a stand-in `aws` v2 (a native executable) on PATH.
private func scratchHome(_ slug: String) throws -> (home: String, env: [String: String]) {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("sw-doctor-\(UUID().uuidString)").path
    try fm.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
    try fm.copyItem(atPath: fixtures + "/" + slug + "/home", toPath: root + "/home")
    try fm.copyItem(atPath: "/bin/true", toPath: root + "/bin/aws")
    let aws = root + "/home/.aws"
    if fm.fileExists(atPath: aws + "/credentials") { try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: aws + "/credentials") }
    let cache = aws + "/sso/cache"
    if fm.fileExists(atPath: cache) {
        for name in try fm.contentsOfDirectory(atPath: cache) {
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cache + "/" + name)
        }
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: cache)
    }
    var env = ["HOME": root + "/home", "PATH": root + "/bin:/usr/bin:/bin", "SW_SHELL": "bash"]
    if let data = try? Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + slug + "/env.json")) {
        env.merge(try JSONDecoder().decode([String: String].self, from: data)) { $1 }
    }
    return (root + "/home", env)
}

@Suite("sw doctor")
struct DoctorCommandTests {
    @Test("a healthy realistic home (Teleport-generated and hand-written) exits 0 with no warnings")
    func healthy() throws {
        let (_, env) = try scratchHome("healthy-home")
        let run = try Harness.sw(["doctor"], environment: env)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasSuffix("sw doctor: 0 errors, 0 warnings, 0 info (6 profiles, 2 sso-sessions checked)\n"), "\(run.stdout)")
        #expect(run.stderr.isEmpty)
    }

    @Test("an error exits 1; --json gives the documented keys, the predicted AWS text and the fix")
    func errorAndJSON() throws {
        var (_, env) = try scratchHome("token-missing-session")
        env["AWS_PROFILE"] = "p"
        let human = try Harness.sw(["doctor"], environment: env)
        #expect(human.status == 1)
        #expect(human.stdout.contains("SW301"))
        let run = try Harness.sw(["doctor", "--json"], environment: env)
        #expect(run.status == 1)
        let findings = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(Set(f.keys) == ["id", "severity", "profile", "session", "file", "line", "message", "predicts", "fix"])
        #expect(f["id"] as? String == "SW301")
        #expect(f["severity"] as? String == "error")
        #expect(f["session"] as? String == "corp")
        #expect(f["predicts"] as? String == "Error loading SSO Token: Token for corp does not exist")
        #expect(f["fix"] as? String == "aws sso login --sso-session corp")
    }

    @Test("a config path that is a folder is reported (SW102) and fails")
    func unusableConfig() throws {
        var (home, env) = try scratchHome("healthy-home")
        try FileManager.default.createDirectory(atPath: home + "/folder-config", withIntermediateDirectories: true)
        env["AWS_CONFIG_FILE"] = home + "/folder-config"
        let run = try Harness.sw(["doctor", "--json"], environment: env)
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"SW102\""))
    }

    @Test("sw doctor NAME with an unknown name fails with a message on stderr")
    func unknownName() throws {
        let (_, env) = try scratchHome("healthy-home")
        let run = try Harness.sw(["doctor", "nosuch"], environment: env)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("no profile named 'nosuch'"))
    }

    @Test("sw doctor NAME checks only that profile: a broken neighbour is not reported")
    func focused() throws {
        let (_, env) = try scratchHome("sso-same-url-two-regions")
        #expect(try Harness.sw(["doctor"], environment: env).status == 1)
        let run = try Harness.sw(["doctor", "a"], environment: env)
        #expect(run.status == 0, "\(run.stdout)")
    }
}

@Suite("sw doctor's text")
struct DoctorTextTests {
    @Test("a fix's lines split on bytes are the lines a Character split gives, CR LF and combining marks included")
    func linesAgreeWithCharacterSplit() {
        let texts = ["", "one", "a\nb", "\n\n", "a\n", "\nb", "caf\u{E9}\ne\u{301}x\n\u{301}", "crlf\r\nkept\nsplit", "lone\rcr\nz", "[env x]\n; why\nAWS_REGION = eu-west-1"]
        for text in texts {
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(DoctorReport.lines(text).map(String.init) == expected, "\(text.debugDescription)")
        }
    }
}
