import Foundation
import ProfileIndex
@testable import Switcher
import Testing

// sw, in-process at TestClock.now, on temporary keys (x_security_token_expires), an sso_session
// without its section, and secrets written as nested sub-keys.

private func keys(_ profile: String, expires: String) -> String {
    """
    [\(profile)]
    aws_access_key_id        = ASIAEXAMPLE
    aws_secret_access_key    = SECRET-TEMP-KEY
    aws_session_token        = SECRET-TEMP-SESSION
    aws_security_token       = SECRET-TEMP-SESSION
    x_principal_arn          = arn:aws:sts::123456789012:assumed-role/Role/user
    x_security_token_expires = \(expires)

    """
}

/// LoginFixture's home plus: `saml` (keys expired in 2001), `okta` (valid until 2099), a role
/// `saml-deploy` assumed from `saml`, `ghost` whose sso_session has no section (with a valid
/// token file under that name), and `nested` with a secret written as a nested sub-key.
private func fixture() throws -> LoginFixture {
    let f = try LoginFixture()
    let aws = f.home.appendingPathComponent(".aws")
    try Data((LoginFixture.config + """
        [profile saml-deploy]
        role_arn = arn:aws:iam::123456789012:role/Deploy
        source_profile = saml
        region = eu-west-1

        [profile ghost]
        sso_session = nowhere
        sso_account_id = 111111111111
        sso_role_name = Admin

        [profile nested]
        region = eu-west-1
        aws_access_key_id =
          aws_secret_access_key = SECRET-NESTED-SUBKEY
        s3 =
          aws_session_token = SECRET-NESTED-UNDER-S3
          max_concurrent_requests = 4

        """).utf8).write(to: aws.appendingPathComponent("config"))
    try Data((keys("saml", expires: "2001-02-03T13:04:05+01:00") + keys("okta", expires: "2099-01-01T00:00:00.000001+00:00")).utf8)
        .write(to: aws.appendingPathComponent("credentials"))
    try f.writeToken(.session("nowhere"), LoginFixture.future)
    try f.installFakeAWS()
    return f
}

