import Foundation
import Testing
@testable import ProfileIndex

// Prediction test: doctor's `predicts` texts are botocore's own. DoctorFixtures/doctor_oracle.py
// asks botocore 1.43 about each fixture's profile (credentials, then a regional client) without
// any network; see that script for how it is isolated.
//
// - every finding that predicts a credentials/region error: botocore fails with a message that
//   contains the predicted text;
// - every fixture where doctor finds no error: botocore gets past configuration (success, or a
//   connection error to the unreachable stand-in endpoint).
// Both for the findings about the fixture's profile (or about no profile in particular).
// Login-stage and tool-stage predictions (`aws sso login` in the browser, `tsh`) cannot be
// reproduced offline; they are pinned by DoctorTests only.

private struct OracleOutcome: Decodable {
    var ok: Bool
    var exception: String?
    var message: String?
    var network: Bool?

    var passedConfiguration: Bool { ok || network == true }
}

private struct OracleReport: Decodable {
    var botocore: String
    var results: [String: [String: OracleOutcome]]
}

@Suite("Doctor predictions agree with botocore", .serialized)
struct DoctorPredictionTests {
    private static let report: Result<OracleReport, Error> = Result {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("DoctorFixtures").path
        let out = try runPython([root + "/doctor_oracle.py", root])
        return try JSONDecoder().decode(OracleReport.self, from: Data(out.utf8))
    }

    @Test("botocore says what doctor predicts, and resolves what doctor finds healthy", arguments: Fixture.all)
    func agreement(slug: String) throws {
        let report = try Self.report.get()
        #expect(report.botocore.hasPrefix("1.43"), "the facts are for botocore 1.43, found \(report.botocore)")
        let fixture = try Fixture(slug)
        // The oracle asks botocore about the fixture's one profile: findings about other profiles
        // of a whole-home fixture (`sw doctor` without a name) are not about what it asked.
        let findings = fixture.diagnose().filter { $0.profile == nil || $0.profile == fixture.expect.profile || fixture.expect.profile == nil }
        let outcomes = try #require(report.results[slug], "the oracle did not report \(slug) (did it crash?)")
        let said = outcomes.values.compactMap { $0.ok ? nil : "\($0.exception ?? ""): \($0.message ?? "")" }
        for f in findings where f.predicts != nil && (f.stage == .credentials || f.stage == .region) {
            let text = f.predicts!
            #expect(said.contains { $0.contains(text) }, "\(slug) \(f.code.rawValue) predicts '\(text)' but botocore said \(said)")
        }
        if !findings.contains(where: { $0.severity == .error }) {
            for (step, outcome) in outcomes {
                #expect(outcome.passedConfiguration, "\(slug): doctor found no error, but botocore's \(step) step failed: \(outcome.exception ?? "") \(outcome.message ?? "")")
            }
        }
        // A fixture with an error that predicts a botocore failure must really fail in botocore.
        if findings.contains(where: { $0.severity == .error && $0.predicts != nil && $0.stage == .credentials }) {
            #expect(outcomes["credentials"]?.passedConfiguration == false, "\(slug): doctor predicts a failure, botocore succeeded")
        }
    }
}
