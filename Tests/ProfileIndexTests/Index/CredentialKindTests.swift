import Foundation
import Testing
@testable import ProfileIndex

// `kind` is the provider botocore's credential resolver picks, or `invalid` when botocore raises
// while choosing one, or `no-credentials`/`empty` when no provider of the profile answers.
// Oracle/kind_oracle.py asks botocore 1.43 (offline: no IMDS, no AWS_* variables) for each case.

private let process = #"credential_process = echo '{"Version": 1, "AccessKeyId": "x", "SecretAccessKey": "y"}'"#
private let sourceKeys = "[profile s]\naws_access_key_id = a\naws_secret_access_key = b\n"

/// name → (config, credentials); the profile is always `p`.
private let kindCases: [String: (config: String, credentials: String)] = [
    "role-no-source": ("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/R\nregion = eu-west-1\n", ""),
    "role-both-sources": ("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = s\ncredential_source = Environment\n" + sourceKeys, ""),
    "role-bad-credential-source": ("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = Nope\n", ""),
    "role-credential-source": ("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = Environment\n", ""),
    "role-source-profile": ("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = s\n" + sourceKeys, ""),
    "role-nested-arn": ("[profile p]\nrole_arn =\n  x = y\nsource_profile = s\n" + sourceKeys, ""),
    "web-identity-without-role": ("[profile p]\nweb_identity_token_file = /nonexistent/token\n", ""),
    "web-identity-beats-source-profile": ("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/R\nweb_identity_token_file = /nonexistent/token\nsource_profile = s\n" + sourceKeys, ""),
    "region-only": ("[profile p]\nregion = eu-west-1\n", ""),
    "no-keys-at-all": ("[profile p]\n", ""),
    "sso-start-url-without-account-or-role": ("[profile p]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n", ""),
    "sso-session-without-account-or-role": ("[profile p]\nsso_session = s\n[sso-session s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n", ""),
    "sso-session-complete": ("[profile p]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n", ""),
    "sso-legacy-complete": ("[profile p]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = R\n", ""),
    "partial-keys-in-credentials-file": ("", "[p]\naws_access_key_id = a\n"),
    "partial-keys-in-config-file": ("[profile p]\naws_access_key_id = a\n", ""),
    "config-keys-lose-to-process": ("[profile p]\naws_access_key_id = a\naws_secret_access_key = b\n\(process)\n", ""),
    "credentials-file-keys-beat-process": ("[profile p]\n\(process)\n", "[p]\naws_access_key_id = a\naws_secret_access_key = b\n"),
    "process-only": ("[profile p]\n\(process)\n", ""),
    "temporary-keys": ("", "[p]\naws_access_key_id = a\naws_secret_access_key = b\naws_session_token = t\nx_security_token_expires = 2026-12-03T13:04:05+01:00\n"),
]

private struct KindReport: Decodable {
    struct Outcome: Decodable {
        var method: String?
        var error: String?
    }
    var botocore: String
    var results: [String: Outcome]
}

@Suite("Profile kinds agree with botocore's credential resolver", .serialized)
struct CredentialKindTests {
    private static let report: Result<KindReport, Error> = Result {
        // Tests/ProfileIndexTests, which holds Oracle/.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("sw-kind-cases-\(getpid()).json")
        var cases: [String: [String: Any]] = [:]
        for (name, files) in kindCases { cases[name] = ["config": files.config, "credentials": files.credentials, "profile": "p"] }
        // credential_source = Environment reads the key variables (the only ones set for a case).
        cases["role-credential-source"]?["env"] = ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"]
        try JSONSerialization.data(withJSONObject: cases).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let out = try runPython([folder.appendingPathComponent("Oracle/kind_oracle.py").path, input.path])
        return try JSONDecoder().decode(KindReport.self, from: Data(out.utf8))
    }

    /// The kind botocore's answer means for this profile.
    private static func expected(_ outcome: KindReport.Outcome, _ profile: Profile) -> ProfileKind? {
        if outcome.error != nil { return .invalid }
        switch outcome.method {
        case nil: return profile.settings.isEmpty ? .empty : .noCredentials
        case "assume-role": return .assumeRole
        case "assume-role-with-web-identity": return .webIdentity
        case "sso": return profile.ssoSession != nil ? .ssoSession : .ssoLegacy
        case "shared-credentials-file", "config-file": return .staticKeys
        case "custom-process": return .credentialProcess
        case "login": return .loginSession
        default: return nil
        }
    }

    @Test("each profile's kind is the provider botocore picks, or invalid where botocore raises", arguments: kindCases.keys.sorted())
    func kindMatchesBotocore(name: String) throws {
        let report = try Self.report.get()
        #expect(report.botocore.hasPrefix("1.43"))
        let files = try #require(kindCases[name])
        let index = Index(config: Array(files.config.utf8), credentials: Array(files.credentials.utf8))
        let profile = try #require(index.profile(named: "p"))
        let outcome = try #require(report.results[name])
        let kind = try #require(Self.expected(outcome, profile), "unknown botocore method \(outcome.method ?? "")")
        #expect(profile.kind == kind, "\(name): sw says \(profile.kind.rawValue), botocore \(outcome.method ?? outcome.error ?? "no credentials")")
        if let error = outcome.error {
            // What sw quotes of botocore's message is in it.
            let quoted = try #require(profile.credentialProblem?.botocore)
            #expect(error.contains(quoted), "\(name): sw quotes '\(quoted)', botocore said '\(error)'")
        } else {
            #expect(profile.credentialProblem == nil)
        }
    }

    @Test("a legacy start URL stays a login for sw login even when botocore's credential chain skips the profile")
    func startURLOnlyProfileKeepsItsLogin() throws {
        let files = try #require(kindCases["sso-start-url-without-account-or-role"])
        let index = Index(config: Array(files.config.utf8))
        let profile = try #require(index.profile(named: "p"))
        #expect(profile.kind == .noCredentials)
        #expect(profile.loginKey == .startURL("https://x.awsapps.com/start"))
    }
}