@Suite("temporary keys, broken sessions and nested secrets, end to end")
struct TemporaryKeysCommandTests {
    @Test("sw list --json gives temporary keys a login object with state and expiry, the role assumed from them the same, a missing session broken")
    func listJSONStates() throws {
        let f = try fixture()
        let r = f.sw(["list", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.leaksSecret)
        let byName = Dictionary(uniqueKeysWithValues: try jsonArray(r.stdout).map { ($0["name"] as! String, $0) })
        let saml = try #require(byName["saml"]?["login"] as? [String: Any])
        #expect(saml["state"] as? String == "expired")
        #expect(saml["expires_at"] as? String == "2001-02-03T12:04:05Z")
        #expect(saml["cache_file"] as? String == f.home.appendingPathComponent(".aws/credentials").path)
        let deploy = try #require(byName["saml-deploy"]?["login"] as? [String: Any])
        #expect(deploy["state"] as? String == "expired")
        #expect(deploy["shared_with"] as? Int == 1)
        let okta = try #require(byName["okta"]?["login"] as? [String: Any])
        #expect(okta["state"] as? String == "valid")
        #expect(okta["expires_at"] as? String == "2099-01-01T00:00:00Z")
        let ghost = try #require(byName["ghost"]?["login"] as? [String: Any])
        #expect(ghost["state"] as? String == "broken")
        #expect(byName["saml"]?["kind"] as? String == "static-keys")
    }

    @Test("sw current %s and sw show give the state; show names what renews the keys")
    func currentAndShow() throws {
        let f = try fixture()
        #expect(f.sw(["current", "--format", "%s"], ["AWS_PROFILE": "saml-deploy"]).stdout == "expired\n")
        #expect(f.sw(["current", "--format", "%s"], ["AWS_PROFILE": "okta"]).stdout == "valid\n")
        #expect(f.sw(["current", "--format", "%s"], ["AWS_PROFILE": "ghost"]).stdout == "broken\n")
        let show = f.sw(["show", "saml"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("expired (expires 2001-02-03T12:04:05Z)"), "\(show.stdout)")
        #expect(show.stdout.contains("saml2aws login -p saml"), "\(show.stdout)")
        #expect(!show.stdout.contains("aws sso login"))
        #expect(!show.leaksSecret)
    }

    @Test("sw use on expired keys switches and says which tool renews them; on a broken session it says why")
    func useLine() throws {
        let f = try fixture()
        let r = f.sw(["use", "--shell", "bash", "saml-deploy"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("AWS_PROFILE='saml-deploy'") || r.stdout.contains("AWS_PROFILE=saml-deploy"), "\(r.stdout)")
        #expect(r.stderr.contains("keys of saml: expired at 2001-02-03T12:04:05Z"), "\(r.stderr)")
        #expect(r.stderr.contains("saml2aws login -p saml") && r.stderr.contains("gimme-aws-creds"), "\(r.stderr)")
        #expect(!r.stderr.contains("aws sso login"))
        let ghost = f.sw(["use", "--shell", "bash", "ghost"])
        #expect(ghost.stderr.contains("nowhere: broken"), "\(ghost.stderr)")
        #expect(ghost.stderr.contains("The specified sso-session does not exist"), "\(ghost.stderr)")
        let login = f.sw(["use", "--shell", "bash", "--login", "saml"])
        #expect(login.status == 0, "\(login.stderr)")
        #expect(f.loginCalls.isEmpty, "\(f.calls)")
    }

    @Test("sw login on temporary keys runs nothing: valid keys need nothing (exit 0), expired ones are explained (exit 1)")
    func loginRunsNothing() throws {
        let f = try fixture()
        let valid = f.sw(["login", "okta"])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stderr.contains("no login needed"), "\(valid.stderr)")
        let expired = f.sw(["login", "saml-deploy"])
        #expect(expired.status == 1, "\(expired.stderr)")
        #expect(expired.stdout.isEmpty)
        #expect(expired.stderr.contains("sw cannot run this login itself") && expired.stderr.contains("saml2aws login -p saml"), "\(expired.stderr)")
        let broken = f.sw(["login", "ghost"])
        #expect(broken.status == 1, "\(broken.stderr)")
        #expect(f.loginCalls.isEmpty, "\(f.calls)")
        #expect(!expired.leaksSecret && !broken.leaksSecret)
    }

    @Test("sw doctor: expired keys of the profile in use are an error, elsewhere a warning, with the renewing command as fix")
    func doctorSeverity() throws {
        let f = try fixture()
        let inUse = f.sw(["doctor", "--json", "saml-deploy"])
        #expect(inUse.status == 1, "\(inUse.stderr)")
        let findings = try jsonArray(inUse.stdout)
        let expired = try #require(findings.first { $0["id"] as? String == "SW307" }, "\(inUse.stdout)")
        #expect(expired["severity"] as? String == "error")
        #expect((expired["fix"] as? String)?.contains("saml2aws login -p saml") == true)
        let elsewhere = f.sw(["doctor", "--json"], ["AWS_PROFILE": "okta"])
        let all = try jsonArray(elsewhere.stdout)
        let warning = try #require(all.first { $0["id"] as? String == "SW307" }, "\(elsewhere.stdout)")
        #expect(warning["severity"] as? String == "warning")
        #expect(!inUse.leaksSecret && !elsewhere.leaksSecret)
    }

    @Test("a secret written as a nested sub-key, under any key, is never printed by list, list --json (parsed and cached), show, show --json or doctor")
    func nestedSecretsNeverPrinted() throws {
        let f = try fixture()
        let xdg = ["XDG_CACHE_HOME": f.home.appendingPathComponent("xdg").path, "SW_INDEX_CACHE": "trace"]
        let runs = [f.sw(["list"], xdg), f.sw(["list", "--json"], xdg), f.sw(["list", "--json"], xdg),
                    f.sw(["show", "nested"], xdg), f.sw(["show", "--json", "nested"], xdg), f.sw(["doctor"], xdg),
                    f.sw(["doctor", "--json", "nested"], xdg)]
        #expect(runs[2].stderr.contains("index cache: hit"), "\(runs[2].stderr)")
        for r in runs { #expect(!r.leaksSecret, "\(r.stdout)\(r.stderr)") }
        let show = try #require(try jsonArray("[" + runs[4].stdout + "]").first)
        let settings = try #require(show["settings"] as? [String: Any])
        #expect((settings["aws_access_key_id"] as? [String: String]) == ["aws_secret_access_key": "<redacted>"])
        #expect((settings["s3"] as? [String: String]) == ["aws_session_token": "<redacted>", "max_concurrent_requests": "4"])
    }
}

@Suite("temporary keys in the picker and the use line, with an injected clock")
struct TemporaryKeysClockTests {
    /// The keys expire at 2026-12-03T12:04:05Z; the clock is set either side of it.
    private func logins(at now: Date) throws -> (Index, LoginStates) {
        let index = Index(config: Array("[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = saml\n".utf8),
                          credentials: Array(keys("saml", expires: "2026-12-03T13:04:05+01:00").utf8))
        let (context, _, _) = Context.forTesting(environment: ["HOME": "/nonexistent"], now: now)
        return (index, LoginStates(index: index, context: context))
    }

    private let expiry = Date(timeIntervalSince1970: 1_796_299_445)  // 2026-12-03T12:04:05Z

    @Test("the picker row shows valid before the expiry and expired after it, for the keys and the role assumed from them")
    func pickerStates() throws {
        let (before, beforeLogins) = try logins(at: expiry.addingTimeInterval(-3 * 3600))
        #expect(PickerItem.items(index: before, logins: beforeLogins).map(\.state) == [.valid, .valid])
        let (after, afterLogins) = try logins(at: expiry.addingTimeInterval(1))
        #expect(PickerItem.items(index: after, logins: afterLogins).map(\.state) == [.expired, .expired])
    }

    @Test("the use line gives the time left and the expiry while valid, and names what renews them")
    func useLineWhileValid() throws {
        let (index, logins) = try logins(at: expiry.addingTimeInterval(-(3 * 3600 + 12 * 60)))
        let deploy = try #require(index.profile(named: "deploy"))
        let line = try #require(LoginAdvice.line(for: deploy, logins))
        #expect(line.hasPrefix("login keys of saml: valid 3h12m (until 2026-12-03T12:04:05Z), shared with 1 other profile; "), "\(line)")
        #expect(line.contains("saml2aws login -p saml") && line.contains("gimme-aws-creds"))
        #expect(!line.contains("aws sso login"))
    }
}
