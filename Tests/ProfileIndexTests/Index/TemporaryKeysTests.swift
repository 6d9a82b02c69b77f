import Foundation
import Testing
@testable import ProfileIndex

// Temporary keys with `x_security_token_expires` are a login like an SSO token: `valid` until
// the expiry, then `expired`; a role assumed from them uses that login. And an `sso_session`
// that names no section is `broken`, whatever token file there is. Time comes from a fixed
// clock: 2026-12-03T12:00:00Z.

private let now = Date(timeIntervalSince1970: 1_796_299_200)  // 2026-12-03T12:00:00Z

private func credentials(expires: String, profile: String = "saml") -> String {
    """
    [\(profile)]
    aws_access_key_id        = ASIAEXAMPLE
    aws_secret_access_key    = SECRET-KEY
    aws_session_token        = SECRET-SESSION
    aws_security_token       = SECRET-SESSION
    x_principal_arn          = arn:aws:sts::123456789012:assumed-role/Role/user
    x_security_token_expires = \(expires)

    """
}

private func status(expires: String, at time: Date = now) throws -> TokenStatus {
    let index = Index(config: nil, credentials: Array(credentials(expires: expires).utf8))
    let profile = try #require(index.profile(named: "saml"))
    let key = try #require(index.effectiveLoginKey(of: profile))
    #expect(key == .temporaryKeys(profile: "saml"))
    return index.loginStatus(key, cache: TokenCache(directory: "/nonexistent", fileSystem: LocalFileSystem()), now: time)
}

@Suite("Temporary keys are logins")
struct TemporaryKeysTests {
    @Test("saml2aws's RFC 3339 expiry with an offset: valid before it, with the exact instant")
    func saml2awsOffsetIsValidBeforeExpiry() throws {
        let s = try status(expires: "2026-12-03T13:04:05+01:00")
        #expect(s.state == .valid)
        #expect(s.expiresAt == Date(timeIntervalSince1970: 1_796_299_200 + 4 * 60 + 5))
        #expect(!s.needsLogin)
    }

    @Test("the same keys one second after the expiry are expired")
    func expiredAfterTheInstant() throws {
        let s = try status(expires: "2026-12-03T13:04:05+01:00", at: now.addingTimeInterval(4 * 60 + 6))
        #expect(s.state == .expired)
        #expect(s.needsLogin)
    }

    @Test("gimme-aws-creds's Python isoformat, with and without microseconds, is read")
    func pythonIsoformat() throws {
        #expect(try status(expires: "2026-12-03T11:59:59+00:00").state == .expired)
        let micro = try status(expires: "2026-12-03T12:30:00.123456+00:00")
        #expect(micro.state == .valid)
        #expect(abs((micro.expiresAt?.timeIntervalSince(now) ?? 0) - (30 * 60 + 0.123456)) < 1e-5)
    }

    @Test("an expiry without a time zone, or not a date, is invalid with the reason and the place")
    func unreadableExpiryIsInvalid() throws {
        let naive = try status(expires: "2026-12-03T12:30:00")
        #expect(naive.state == .invalid)
        #expect(naive.problem?.contains("no time zone") == true)
        #expect(naive.problem?.contains("credentials:7") == true)
        let garbage = try status(expires: "tomorrow")
        #expect(garbage.state == .invalid)
        #expect(garbage.problem?.contains("not a date and time") == true)
    }

    @Test("a role assumed from a temporary-keys profile has that profile's keys as its login")
    func assumedRoleUsesSourceKeys() throws {
        let index = Index(config: Array("[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = saml\n".utf8),
                          credentials: Array(credentials(expires: "2026-12-03T13:04:05+01:00").utf8))
        let deploy = try #require(index.profile(named: "deploy"))
        #expect(deploy.kind == .assumeRole)
        #expect(index.effectiveLoginKey(of: deploy) == .temporaryKeys(profile: "saml"))
        #expect(index.logins[.temporaryKeys(profile: "saml")] == ["saml"])
    }

    @Test("keys without an expiry, and an expiry beside a credential_process in the config, are no temporary-keys login")
    func onlyStaticKeysWithAnExpiry() throws {
        let plain = Index(config: nil, credentials: Array("[k]\naws_access_key_id = a\naws_secret_access_key = b\n".utf8))
        #expect(plain.profile(named: "k").flatMap(plain.effectiveLoginKey(of:)) == nil)
        let process = Index(config: Array("[profile p]\naws_access_key_id = a\naws_secret_access_key = b\nx_security_token_expires = 2026-12-03T13:04:05Z\ncredential_process = tool\n".utf8))
        let p = try #require(process.profile(named: "p"))
        #expect(p.kind == .credentialProcess)
        #expect(p.loginKey == nil)
        #expect(process.logins.isEmpty)
    }

    @Test("the login and its group survive sw's index snapshot, as Profiles and read in place")
    func snapshotKeepsTemporaryKeysLogin() throws {
        let (cached, outcome) = try indexFromSnapshot(
            config: "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = saml\n",
            credentials: credentials(expires: "2026-12-03T13:04:05+01:00"))
        #expect(outcome == .hit)
        let deploy = try #require(cached.profile(named: "deploy"))
        #expect(cached.effectiveLoginKey(of: deploy) == .temporaryKeys(profile: "saml"))
        #expect(cached.loginGroupSize(.temporaryKeys(profile: "saml")) == 1)
        let records = try #require(cached.profileRecords)
        let logins = (0..<records.count).map { i in records.effectiveLogin(of: records.record(at: i)).map { records.loginKey($0.id) } }
        #expect(logins == [.temporaryKeys(profile: "saml"), .temporaryKeys(profile: "saml")])
        #expect(cached.loginStatus(.temporaryKeys(profile: "saml"), cache: TokenCache(directory: "/nonexistent", fileSystem: LocalFileSystem()), now: now).state == .valid)
    }
}

@Suite("An sso_session without its section is a broken login")
struct BrokenSessionTests {
    @Test("a valid token file named after the missing session does not make the login valid")
    func missingSectionIsBrokenDespiteToken() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sw-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let token = #"{"accessToken": "SECRET", "expiresAt": "2026-12-03T20:00:00Z"}"#
        for name in ["ghost", "real"] {
            try Data(token.utf8).write(to: dir.appendingPathComponent(LoginKey.session(name).cacheFileName))
        }
        let index = Index(config: Array("""
            [profile p]
            sso_session = ghost
            sso_account_id = 123456789012
            sso_role_name = R
            [profile q]
            sso_session = real
            sso_account_id = 123456789012
            sso_role_name = R
            [sso-session real]
            sso_start_url = https://x.awsapps.com/start
            sso_region = us-east-1
            """.utf8))
        let cache = TokenCache(directory: dir.path, fileSystem: LocalFileSystem())
        let broken = index.loginStatus(.session("ghost"), cache: cache, now: now)
        #expect(broken.state == .broken)
        #expect(broken.needsLogin)
        #expect(broken.problem?.contains("The specified sso-session does not exist: \"ghost\"") == true)
        #expect(index.loginStatus(.session("real"), cache: cache, now: now).state == .valid)
    }
}
