import Foundation
import Testing
import TestSupport
@testable import ProfileIndex

// Every doctor check has a fixture home under DoctorFixtures/<slug>/ (written by
// make_fixtures.py): expect.json names the profile and the exact set of finding ids.

private let fixturesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("DoctorFixtures").path
/// The PATH both doctor and the botocore oracle see: no tsh, granted, aws-sso… on it.
private let fixturePATH = "/usr/bin:/bin"
private let fixtureNow = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15

struct Expectation: Decodable {
    var profile: String?
    var focus: Bool
    var ids: [String]
    var facts: [String: FactValue]

    enum FactValue: Decodable {
        case text(String), number(Int), list([String])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .number(n) }
            else if let l = try? c.decode([String].self) { self = .list(l) }
            else { self = .text(try c.decode(String.self)) }
        }
    }
}

struct Fixture {
    let slug: String
    let expect: Expectation
    let environment: [String: String]

    init(_ slug: String) throws {
        self.slug = slug
        let folder = fixturesRoot + "/" + slug
        expect = try JSONDecoder().decode(Expectation.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/expect.json")))
        var env = ["HOME": folder + "/home", "PATH": fixturePATH]
        if let data = try? Data(contentsOf: URL(fileURLWithPath: folder + "/env.json")) {
            env.merge(try JSONDecoder().decode([String: String].self, from: data)) { $1 }
        }
        environment = env
    }

    var index: Index { Index.load(environment: environment, fileSystem: LocalFileSystem()) }

    var facts: DoctorFacts {
        let paths = AWSPaths(environment: environment)
        var aws = DoctorFacts.AWSCLI.version2("2.22.0")
        if case .text(let v)? = expect.facts["aws"] { aws = v == "missing" ? .missing : .version1("1.45.11") }
        var facts = DoctorFacts.gather(environment: environment, now: fixtureNow, paths: paths, awsCLI: aws, shellIntegration: .active,
                                       swConfig: SwConfig.load(environment: environment, fileSystem: LocalFileSystem()), workingDirectory: "/", fileSystem: LocalFileSystem())
        // git stores 0644: the permission facts come from expect.json, secure unless it says otherwise.
        facts.credentialsFileMode = 0o600
        if case .number(let mode)? = expect.facts["credentialsMode"] { facts.credentialsFileMode = UInt32(mode) }
        facts.exposedCacheFiles = []
        if case .list(let files)? = expect.facts["exposed"] { facts.exposedCacheFiles = files }
        facts.shellIntegration = .active
        if case .text("missing")? = expect.facts["shell"] {
            facts.shellIntegration = .missing(shell: "bash", rcFile: environment["HOME"]! + "/.bashrc")
        }
        return facts
    }

    func diagnose() -> [Problem] {
        Doctor.diagnose(index, facts: facts, profile: expect.focus ? expect.profile : nil)
    }

    static let all: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixturesRoot)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: fixturesRoot + "/" + $0 + "/expect.json") }.sorted()
    }()
}

@Suite("Doctor")
struct DoctorTests {
    @Test("each fixture gives exactly its expected finding ids", arguments: Fixture.all)
    func fixtureFindings(slug: String) throws {
        let fixture = try Fixture(slug)
        let found = fixture.diagnose()
        #expect(Set(found.map(\.code.rawValue)) == Set(fixture.expect.ids), "\(slug): \(found.map { "\($0.code.rawValue) \($0.message)" })")
        for f in found {
            #expect(f.fixText?.isEmpty == false, "\(slug) \(f.code.rawValue) has no fix")
            #expect(!f.message.contains("fixture-secret") && !f.message.contains("fixture-access") && !(f.fixText ?? "").contains("fixture-secret"))
        }
    }

    @Test("every check id has a fixture that produces it")
    func everyCheckHasAFixture() throws {
        var covered: Set<String> = []
        for slug in Fixture.all { covered.formUnion(try Fixture(slug).expect.ids) }
        // SW8xx are sw's own config problems, warned when sw loads it (SwConfigTests).
        let all = Set(Problem.Code.allCases.map(\.rawValue).filter { !$0.hasPrefix("SW8") })
        // SW102 (unreadable file: a folder or mode 000, which git cannot hold) is covered by
        // DoctorCommandTests, which builds such a home at run time.
        #expect(all.subtracting(covered).subtracting(["SW102"]).isEmpty, "no fixture for \(all.subtracting(covered).sorted())")
    }

    @Test("the healthy realistic home has no errors and no warnings")
    func healthyHome() throws {
        let found = try Fixture("healthy-home").diagnose()
        #expect(found.isEmpty, "\(found.map { "\($0.code.rawValue) \($0.message)" })")
    }

