import Foundation
import ProfileIndex
import Testing
import TestSupport

private typealias F = LoginSessionFixture

private let console = LoginKey.loginSession(F.session)
private let ops = LoginKey.loginSession("arn:aws:iam::444455556666:user/ops")

/// Two profiles sharing one aws login session, a role assumed from one of them, a profile of a
/// second session and an SSO profile; run in-process at TestClock.now (2098-12-31T16:48:00Z).
private func fixture(console consoleFile: String? = nil, ops opsFile: String? = nil,
                     version: String = "aws-cli/2.32.0 Python/3.13.7 Linux/6.1 exe/x86_64") throws -> LoginFixture {
    let f = try LoginFixture()
    try f.folder.write("""
        [profile console]
        login_session = \(F.session)
        region = us-east-1

        [profile console-2]
        login_session = \(F.session)

        [profile deploy]
        source_profile = console
        role_arn = arn:aws:iam::111122223333:role/Deploy

        [profile ops]
        login_session = arn:aws:iam::444455556666:user/ops

        [sso-session corp]
        sso_start_url = https://d-123.awsapps.com/start
        sso_region = us-east-1

        [profile dev]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = Admin

        """, to: ".aws/config")
    if let consoleFile { try f.folder.write(consoleFile, to: loginFile(f, console)) }
    if let opsFile { try f.folder.write(opsFile, to: loginFile(f, ops)) }
    try f.installFakeAWS(version: version)
    return f
}

private func loginFile(_ f: LoginFixture, _ key: LoginKey) -> URL {
    f.home.appendingPathComponent(".aws/login/cache/" + key.cacheFileName)
}

/// 7h12m after TestClock.now; two minutes after it; long past.
private let valid = F.text(expiresAt: "2099-01-01T00:00:00Z")
private let refreshable = F.text(expiresAt: "2098-12-31T16:50:00Z")
private let expired = F.text(expiresAt: "2001-01-01T00:00:00Z")

private func leaks(_ r: SwRun) -> Bool {
    F.secrets.contains { (r.stdout + r.stderr).contains($0) }
}

