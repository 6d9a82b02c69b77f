import Foundation
import Testing
import TestSupport
@testable import ProfileIndex

// Agreement with botocore: for each scenario, sw's verdict ("no new login needed" = valid or
// refreshable) must equal what botocore actually does when it resolves credentials for the
// profile. botocore runs in Oracle/token_oracle.py against a local stand-in of the SSO portal
// and SSO-OIDC; see that file for how it is isolated. Both sides use the same `now`.

private let sessionName = "s1"
private let startURL = "https://d-123.awsapps.com/start"
/// The refresh grant every scenario's stand-in honours.
private let refreshGrant = ["refreshToken": "R1", "clientId": "C1", "clientSecret": "S1"]

private enum ProfileForm {
    case session
    case legacy(url: String)

    var key: LoginKey {
        switch self {
        case .session: .session(sessionName)
        case .legacy(let url): .startURL(url)
        }
    }

    var config: String {
        switch self {
        case .session:
            """
            [profile p]
            sso_session = \(sessionName)
            sso_account_id = 111122223333
            sso_role_name = Admin
            region = us-east-1

            [sso-session \(sessionName)]
            sso_start_url = \(startURL)
            sso_region = us-east-1

            """
        case .legacy(let url):
            """
            [profile p]
            sso_start_url = \(url)
            sso_region = us-east-1
            sso_account_id = 111122223333
            sso_role_name = Admin
            region = us-east-1

            """
        }
    }
}

private enum StoredFile {
    case nothing
    case folder
    /// A token file under the profile's own key, or under `key` when given.
    case json(Any, under: LoginKey? = nil)
    case bytes([UInt8])
}

private struct Scenario {
    let id: String
    let profile: ProfileForm
    let file: StoredFile
    /// Access tokens the stand-in portal knows, with their true expiry (seconds from now).
    var issued: [String: TimeInterval] = [:]
    let expected: LoginState
    /// A fragment of botocore's "Exception: message" when it fails; nil when it succeeds.
    let botocoreSays: String?
}

private enum Stamp {
    case z, millis, offset, utc, plusTwo, zoneless

    func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        switch self {
        case .z: formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        case .millis: formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        case .offset: formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'+00:00'"
        case .utc: formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'UTC'"
        case .zoneless: formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        case .plusTwo:
            formatter.timeZone = TimeZone(secondsFromGMT: 7200)
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        }
        return formatter.string(from: date)
    }
}