    @Test("the expiry saml2aws (RFC 3339, local offset) and gimme-aws-creds (isoformat, +00:00) write is read as the instant it names",
          arguments: [("gen-saml2aws-login-expired", "saml"), ("gen-gimme-aws-creds-expired", "Admin")])
    func generatedTemporaryKeysExpiry(slug: String, profile: String) throws {
        let found = try Fixture(slug).diagnose()
        let f = try #require(found.first { $0.code == .temporaryKeysExpired })
        #expect(f.profile == profile)
        // 2001-02-03T13:04:05+01:00 (saml2aws) and 2001-02-03T12:04:05+00:00 (gimme-aws-creds).
        #expect(f.message.contains("expired at 2001-02-03T12:04:05Z"), "\(f.message)")
    }

    @Test("temporary keys from saml2aws or gimme-aws-creds need no AWS CLI: no SW601/SW602 without aws or with v1",
          arguments: ["gen-saml2aws-login-expired", "gen-gimme-aws-creds-valid"])
    func temporaryKeysNeedNoAWSCLI(slug: String) throws {
        let fixture = try Fixture(slug)
        for aws in [DoctorFacts.AWSCLI.missing, .version1("1.45.11")] {
            var facts = fixture.facts
            facts.awsCLI = aws
            let found = Doctor.diagnose(fixture.index, facts: facts)
            #expect(!found.contains { $0.code == .awsCLIMissing || $0.code == .awsCLIVersion1 },
                    "\(slug): \(found.map { "\($0.code.rawValue) \($0.message)" })")
        }
    }

    @Test("token and region findings are errors for the profile in use, warnings elsewhere")
    func severityFollowsTheActiveProfile() throws {
        let fixture = try Fixture("token-missing-session")
        let whole = Doctor.diagnose(fixture.index, facts: fixture.facts)
        #expect(whole.first { $0.code == .tokenMissing }?.severity == .warning)
        var facts = fixture.facts
        facts.environment["AWS_PROFILE"] = "p"
        let active = Doctor.diagnose(fixture.index, facts: facts)
        #expect(active.first { $0.code == .tokenMissing }?.severity == .error)
        #expect(active.first { $0.code == .tokenMissing }?.fix == .command(["aws", "sso", "login", "--sso-session", "corp"]))
    }

    @Test("sw doctor NAME looks only at what NAME depends on")
    func focusLimitsScope() throws {
        let fixture = try Fixture("sso-same-url-two-regions")
        let all = Doctor.diagnose(fixture.index, facts: fixture.facts)
        #expect(all.contains { $0.code == .ssoRegionConflict })
        // Profile a's session 'one' alone has no conflict to report.
        let focused = Doctor.diagnose(fixture.index, facts: fixture.facts, profile: "a")
        #expect(!focused.contains { $0.code == .ssoRegionConflict })
    }

    @Test("region typos get a suggestion", arguments: [("us-east1", "us-east-1"), ("US-EAST-1", "us-east-1"),
                                                        ("eu-west-1 # main", "eu-west-1"), ("euwest2", "eu-west-2")])
    func regionSuggestion(typo: String, expected: String) {
        #expect(!Regions.isKnown(typo))
        #expect(Regions.suggestion(for: typo) == expected)
    }

    @Test("start URL hosts that fix the region")
    func hostRegion() {
        #expect(Regions.hostRegion(ofStartURL: "https://ssoins-1.portal.eu-central-1.app.aws") == .exactly("eu-central-1"))
        #expect(Regions.hostRegion(ofStartURL: "https://start.us-gov-home.awsapps.com/directory/d-1") == .partition("aws-us-gov"))
        #expect(Regions.hostRegion(ofStartURL: "https://x.awsapps.cn/start#/") == .partition("aws-cn"))
        #expect(Regions.hostRegion(ofStartURL: "https://d-123.awsapps.com/start") == .partition("aws"))
        #expect(Regions.hostRegion(ofStartURL: "https://sso.example.com/start") == nil)
    }

    @Test("the region table lists every region of botocore's endpoints.json")
    func regionTableMatchesBotocore() throws {
        let script = "import json,os,botocore;d=json.load(open(os.path.join(os.path.dirname(botocore.__file__),'data','endpoints.json')));print(json.dumps(sorted(r for p in d['partitions'] for r in p['regions'])))"
        let out = try runPython(["-c", script])
        let regions = try JSONDecoder().decode([String].self, from: Data(out.utf8))
        #expect(Set(regions) == Regions.all)
    }
}

/// Runs python3 (from PATH); fails the test with a hint when python3 or botocore is missing.
func runPython(_ arguments: [String], timeout: TimeInterval = 600) throws -> String {
    let run: ChildRun
    do {
        run = try ChildProcess.run("/usr/bin/env", ["python3"] + arguments, environment: ProcessInfo.processInfo.environment, timeout: timeout)
    } catch {
        Issue.record("cannot run python3 (\(error)); install Python 3 and botocore: python3 -m pip install 'botocore>=1.43'")
        throw error
    }
    guard run.status == 0 else {
        Issue.record("python3 failed (is botocore installed? python3 -m pip install 'botocore>=1.43'): \(run.stderr.suffix(1500))")
        throw CocoaError(.fileReadUnknown)
    }
    return run.stdout
}