@Suite("aws login sessions in list, show, sessions, current and use")
struct LoginSessionOutputTests {
    @Test("sw list --json gives login-session profiles and roles assumed from them the session's login object")
    func listJSON() throws {
        // GIVEN a valid console session and no file for ops
        let f = try fixture(console: valid)
        // WHEN
        let r = f.sw(["list", "--json"])
        // THEN
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!leaks(r))
        let byName = Dictionary(uniqueKeysWithValues: try jsonArray(r.stdout).map { ($0["name"] as! String, $0) })
        let login = try #require(byName["console"]?["login"] as? [String: Any])
        #expect(login["state"] as? String == "valid")
        #expect(login["expires_at"] as? String == "2099-01-01T00:00:00Z")
        #expect(login["shared_with"] as? Int == 1)
        #expect(login["cache_file"] as? String == f.home.path + "/.aws/login/cache/" + F.sessionFileName)
        let role = try #require(byName["deploy"]?["login"] as? [String: Any])
        #expect(role["state"] as? String == "valid")
        #expect(role["shared_with"] as? Int == 2)
        let other = try #require(byName["ops"]?["login"] as? [String: Any])
        #expect(other["state"] as? String == "missing")
        #expect(byName["console"]?["kind"] as? String == "login-session")
    }

    @Test("sw list's LOGIN column and sw show name the state; show gives the cache file and the aws login command")
    func listAndShow() throws {
        let f = try fixture(console: refreshable, ops: expired)
        let list = f.sw(["list"])
        #expect(list.status == 0, "\(list.stderr)")
        let consoleRow = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("console ") })
        #expect(consoleRow.contains("refreshable"))
        let opsRow = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("ops ") })
        #expect(opsRow.contains("expired"))
        #expect(!leaks(list))

        let show = f.sw(["show", "ops"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("  cache file    " + loginFile(f, ops).path))
        #expect(show.stdout.contains(loginFile(f, ops).path))
        #expect(show.stdout.contains("aws login --profile ops"))
        #expect(show.stdout.contains("login session"))
        #expect(!leaks(show))
        let showJSON = f.sw(["show", "--json", "console"])
        #expect(showJSON.status == 0)
        #expect(!leaks(showJSON))
    }

    @Test("sw sessions lists each aws login session once, after the SSO logins, with its state and profile count")
    func sessions() throws {
        let f = try fixture(console: valid)
        let r = f.sw(["sessions", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!leaks(r))
        let rows = try jsonArray(r.stdout)
        #expect(rows.map { $0["kind"] as? String } == ["sso-session", "login-session", "login-session"])
        let first = rows[1]
        #expect(first["name"] as? String == F.session)
        #expect(first["state"] as? String == "valid")
        #expect(first["profiles"] as? Int == 2)
        #expect(first["start_url"] is NSNull)
        #expect(rows[2]["state"] as? String == "missing")
        let table = f.sw(["sessions"])
        #expect(table.stdout.contains(F.session))
        #expect(!leaks(table))
    }

    @Test("sw current --format %s gives the session's state, for the profile and a role assumed from it")
    func current() throws {
        let f = try fixture(console: refreshable)
        #expect(f.sw(["current", "--format", "%s"], ["AWS_PROFILE": "console"]).stdout == "refreshable\n")
        #expect(f.sw(["current", "--format", "%s"], ["AWS_PROFILE": "deploy"]).stdout == "refreshable\n")
        #expect(f.sw(["current", "--format", "%s"], ["AWS_PROFILE": "ops"]).stdout == "missing\n")
    }

    @Test("AWS_LOGIN_CACHE_DIRECTORY moves the folder sw reads, as it moves botocore's")
    func cacheDirectoryVariable() throws {
        let f = try fixture()
        try f.folder.write(valid, to: "elsewhere/" + F.sessionFileName)
        let r = f.sw(["current", "--format", "%s"], ["AWS_PROFILE": "console", "AWS_LOGIN_CACHE_DIRECTORY": "~/elsewhere"])
        #expect(r.stdout == "valid\n", "\(r.stderr)")
    }

    @Test("sw use says no login is needed, or gives the exact aws login command")
    func useLine() throws {
        let f = try fixture(console: valid, ops: expired)
        let good = f.sw(["use", "--shell", "bash", "console"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stderr.contains("no login needed"), "\(good.stderr)")
        let bad = f.sw(["use", "--shell", "bash", "ops"])
        #expect(bad.status == 0, "\(bad.stderr)")
        #expect(bad.stderr.contains("expired"), "\(bad.stderr)")
        #expect(bad.stderr.contains("log in with: aws login --profile ops"), "\(bad.stderr)")
        #expect(!leaks(good) && !leaks(bad))
    }
}

@Suite("sw login runs aws login once per login session")
struct LoginSessionLoginTests {
    @Test("two profiles sharing one session cause one aws login --profile, and the fresh file is read back")
    func onePerSession() throws {
        // GIVEN no cache file, and an aws 2.32.0 that writes one when it logs console in
        let f = try fixture()
        f.aws.writes(valid, to: loginFile(f, console), on: "login --profile console")
        // WHEN both profiles are named
        let r = f.sw(["login", "console", "console-2"])
        // THEN one login, and it ends valid
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.calls.filter { $0.hasPrefix("login ") }.map { $0.replacingOccurrences(of: " AWS_PROFILE=unset", with: "") } == ["login --profile console"])
        #expect(r.stderr.contains("logged in, valid 7h12m"), "\(r.stderr)")
        #expect(r.stderr.contains("covers 2 profiles: console, console-2"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(!leaks(r))
    }

    @Test("the profile named first is the one logged in, when it has the session")
    func preferredProfile() throws {
        let f = try fixture()
        f.aws.writes(valid, to: loginFile(f, console), on: "login --profile console-2")
        let r = f.sw(["use", "--shell", "bash", "--login", "console-2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.calls.contains { $0.hasPrefix("login --profile console-2") }, "\(f.calls)")
    }

    @Test("on an SSH session aws login gets --remote (its way for a browser on another machine), and sw says why")
    func remoteOnSSH() throws {
        // GIVEN an aws that writes the login file when run with --remote
        let f = try fixture()
        f.aws.writes(valid, to: loginFile(f, console), on: "login --profile console --remote")
        // WHEN sw use first tells the SSH session how to log in, then sw logs in there, and
        // --device-code is asked on a desktop
        let advice = f.sw(["use", "--shell", "bash", "console"], ["SSH_CONNECTION": "203.0.113.9 50000 10.0.0.2 22"])
        #expect(advice.stderr.contains("log in with: aws login --profile console --remote (or sw use --login console)\n"), "\(advice.stderr)")
        let r = f.sw(["login", "console"], ["SSH_CONNECTION": "203.0.113.9 50000 10.0.0.2 22"])
        let asked = f.sw(["login", "console", "--device-code", "--no-browser", "--force"])
        // THEN aws login gets --remote both times, never --use-device-code or --no-browser,
        // which it does not take
        #expect(r.status == 0, "\(r.stderr)")
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(f.calls.filter { $0.hasPrefix("login ") }.map { $0.replacingOccurrences(of: " AWS_PROFILE=unset", with: "") }
            == ["login --profile console --remote", "login --profile console --remote"])
        #expect(r.stderr.contains("sw: using aws login --remote, since this is an SSH session (SSH_CONNECTION is set)"), "\(r.stderr)")
        #expect(asked.stderr.contains("sw: aws login has no --no-browser"), "\(asked.stderr)")
        #expect(!leaks(r) && !leaks(asked))
    }

    @Test("an AWS CLI v2 older than 2.32.0 is refused before any login, saying which release is needed")
    func oldCLI() throws {
        let f = try fixture(version: "aws-cli/2.31.9 Python/3.13.7 Linux/6.1 exe/x86_64")
        let r = f.sw(["login", "console"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("AWS CLI 2.31.9"), "\(r.stderr)")
        #expect(r.stderr.contains("needs AWS CLI 2.32.0 or later"), "\(r.stderr)")
        #expect(!f.calls.contains { $0.hasPrefix("login ") })
        #expect(r.stdout.isEmpty)
    }

    @Test("a valid or refreshable session runs nothing; sw login --all includes login sessions")
    func allAndNothingNeeded() throws {
        let f = try fixture(console: refreshable)
        f.aws.writes(valid, to: loginFile(f, ops), on: "login --profile ops")
        let none = f.sw(["login", "console"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stderr.contains("refreshable, no login needed"), "\(none.stderr)")
        #expect(f.calls.isEmpty)
        let all = f.sw(["login", "--all", "--dry-run"])
        #expect(all.stderr.contains("would run: aws login --profile ops"), "\(all.stderr)")
        #expect(!leaks(all))
    }
}

@Suite("sw doctor on aws login sessions")
struct LoginSessionDoctorTests {
    @Test("a missing session of the profile in use is an error with botocore's text and the aws login fix")
    func missing() throws {
        let f = try fixture()
        let r = f.sw(["doctor", "--json", "console"])
        #expect(!leaks(r))
        let findings = try jsonArray(r.stdout)
        let finding = try #require(findings.first { $0["id"] as? String == "SW309" }, "\(r.stdout)")
        #expect(finding["severity"] as? String == "error")
        #expect((finding["predicts"] as? String)?.contains("Unable to load a existing login session for session \(F.session)") == true)
        #expect((finding["fix"] as? String)?.contains("aws login --profile console") == true)
        #expect((finding["fix"] as? String)?.contains("aws login --remote --profile console") == true)
    }

    @Test("an expired session and an unusable file are reported, naming no value from the file")
    func expiredAndInvalid() throws {
        var broken = try JSONSerialization.jsonObject(with: Data(valid.utf8)) as! [String: Any]
        broken["clientId"] = nil
        let f = try fixture(console: expired, ops: String(decoding: try F.json(broken), as: UTF8.self))
        let r = f.sw(["doctor", "--json"])
        #expect(!leaks(r))
        let ids = try jsonArray(r.stdout).compactMap { $0["id"] as? String }
        #expect(ids.contains("SW311"), "\(r.stdout)")
        #expect(ids.contains("SW310"), "\(r.stdout)")
    }
}
