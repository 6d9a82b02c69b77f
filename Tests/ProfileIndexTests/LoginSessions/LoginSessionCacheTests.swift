import Foundation
import Testing
import TestSupport
@testable import ProfileIndex

private typealias F = LoginSessionFixture

/// A login cache folder with one file for F.session, judged at TestClock.now.
private func judge(_ body: Any?, bytes: String? = nil) throws -> TokenStatus {
    let home = try TemporaryHome("sw-login-cache")
    let folder = home.path("login/cache")
    try home.createDirectory("login/cache")
    let file = home.url("login/cache/" + F.sessionFileName)
    if let bytes { try home.write(bytes, to: file) } else if let body { try F.json(body).write(to: file) }
    return TokenCache(directory: home.path("sso/cache"), loginDirectory: folder, fileSystem: LocalFileSystem())
        .status(for: .loginSession(F.session), now: TestClock.now)
}

private func body(_ offset: TimeInterval, dpopKey: Any = F.sec1Key) -> [String: Any] {
    F.body(expiring: TestClock.now.addingTimeInterval(offset), dpopKey: dpopKey)
}

@Suite("aws login sessions: cache file and states at a fixed clock")
struct LoginSessionCacheTests {
    @Test("a login session's file is sha256 of the login_session value, as botocore's generate_login_cache_key")
    func fileName() {
        #expect(LoginKey.loginSession(F.session).cacheFileName == F.sessionFileName)
        #expect(LoginKey.loginSession("caf\u{E9}").cacheFileName == "850f7dc43910ff890f8879c0ed26fe697c93a067ad93a7d50f466a7028a9bf4e.json")
        #expect(LoginKey.loginSession("cafe\u{301}").cacheFileName == "81ef060bcd98adc7824eb5c1ada83c32491b16018e11e79f00ab9d09e04b015a.json")
        // Compared by code points: the two spellings are two logins.
        #expect(LoginKey.loginSession("caf\u{E9}") != LoginKey.loginSession("cafe\u{301}"))
        #expect(LoginKey.loginSession("x") != LoginKey.session("x"))
    }

    @Test("the folder is AWS_LOGIN_CACHE_DIRECTORY with $VAR and ~ expanded, else HOME/.aws/login/cache")
    func directory() {
        #expect(LoginSessionCache.directory(environment: [:], home: "/home/u") == "/home/u/.aws/login/cache")
        #expect(LoginSessionCache.directory(environment: [:], home: "/home/u/") == "/home/u/.aws/login/cache")
        #expect(LoginSessionCache.directory(environment: ["AWS_LOGIN_CACHE_DIRECTORY": "~/x"], home: "/home/u") == "/home/u/x")
        #expect(LoginSessionCache.directory(environment: ["AWS_LOGIN_CACHE_DIRECTORY": "$BASE/c", "BASE": "/b"], home: "/h") == "/b/c")
        #expect(LoginSessionCache.directory(environment: ["AWS_LOGIN_CACHE_DIRECTORY": "$NOPE/c"], home: "/h") == "$NOPE/c")
    }

    @Test("the states follow botocore's windows: valid from 5 minutes left on, refreshable below, expired 12 hours after")
    func windows() throws {
        // GIVEN files expiring at various distances from TestClock.now
        // WHEN sw judges each  THEN
        #expect(try judge(body(7 * 3600)).state == .valid)
        #expect(try judge(body(6 * 60)).state == .valid)
        #expect(try judge(body(5 * 60)).state == .refreshable)
        #expect(try judge(body(-3600)).state == .refreshable)
        #expect(try judge(body(-11 * 3600)).state == .refreshable)
        #expect(try judge(body(-12 * 3600 - 60)).state == .expired)
        let valid = try judge(body(7 * 3600))
        #expect(valid.expiresAt == TestClock.now.addingTimeInterval(7 * 3600))
        #expect(valid.canRefresh)
        #expect(valid.problem == nil)
    }

    @Test("a key botocore cannot load matters only once the refresh is mandatory (under 10 minutes left)")
    func unloadableKey() throws {
        let bad = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"
        #expect(try judge(body(12 * 60, dpopKey: bad)).state == .valid)
        let status = try judge(body(7 * 60, dpopKey: bad))
        #expect(status.state == .invalid)
        #expect(status.problem?.contains("dpopKey is not an EC private key") == true)
        #expect(try judge(body(-60, dpopKey: F.pkcs8Key)).state == .refreshable)
        #expect(try judge(body(-60, dpopKey: 5)).problem?.contains("dpopKey is a number, not a string") == true)
    }

