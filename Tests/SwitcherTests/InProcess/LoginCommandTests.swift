import Foundation
import ProfileIndex
import Testing

private let corp = LoginKey.session("corp")
private let lab = LoginKey.session("lab")
private let legacy = LoginKey.startURL(LoginFixture.legacyURL)

// In-process at TestClock.now with the fake aws as process runner; the test of where the child's
// output goes runs the real binary and the fake as a script.
@Suite("sw login runs aws sso login once per distinct login")
struct LoginCommandTests {
    @Test("profiles sharing a session cause one aws sso login per session, and the fresh token is reported")
    func onePerSession() throws {
        // GIVEN no tokens, and an aws that writes a token for each session it logs in
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [corp: "sso login --sso-session corp", lab: "sso login --sso-session lab"])
        // WHEN three profiles over two sessions are named
        let r = f.sw(["login", "dev", "prod", "lab-admin"])
        // THEN one login per session, in order, and both end valid
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.loginCalls == ["sso login --sso-session corp", "sso login --sso-session lab"])
        #expect(r.stderr.contains("sw: corp: logged in, valid 7h12m\n"), "\(r.stderr)")
        #expect(r.stderr.contains("sw: lab: logged in, valid 7h12m\n"))
        #expect(r.stderr.contains("covers 2 profiles: dev, prod"))
        #expect(!r.leaksSecret)
    }

    @Test("no aws call at all when every named login is valid or refreshable")
    func noCallWhenGood() throws {
        let f = try LoginFixture()
        try f.installFakeAWS()
        try f.writeToken(corp, LoginFixture.future)
        try f.writeToken(lab, LoginFixture.token(expiresAt: "2001-01-01T00:00:00Z", refreshable: true))
        let r = f.sw(["login", "dev", "prod", "lab-admin"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.calls.isEmpty)
        #expect(r.stderr.contains("corp: valid "))
        #expect(r.stderr.contains("lab: refreshable, no login needed"))
        #expect(r.stdout.isEmpty)
        #expect(!r.leaksSecret)
    }

    @Test("--force logs in even though the token is valid")
    func force() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [corp: "sso login --sso-session corp"])
        try f.writeToken(corp, LoginFixture.future)
        let r = f.sw(["login", "--force", "dev", "prod"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.loginCalls == ["sso login --sso-session corp"])
    }

    @Test("a legacy start URL is logged in once with --profile and the first profile that has it")
    func legacyUsesProfileFlag() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [legacy: "sso login --profile old-a"])
        let r = f.sw(["login", "old-b", "old-a"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.loginCalls == ["sso login --profile old-a"])
        #expect(r.stderr.contains("\(LoginFixture.legacyURL): logged in, valid "))
    }

    @Test("the child's stdout lands on sw's stderr, so sw's stdout stays empty")
    func childStdoutGoesToStderr() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [corp: "sso login --sso-session corp"])
        let r = try f.binary(["login", "dev"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("AWS-CHILD-STDOUT sso login --sso-session corp"))
        #expect(r.stderr.contains("AWS-CHILD-STDERR"))
    }

    @Test("a failing aws sso login makes sw exit non-zero and name the exit code")
    func childFailure() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(exitCode: 255)
        let r = f.sw(["login", "dev", "lab-admin"])
        #expect(r.status == 255)
        #expect(r.stderr.contains("aws sso login --sso-session corp failed with exit code 255"))
        #expect(f.loginCalls == ["sso login --sso-session corp"], "stops at the first failure")
        #expect(r.stdout.isEmpty)
    }

    @Test("a login that exits 0 but leaves no usable token is an error that names the cache file")
    func loginWithoutToken() throws {
        let f = try LoginFixture()
        try f.installFakeAWS()
        let r = f.sw(["login", "dev"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("still finds the token missing in \(f.cacheFile(corp).path)"))
    }

    @Test("no aws on PATH: a message that says how to install AWS CLI v2")
    func missingAWS() throws {
        let f = try LoginFixture()
        let r = f.sw(["login", "dev"], path: f.bin.path)
        #expect(r.status != 0)
        #expect(r.stderr.contains("the AWS CLI (aws) is not on PATH"))
        #expect(r.stderr.contains("install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"))
    }

    @Test("AWS CLI v1 on PATH is refused before any login, since it has no sso login")
    func awsV1() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(version: "aws-cli/1.32.0 Python/3.11.6 Linux/6.1 botocore/1.34.0")
        let r = f.sw(["login", "dev"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("is AWS CLI v1 (aws-cli/1.32.0"))
        #expect(r.stderr.contains("install AWS CLI v2"))
        #expect(f.loginCalls.isEmpty)
    }

    @Test("--dry-run prints each command on stderr and runs nothing, not even aws --version")
    func dryRun() throws {
        let f = try LoginFixture()
        try f.installFakeAWS()
        try f.writeToken(lab, LoginFixture.future)
        let r = f.sw(["login", "--dry-run", "--all"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.calls.isEmpty)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("would run: aws sso login --sso-session corp"))
        #expect(r.stderr.contains("would run: aws sso login --profile old-a"))
        #expect(!r.stderr.contains("--sso-session lab"), "lab is valid")
    }

    @Test("with no names, the login of $AWS_PROFILE runs, without AWS_PROFILE in the child's environment")
    func currentProfile() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [lab: "sso login --sso-session lab"])
        let r = f.sw(["login"], ["AWS_PROFILE": "lab-admin"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.calls.filter { $0.hasPrefix("sso login") } == ["sso login --sso-session lab AWS_PROFILE=unset"])
    }

    @Test("--session names a session directly; an unknown one is an error listing the known ones")
    func sessionOption() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [lab: "sso login --sso-session lab"])
        let ok = f.sw(["login", "--session", "lab"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(f.loginCalls == ["sso login --sso-session lab"])
        let bad = f.sw(["login", "--session", "nope"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("no sso-session named 'nope'"))
        #expect(bad.stderr.contains("corp, lab"))
    }

    @Test("a profile without SSO has nothing to log in")
    func nonSSOProfile() throws {
        let f = try LoginFixture()
        try f.installFakeAWS()
        let r = f.sw(["login", "keys"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("not an SSO profile, no login to run: keys (static-keys)"))
        #expect(f.calls.isEmpty)
        #expect(!r.leaksSecret)
    }
}
