import Foundation
import Testing
import TestSupport
@testable import ProfileIndex

// Agreement with botocore for `aws login` sessions: for each scenario, sw's verdict ("no new
// login needed" = valid or refreshable) must equal what botocore's LoginProvider does when it
// resolves credentials for the profile. botocore runs in Oracle/login_oracle.py against a local
// stand-in of the sign-in service that honours only the refresh grant a scenario issued. Both
// sides use the same `now` (the real one: botocore has no other clock).

private typealias F = LoginSessionFixture

private struct Scenario {
    let id: String
    /// The cache file's JSON value; nil: no file. `bytes` overrides it.
    var file: Any?
    var bytes: [UInt8]? = nil
    /// The stand-in accepts the file's refresh token (the session is not over).
    var sessionLive = true
    let expected: LoginState
    /// A fragment of botocore's "Exception: message" when it fails; nil when it succeeds.
    let botocoreSays: String?
}

private func scenarios(now: Date) -> [Scenario] {
    let minute: TimeInterval = 60, hour: TimeInterval = 3600
    func body(_ offset: TimeInterval, expires: Any? = nil, dpopKey: Any = F.sec1Key) -> [String: Any] {
        F.body(expiring: now.addingTimeInterval(offset), expires: expires, dpopKey: dpopKey)
    }
    func without(_ name: String, _ fields: [String: Any]) -> [String: Any] {
        var fields = fields
        fields[name] = nil
        return fields
    }
    func withoutCredential(_ name: String, _ fields: [String: Any]) -> [String: Any] {
        var fields = fields
        var access = fields["accessToken"] as! [String: Any]
        access[name] = nil
        fields["accessToken"] = access
        return fields
    }
    let zoneless = F.stamp(now.addingTimeInterval(hour)).replacingOccurrences(of: "Z", with: "")
    let noKey = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"
    return [
        Scenario(id: "missing", file: nil, expected: .missing,
                 botocoreSays: "LoginTokenLoadError: Error loading login session token: Unable to load a existing login session for session \(F.session). Please reauthenticate with 'aws login'."),
        Scenario(id: "valid-an-hour", file: body(hour), expected: .valid, botocoreSays: nil),
        Scenario(id: "valid-advisory-window-bad-key", file: body(12 * minute, dpopKey: noKey), sessionLive: false,
                 expected: .valid, botocoreSays: nil),
        Scenario(id: "valid-mandatory-window", file: body(7 * minute), sessionLive: false, expected: .valid, botocoreSays: nil),
        Scenario(id: "invalid-mandatory-window-bad-key", file: body(7 * minute, dpopKey: noKey), expected: .invalid,
                 botocoreSays: "RuntimeError"),
        Scenario(id: "refreshable-in-two-minutes", file: body(2 * minute), expected: .refreshable, botocoreSays: nil),
        Scenario(id: "refreshable-expired-an-hour-ago", file: body(-hour), expected: .refreshable, botocoreSays: nil),
        Scenario(id: "refreshable-pkcs8-key", file: body(-hour, dpopKey: F.pkcs8Key), expected: .refreshable, botocoreSays: nil),
        Scenario(id: "expired-thirteen-hours-ago", file: body(-13 * hour), sessionLive: false, expected: .expired,
                 botocoreSays: "LoginRefreshRequired: Your session has expired or credentials have changed. Please reauthenticate using 'aws login'."),
        Scenario(id: "invalid-missing-fields", file: without("clientId", without("dpopKey", body(hour))), expected: .invalid,
                 botocoreSays: "Failed to load access token from token cache, missing required fields: dpopKey, clientId."),
        Scenario(id: "invalid-access-token-lacks-session-token", file: withoutCredential("sessionToken", body(hour)),
                 expected: .invalid, botocoreSays: "KeyError: 'sessionToken'"),
        Scenario(id: "invalid-access-token-a-string", file: body(hour).merging(["accessToken": "x"]) { $1 },
                 expected: .invalid, botocoreSays: "TypeError"),
        Scenario(id: "invalid-not-json", file: nil, bytes: Array("{\"accessToken\": ".utf8), expected: .invalid,
                 botocoreSays: "KeyError"),
        Scenario(id: "invalid-an-array", file: [1, 2], expected: .invalid,
                 botocoreSays: "missing required fields: accessToken, refreshToken, dpopKey, clientId."),
        Scenario(id: "invalid-zoneless-expiry", file: body(hour, expires: zoneless), expected: .invalid,
                 botocoreSays: "TypeError"),
        Scenario(id: "invalid-garbage-expiry", file: body(hour, expires: "soon"), expected: .invalid, botocoreSays: "ParserError"),
        Scenario(id: "invalid-refresh-token-a-number", file: body(-hour).merging(["refreshToken": 5]) { $1 },
                 expected: .invalid, botocoreSays: "ParamValidationError"),
        Scenario(id: "invalid-key-not-a-string", file: body(-hour, dpopKey: 5), expected: .invalid, botocoreSays: "AttributeError"),
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
    let crt: Bool
    let endpointHonoured: Bool
    let results: [OracleResult]
}

private let oracleHelp = """
    LoginSessionAgreementTests needs python3 with boto3, botocore >= 1.43 and awscrt \
    (python3 -m pip install boto3 'botocore[crt]>=1.43').
    """

@Test("sw and botocore agree, scenario by scenario, on whether an aws login session gets credentials without a new login")
func loginSessionAgreementWithBotocore() throws {
    // GIVEN one home folder per scenario, all built around the same `now`
    let now = Date()
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sw-login-agreement-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let all = scenarios(now: now)
    #expect(Set(all.map(\.id)).count == all.count, "scenario ids must be unique")
    let key = LoginKey.loginSession(F.session)

    var verdicts: [String: TokenStatus] = [:]
    var manifest: [[String: Any]] = []
    for (index, scenario) in all.enumerated() {
        let aws = root.appendingPathComponent("s/\(index)/.aws")
        let cache = aws.appendingPathComponent("login/cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data("[profile p]\nlogin_session = \(F.session)\nregion = us-east-1\n".utf8).write(to: aws.appendingPathComponent("config"))
        let file = cache.appendingPathComponent(key.cacheFileName)
        if let bytes = scenario.bytes {
            try Data(bytes).write(to: file)
        } else if let value = scenario.file {
            try F.json(value).write(to: file)
        }
        // WHEN sw judges the session (before botocore runs: a refresh rewrites the file)
        let tokens = TokenCache(directory: aws.appendingPathComponent("sso/cache").path, loginDirectory: cache.path,
                                fileSystem: LocalFileSystem())
        verdicts[scenario.id] = tokens.status(for: key, now: now)
        manifest.append([
            "id": scenario.id, "awsDir": aws.path, "profile": "p",
            "refreshGrants": scenario.sessionLive ? [["refreshToken": "refresh-R1", "clientId": "client-C1"]] : [],
        ])
    }
    let manifestFile = root.appendingPathComponent("manifest.json")
    try JSONSerialization.data(withJSONObject: ["root": root.path, "scenarios": manifest]).write(to: manifestFile)

    // AND botocore really resolves credentials for each
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Oracle/login_oracle.py")
    guard let report = PythonOracle.report(OracleReport.self, script: script, manifest: manifestFile, help: oracleHelp) else { return }
    #expect(report.crt, "botocore's LoginProvider needs awscrt. \(oracleHelp)")
    #expect(report.endpointHonoured, "botocore must send sign-in calls to the local stand-in")
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
        }
        #expect((status.state == .invalid) == (status.problem != nil), "\(scenario.id): a problem is given exactly for invalid files")
        let refreshed = result.requests.contains("CreateOAuth2Token accepted")
        #expect(refreshed == (status.state == .refreshable), "\(scenario.id): botocore refreshed: \(refreshed)")
        #expect(!result.requests.contains { $0.hasPrefix("unexpected") }, "\(scenario.id): \(result.requests)")
        for secret in F.secrets {
            #expect(!(status.problem ?? "").contains(secret), "\(scenario.id): the problem text holds a value of the file")
        }
    }
}