    @Test("missing and invalid files say what botocore says, naming fields and never a value")
    func missingAndInvalid() throws {
        #expect(try judge(nil).state == .missing)
        var fields = body(3600)
        fields["clientId"] = nil
        fields["dpopKey"] = nil
        let missing = try judge(fields)
        #expect(missing.state == .invalid)
        #expect(missing.problem == "the login cache file has no dpopKey, clientId (botocore: Failed to load access token from token cache, missing required fields: dpopKey, clientId.)")
        var lacking = body(3600)
        var access = lacking["accessToken"] as! [String: Any]
        access["sessionToken"] = nil
        access["accountId"] = nil
        lacking["accessToken"] = access
        #expect(try judge(lacking).problem == "accessToken has no sessionToken, accountId (botocore crashes with KeyError: 'sessionToken')")
        #expect(try judge(nil, bytes: "{\"accessToken\": ").problem?.contains("not valid JSON") == true)
        #expect(try judge(body(3600).merging(["accessToken": "x"]) { $1 }).problem == "accessToken is a string, not an object (botocore crashes with TypeError)")
        var zoneless = body(3600)
        access = zoneless["accessToken"] as! [String: Any]
        access["expiresAt"] = "2099-01-01T00:00:00"
        zoneless["accessToken"] = access
        #expect(try judge(zoneless).problem?.hasPrefix("accessToken.expiresAt has no time zone") == true)
        for status in [missing, try judge(lacking), try judge(zoneless)] {
            for secret in F.secrets { #expect(!(status.problem ?? "").contains(secret)) }
        }
    }

    @Test("a session file beside SSO tokens: the SSO folder is not where sw looks for it")
    func separateFolders() throws {
        let home = try TemporaryHome("sw-login-cache")
        try home.createDirectory("sso/cache")
        try F.json(body(3600)).write(to: home.url("sso/cache/" + F.sessionFileName))
        let cache = TokenCache(directory: home.path("sso/cache"), loginDirectory: home.path("login/cache"), fileSystem: LocalFileSystem())
        let status = cache.status(for: .loginSession(F.session), now: TestClock.now)
        #expect(status.state == .missing)
        #expect(status.cacheFile == home.path("login/cache/" + F.sessionFileName))
    }
}

@Suite("aws login sessions in the index")
struct LoginSessionIndexTests {
    static let config = """
        [profile console]
        login_session = \(F.session)
        region = us-east-1

        [profile console-2]
        login_session = \(F.session)

        [profile deploy]
        source_profile = console
        role_arn = arn:aws:iam::111122223333:role/Deploy

        [profile sso-wins]
        login_session = \(F.session)
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Admin

        [profile keys-win]
        login_session = \(F.session)

        """
    static let credentials = """
        [keys-win]
        aws_access_key_id = AKIAEXAMPLE
        aws_secret_access_key = secret

        """

    @Test("profiles naming one login_session share a login; a role assumed from one has it; other providers win over it")
    func grouping() {
        // GIVEN the config above, parsed and from a snapshot
        let index = Index(config: Array(Self.config.utf8), credentials: Array(Self.credentials.utf8))
        let key = LoginKey.loginSession(F.session)
        // THEN
        #expect(index.logins[key] == ["console", "console-2"])
        #expect(index.profile(named: "deploy").flatMap(index.effectiveLoginKey(of:)) == key)
        #expect(index.profile(named: "sso-wins")?.loginKey == .session("corp"))
        #expect(index.profile(named: "keys-win")?.loginKey == nil)
        #expect(index.profile(named: "console")?.kind == .loginSession)
    }
}

@Suite("aws login sessions in sw's index snapshot")
struct LoginSessionSnapshotTests {
    @Test("a snapshot keeps login-session logins: own, shared and a role's, read back as Profiles and as records")
    func roundTrip() throws {
        // GIVEN the index test's files and a cache folder
        let home = try TemporaryHome("sw-login-snapshot")
        try home.write(LoginSessionIndexTests.config, to: "config")
        try home.write(LoginSessionIndexTests.credentials, to: "credentials")
        let paths = AWSPaths(config: home.path("config"), credentials: home.path("credentials"), home: home.path(""))
        let cache = IndexCache(directory: home.path("cache/sw"), identity: Array("test-build-1".utf8))
        let later = Int(Date().timeIntervalSince1970) + 3600
        // WHEN it is parsed (snapshot written) and loaded again from the snapshot
        let (parsed, first) = Index.load(paths: paths, fileSystem: LocalFileSystem(), cache: cache, now: later)
        let (cached, second) = Index.load(paths: paths, fileSystem: LocalFileSystem(), cache: cache, now: later)
        #expect(first == .written && second == .hit)
        // THEN both answer the same logins
        let key = LoginKey.loginSession(F.session)
        #expect(cached.logins == parsed.logins)
        #expect(cached.logins[key] == ["console", "console-2"])
        #expect(cached.profiles.map { cached.effectiveLoginKey(of: $0) } == parsed.profiles.map { parsed.effectiveLoginKey(of: $0) })
        let records = try #require(cached.profileRecords)
        for i in 0..<records.count {
            let record = records.record(at: i)
            let login = records.effectiveLogin(of: record).map { records.loginKey($0.id) }
            #expect(login == parsed.effectiveLoginKey(of: parsed.profiles[i]), "\(parsed.profiles[i].name)")
        }
    }
}