private func scenarios(now: Date) -> [Scenario] {
    let hour: TimeInterval = 3600
    let fiveMinutes: TimeInterval = 300
    let month: TimeInterval = 30 * 86_400
    func at(_ offset: TimeInterval, _ stamp: Stamp = .z) -> String { stamp.text(now.addingTimeInterval(offset)) }
    func token(_ offset: TimeInterval, _ stamp: Stamp = .z, _ extra: [String: Any] = [:]) -> [String: Any] {
        var fields: [String: Any] = [
            "startUrl": startURL, "region": "us-east-1", "accessToken": "A1", "expiresAt": at(offset, stamp),
        ]
        fields.merge(extra) { $1 }
        return fields
    }
    func refresh(registration: TimeInterval = month, _ stamp: Stamp = .z) -> [String: Any] {
        var fields: [String: Any] = refreshGrant
        fields["registrationExpiresAt"] = at(registration, stamp)
        return fields
    }
    func without(_ name: String, _ fields: [String: Any]) -> [String: Any] {
        var fields = fields
        fields[name] = nil
        return fields
    }
    let legacy = ProfileForm.legacy(url: startURL)
    let doesNotExist = "SSOTokenLoadError: Error loading SSO Token: Token for s1 does not exist"
    let refreshFailed = "TokenRetrievalError: Error when retrieving token from sso: Token has expired and refresh failed"
    let legacyExpired = "UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid"
    let naive = "TypeError: can't subtract offset-naive and offset-aware datetimes"

    return [
        // sso-session: every expiresAt form
        Scenario(id: "session valid, expiresAt ...Z", profile: .session, file: .json(token(hour)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "session valid, expiresAt ....000Z", profile: .session, file: .json(token(hour, .millis)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "session valid, expiresAt ...+00:00", profile: .session, file: .json(token(hour, .offset)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "session valid, expiresAt ...UTC", profile: .session, file: .json(token(hour, .utc)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "session valid, expiresAt in +02:00", profile: .session, file: .json(token(hour, .plusTwo)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "session valid, refresh fields present but outside the window", profile: .session,
                 file: .json(token(hour, .z, refresh())), issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "session valid, region of the wrong type is ignored", profile: .session,
                 file: .json(token(hour, .z, ["region": 7])), issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "session valid, unreadable registrationExpiresAt not looked at outside the window", profile: .session,
                 file: .json(token(hour, .z, refresh().merging(["registrationExpiresAt": "garbage"]) { $1 })),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        // sso-session: the refresh window
        Scenario(id: "session expiring in 5 min, refreshable", profile: .session, file: .json(token(fiveMinutes, .z, refresh())),
                 issued: ["A1": fiveMinutes], expected: .refreshable, botocoreSays: nil),
        Scenario(id: "session expiring in 5 min, no refresh token: old token still used", profile: .session,
                 file: .json(token(fiveMinutes)), issued: ["A1": fiveMinutes], expected: .valid, botocoreSays: nil),
        Scenario(id: "session expiring in 5 min, registration expired: old token still used", profile: .session,
                 file: .json(token(fiveMinutes, .z, refresh(registration: -86_400))), issued: ["A1": fiveMinutes],
                 expected: .valid, botocoreSays: nil),
        Scenario(id: "session expiring in 5 min, registrationExpiresAt without zone", profile: .session,
                 file: .json(token(fiveMinutes, .z, refresh(registration: month, .zoneless))), issued: ["A1": fiveMinutes],
                 expected: .invalid, botocoreSays: naive),
        Scenario(id: "session expired, refreshable", profile: .session, file: .json(token(-hour, .z, refresh())),
                 issued: ["A1": -hour], expected: .refreshable, botocoreSays: nil),
        Scenario(id: "session expired, refreshable, dates with UTC suffix", profile: .session,
                 file: .json(token(-hour, .utc, refresh(registration: month, .utc))), issued: ["A1": -hour],
                 expected: .refreshable, botocoreSays: nil),
        Scenario(id: "session expired, refreshable although accessToken is a number", profile: .session,
                 file: .json(token(-hour, .z, refresh().merging(["accessToken": 5]) { $1 })),
                 expected: .refreshable, botocoreSays: nil),
        Scenario(id: "session expired, no refresh token", profile: .session,
                 file: .json(token(-hour, .z, without("refreshToken", refresh()))), issued: ["A1": -hour],
                 expected: .expired, botocoreSays: refreshFailed),
        Scenario(id: "session expired, no client secret", profile: .session,
                 file: .json(token(-hour, .z, without("clientSecret", refresh()))), issued: ["A1": -hour],
                 expected: .expired, botocoreSays: refreshFailed),
        Scenario(id: "session expired, registration expired", profile: .session,
                 file: .json(token(-hour, .z, refresh(registration: -60))), issued: ["A1": -hour],
                 expected: .expired, botocoreSays: refreshFailed),
        Scenario(id: "session expired, empty refresh token (service refuses)", profile: .session,
                 file: .json(token(-hour, .z, refresh().merging(["refreshToken": ""]) { $1 })), issued: ["A1": -hour],
                 expected: .expired, botocoreSays: refreshFailed),
        Scenario(id: "session expired, refreshToken null", profile: .session,
                 file: .json(token(-hour, .z, refresh().merging(["refreshToken": NSNull()]) { $1 })), issued: ["A1": -hour],
                 expected: .invalid, botocoreSays: "ParamValidationError: Parameter validation failed:\nInvalid type for parameter refreshToken"),
        // sso-session: where the file is not
        Scenario(id: "session, no token file", profile: .session, file: .nothing,
                 expected: .missing, botocoreSays: doesNotExist),
        Scenario(id: "session, token saved under the start URL", profile: .session,
                 file: .json(token(hour), under: .startURL(startURL)), issued: ["A1": hour],
                 expected: .missing, botocoreSays: doesNotExist),
        Scenario(id: "session, token path is a folder", profile: .session, file: .folder,
                 expected: .missing, botocoreSays: doesNotExist),
        // sso-session: corrupt files
        Scenario(id: "session, bad JSON", profile: .session, file: .bytes(Array("{\"accessToken\": \"A1\",".utf8)),
                 expected: .invalid, botocoreSays: "KeyError: '640d87e741e6aa4c669a82a4cd304787960513ab'"),
        Scenario(id: "session, binary garbage", profile: .session, file: .bytes([0x00, 0xff, 0xfe, 0x80, 0x7b]),
                 expected: .invalid, botocoreSays: "KeyError"),
        Scenario(id: "session, byte-order mark before valid JSON", profile: .session,
                 file: .bytes([0xef, 0xbb, 0xbf] + Array("{\"accessToken\": \"A1\", \"expiresAt\": \"\(at(hour))\"}".utf8)),
                 issued: ["A1": hour], expected: .invalid, botocoreSays: "KeyError"),
        Scenario(id: "session, JSON array naming the keys", profile: .session, file: .json(["accessToken", "expiresAt"]),
                 expected: .invalid, botocoreSays: "TypeError"),
        Scenario(id: "session, JSON string naming the keys", profile: .session, file: .bytes(Array("\"accessToken expiresAt\"".utf8)),
                 expected: .invalid, botocoreSays: "TypeError"),
        Scenario(id: "session, JSON null", profile: .session, file: .bytes(Array("null".utf8)),
                 expected: .invalid, botocoreSays: "TypeError"),
        Scenario(id: "session, expiresAt repeated: Python's json keeps the last one", profile: .session,
                 file: .bytes(Array("{\"accessToken\": \"A1\", \"expiresAt\": \"\(at(hour, .zoneless))\", \"expiresAt\": \"\(at(hour))\"}".utf8)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "session, a number beyond double range in an unused field", profile: .session,
                 file: .bytes(Array("{\"accessToken\": \"A1\", \"expiresAt\": \"\(at(hour))\", \"x\": 1e400}".utf8)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "session, no accessToken", profile: .session, file: .json(without("accessToken", token(hour))),
                 expected: .invalid, botocoreSays: "SSOTokenLoadError: Error loading SSO Token: Token for \(startURL) is invalid"),
        Scenario(id: "session, no expiresAt", profile: .session, file: .json(without("expiresAt", token(hour))),
                 issued: ["A1": hour], expected: .invalid, botocoreSays: "Token for \(startURL) is invalid"),
        Scenario(id: "session, expiresAt without zone", profile: .session, file: .json(token(hour, .zoneless)),
                 issued: ["A1": hour], expected: .invalid, botocoreSays: naive),
        Scenario(id: "session, expiresAt unparseable", profile: .session,
                 file: .json(token(hour).merging(["expiresAt": "not a date"]) { $1 }),
                 issued: ["A1": hour], expected: .invalid, botocoreSays: "ParserError: Unknown string format"),
        Scenario(id: "session, expiresAt a number", profile: .session,
                 file: .json(token(hour).merging(["expiresAt": now.timeIntervalSince1970 + hour]) { $1 }),
                 issued: ["A1": hour], expected: .invalid, botocoreSays: "TypeError: Parser must be a string"),
        Scenario(id: "session, accessToken a number", profile: .session,
                 file: .json(token(hour).merging(["accessToken": 5]) { $1 }),
                 expected: .invalid, botocoreSays: "ParamValidationError"),
        Scenario(id: "session, accessToken empty", profile: .session,
                 file: .json(token(hour).merging(["accessToken": ""]) { $1 }),
                 expected: .invalid, botocoreSays: legacyExpired),

        // legacy: every expiresAt form
        Scenario(id: "legacy valid, expiresAt ...Z", profile: legacy, file: .json(token(hour)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "legacy valid, expiresAt ....000Z", profile: legacy, file: .json(token(hour, .millis)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "legacy valid, expiresAt ...+00:00", profile: legacy, file: .json(token(hour, .offset)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        Scenario(id: "legacy valid, expiresAt ...UTC", profile: legacy, file: .json(token(hour, .utc)),
                 issued: ["A1": hour], expected: .valid, botocoreSays: nil),
        // legacy: no refresh window, no refresh
        Scenario(id: "legacy expiring in 5 min: used as is, never refreshed", profile: legacy,
                 file: .json(token(fiveMinutes, .z, refresh())), issued: ["A1": fiveMinutes],
                 expected: .valid, botocoreSays: nil),
        Scenario(id: "legacy expiring in 5 min, registrationExpiresAt without zone is never read", profile: legacy,
                 file: .json(token(fiveMinutes, .z, refresh(registration: month, .zoneless))), issued: ["A1": fiveMinutes],
                 expected: .valid, botocoreSays: nil),
        Scenario(id: "legacy expired with refresh fields: checked locally, not refreshed", profile: legacy,
                 file: .json(token(-60, .z, refresh())), issued: ["A1": hour],
                 expected: .expired, botocoreSays: legacyExpired),
        // legacy: where the file is not
        Scenario(id: "legacy, no token file", profile: legacy, file: .nothing, expected: .missing,
                 botocoreSays: "SSOTokenLoadError: Error loading SSO Token: Token for \(startURL) does not exist"),
        Scenario(id: "legacy, token saved under the session name", profile: legacy,
                 file: .json(token(hour), under: .session(sessionName)), issued: ["A1": hour],
                 expected: .missing, botocoreSays: "does not exist"),
        Scenario(id: "legacy, start URL written with a trailing slash", profile: .legacy(url: startURL + "/"),
                 file: .json(token(hour), under: .startURL(startURL)), issued: ["A1": hour],
                 expected: .missing, botocoreSays: "Token for \(startURL)/ does not exist"),
        // legacy: corrupt files
        Scenario(id: "legacy, no accessToken", profile: legacy, file: .json(without("accessToken", token(hour))),
                 expected: .invalid, botocoreSays: "Token for \(startURL) is invalid"),
        Scenario(id: "legacy, expiresAt without zone", profile: legacy, file: .json(token(hour, .zoneless)),
                 issued: ["A1": hour], expected: .invalid, botocoreSays: naive),
        Scenario(id: "legacy, expiresAt unparseable", profile: legacy,
                 file: .json(token(hour).merging(["expiresAt": "soon"]) { $1 }),
                 issued: ["A1": hour], expected: .invalid, botocoreSays: "ParserError"),
        Scenario(id: "legacy, accessToken a number", profile: legacy,
                 file: .json(token(hour).merging(["accessToken": 5]) { $1 }),
                 expected: .invalid, botocoreSays: "ParamValidationError"),
    ]
}

private struct OracleResult: Decodable {
    let id: String
    let ok: Bool
    let exception: String?
    let message: String?
    let requests: [String]

    var failure: String { "\(exception ?? ""): \(message ?? "")" }
}

private struct OracleReport: Decodable {
    let botocore: String
    let endpointsHonoured: Bool
    let results: [OracleResult]
}

private let oracleHelp = """
    TokenAgreementTests needs python3 with botocore and boto3 (python3 -m pip install boto3 'botocore>=1.43'). \
    Run Tests/ProfileIndexTests/Oracle/run-oracle.sh to see what is missing.
    """

/// Runs the oracle once for all scenarios; records an issue and returns nil when it cannot run.
private func askBotocore(manifest: URL, root: URL) -> OracleReport? {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Oracle/token_oracle.py")
    return PythonOracle.report(OracleReport.self, script: script, manifest: manifest, help: oracleHelp)
}

@Test("sw and botocore agree, scenario by scenario, on whether a cached SSO token gets credentials without a new login")
func agreementWithBotocore() throws {
    // GIVEN one home folder per scenario, all built around the same `now`
    let now = Date()
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sw-agreement-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let all = scenarios(now: now)
    #expect(Set(all.map(\.id)).count == all.count, "scenario ids must be unique")
    #expect(all.count >= 22)

    var verdicts: [String: TokenStatus] = [:]
    var manifest: [[String: Any]] = []
    for (index, scenario) in all.enumerated() {
        let aws = root.appendingPathComponent("s/\(index)/.aws")
        let cache = aws.appendingPathComponent("sso/cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data(scenario.profile.config.utf8).write(to: aws.appendingPathComponent("config"))
        let ownFile = cache.appendingPathComponent(scenario.profile.key.cacheFileName)
        switch scenario.file {
        case .nothing:
            break
        case .folder:
            try FileManager.default.createDirectory(at: ownFile, withIntermediateDirectories: false)
        case .json(let value, let key):
            let target = key.map { cache.appendingPathComponent($0.cacheFileName) } ?? ownFile
            try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]).write(to: target)
        case .bytes(let bytes):
            try Data(bytes).write(to: ownFile)
        }
        // WHEN sw judges the token (before botocore runs: a refresh rewrites the file)
        verdicts[scenario.id] = TokenCache(directory: cache.path, fileSystem: LocalFileSystem()).status(for: scenario.profile.key, now: now)
        manifest.append([
            "id": scenario.id, "awsDir": aws.path, "profile": "p",
            "accessTokens": scenario.issued.mapValues { now.timeIntervalSince1970 + $0 },
            "refreshGrants": [refreshGrant],
        ])
    }
    let manifestFile = root.appendingPathComponent("manifest.json")
    try JSONSerialization.data(withJSONObject: ["root": root.path, "scenarios": manifest]).write(to: manifestFile)

    // AND botocore really resolves credentials for each
    guard let report = askBotocore(manifest: manifestFile, root: root) else { return }
    #expect(report.endpointsHonoured, "botocore must send SSO and SSO-OIDC calls to the local stand-in")
    let results = Dictionary(uniqueKeysWithValues: report.results.map { ($0.id, $0) })

    // THEN they agree on every scenario
    for scenario in all {
        guard let status = verdicts[scenario.id], let result = results[scenario.id] else {
            Issue.record("no verdict for \(scenario.id)")
            continue
        }
        let swSays = status.needsLogin ? "needs login (\(status.state))" : "no new login (\(status.state))"
        let botocoreSays = result.ok ? "credentials" : result.failure
        #expect(status.needsLogin == !result.ok, "\(scenario.id): sw \(swSays), botocore \(botocoreSays)")
        #expect(status.state == scenario.expected, "\(scenario.id): \(status.problem ?? "")")
        if let fragment = scenario.botocoreSays {
            #expect(result.failure.contains(fragment), "\(scenario.id): botocore said \(botocoreSays)")
        } else {
            #expect(result.ok, "\(scenario.id): botocore said \(botocoreSays)")
            #expect(result.requests.contains("GetRoleCredentials accepted"), "\(scenario.id): \(result.requests)")
        }
        #expect((status.state == .invalid) == (status.problem != nil) || status.state == .missing,
                "\(scenario.id): a problem is given exactly for invalid tokens")
        let refreshed = result.requests.contains("CreateToken accepted")
        #expect(refreshed == (status.state == .refreshable), "\(scenario.id): botocore refreshed: \(refreshed)")
        #expect(!result.requests.contains { $0.hasPrefix("unexpected") }, "\(scenario.id): \(result.requests)")
    }
}
