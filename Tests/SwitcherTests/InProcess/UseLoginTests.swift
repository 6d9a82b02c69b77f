import Foundation
import ProfileIndex
import Testing

private let corp = LoginKey.session("corp")
private let lab = LoginKey.session("lab")
private let legacy = LoginKey.startURL(LoginFixture.legacyURL)

// In-process at TestClock.now with the fake aws as process runner; the test of where the child's
// output goes runs the real binary and the fake as a script.
@Suite("sw use reports the SSO login, and --login logs in first")
struct UseLoginTests {
    @Test("a good login: one stderr line with the session, time left, how many share it, and no login needed")
    func goodLoginLine() throws {
        let f = try LoginFixture()
        try f.writeToken(corp, LoginFixture.future)
        let r = f.sw(["use", "--shell", "bash", "dev"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("sw: login corp: valid 7h12m, shared with 1 other profile; no login needed\n"), "\(r.stderr)")
        #expect(r.stdout.contains("AWS_PROFILE"))
        #expect(!r.leaksSecret)
    }

    @Test("a needed login: the line gives the exact aws command, --profile for a legacy start URL")
    func neededLoginLine() throws {
        let f = try LoginFixture()
        try f.writeToken(lab, LoginFixture.past)
        let session = f.sw(["use", "--shell", "bash", "lab-admin"])
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stderr.contains("login lab: expired; log in with: aws sso login --sso-session lab"))
        let old = f.sw(["use", "--shell", "bash", "old-b"])
        #expect(old.stderr.contains("login \(LoginFixture.legacyURL): missing, shared with 1 other profile; log in with: aws sso login --profile old-b"), "the profile being switched to")
    }

    @Test("a profile without SSO gets no login line")
    func noLineWithoutSSO() throws {
        let f = try LoginFixture()
        let r = f.sw(["use", "--shell", "bash", "keys"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("sw: login "))
    }

    @Test("--login runs aws sso login when needed, keeps the child off stdout, then prints the eval code")
    func loginWhenNeeded() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [corp: "sso login --sso-session corp"])
        let r = try f.binary(["use", "--shell", "bash", "--login", "prod"], ["AWS_PROFILE": "gone-profile"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.calls.filter { $0.hasPrefix("sso login") } == ["sso login --sso-session corp AWS_PROFILE=unset"])
        #expect(!r.stdout.contains("AWS-CHILD"))
        #expect(r.stderr.contains("AWS-CHILD-STDOUT"))
        #expect(r.stdout.contains("prod"))
        #expect(r.stderr.contains("no login needed"))
    }

    @Test("[login] auto = true in sw's config logs in as --login does")
    func autoLoginFromConfig() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [corp: "sso login --sso-session corp"])
        let configDir = f.home.appendingPathComponent(".config/sw")
        try FileManager.default.createDirectory(at: configDir, withIntermediateDirectories: true)
        try Data("[login]\nauto = true\n".utf8).write(to: configDir.appendingPathComponent("config.ini"))
        let r = f.sw(["use", "--shell", "bash", "prod"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.calls.filter { $0.hasPrefix("sso login") } == ["sso login --sso-session corp AWS_PROFILE=unset"])
        #expect(r.stdout.contains("prod"))
    }

    @Test("--login runs nothing when the login is still good")
    func noLoginWhenGood() throws {
        let f = try LoginFixture()
        try f.installFakeAWS()
        try f.writeToken(corp, LoginFixture.future)
        let r = f.sw(["use", "--shell", "bash", "--login", "dev"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.calls.isEmpty)
        #expect(r.stdout.contains("dev"))
    }

    @Test("a role assumed from an SSO profile: sw use, current, list, show and --login all use the source's login")
    func assumedRoleUsesTheSourceLogin() throws {
        // GIVEN dev-deploy, which assumes a role with dev's credentials (sso-session corp), and no token
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [corp: "sso login --sso-session corp"])
        let before = f.sw(["current", "--format", "%s"], ["AWS_PROFILE": "dev-deploy"])
        let line = f.sw(["use", "--shell", "bash", "dev-deploy"])
        // WHEN sw use --login switches to it
        let login = f.sw(["use", "--shell", "bash", "--login", "dev-deploy"])
        // THEN every command speaks of corp's login, and --login logged in to corp once
        #expect(before.stdout == "missing\n", "\(before.stdout)\(before.stderr)")
        #expect(line.stderr.contains("login corp: missing, shared with 2 other profiles; log in with: aws sso login --sso-session corp"), "\(line.stderr)")
        #expect(login.status == 0, "\(login.stderr)")
        #expect(f.calls.filter { $0.hasPrefix("sso login") } == ["sso login --sso-session corp AWS_PROFILE=unset"])
        let after = f.sw(["current", "--format", "%s"], ["AWS_PROFILE": "dev-deploy"])
        #expect(after.stdout == "valid\n")
        let json = f.sw(["show", "--json", "dev-deploy"])
        #expect(json.stdout.contains(#""state":"valid""#) || json.stdout.contains(#""state": "valid""#), "\(json.stdout)")
        let list = f.sw(["list"])
        let row = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("dev-deploy ") })
        #expect(row.contains("valid"), "\(row)")
    }

    @Test("--login with a failing aws sso login: non-zero exit and empty stdout, so eval does nothing")
    func failedLogin() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(exitCode: 2)
        let r = f.sw(["use", "--shell", "bash", "--login", "dev"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("failed with exit code 2"))
    }
}
