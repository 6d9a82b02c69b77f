import Foundation
import Testing
@testable import ProfileIndex

// Conformance/cases holds byte-exact config/credentials pairs. For each one, what `sw` reads
// (Index.load on the case's files) must equal what botocore reads (Session().full_config), which
// Conformance/config_oracle.py prints for every case in one python3 run.
//
// Not compared: `[services NAME]` sections, because Index does not expose them.

private let caseSlugs = ConfigOracle.caseSlugs

/// botocore's verdicts, computed once (python3 and botocore start slowly).
private let botocoreVerdicts = ConfigOracle.run(cases: ConfigOracle.casesDirectory)

@Suite("Conformance with botocore")
struct ConformanceTests {
    @Test("the corpus holds exactly the cases its README describes, at least the 78 verified ones")
    func corpusMatchesReadme() throws {
        let readme = try String(contentsOf: ConfigOracle.conformanceDirectory.appendingPathComponent("README.md"), encoding: .utf8)
        let described = readme.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("- `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
        #expect(described.count >= 78)
        #expect(described.sorted() == caseSlugs)
    }

    @Test("sw reads the case's files exactly as botocore does: same profiles, settings, sso-sessions, or the same file refused",
          arguments: caseSlugs)
    func agreesWithBotocore(slug: String) throws {
        // GIVEN botocore's verdict for the case
        let verdicts: [String: ConfigOutcome]
        switch botocoreVerdicts {
        case .success(let v): verdicts = v
        case .failure(let error):
            Issue.record("\(error)")
            return
        }
        let botocore = try #require(verdicts[slug], "the oracle printed nothing for \(slug)")

        // WHEN sw reads the same files (a path that does not exist where the case has no file)
        let index = Index.load(paths: ConfigOracle.paths(ofCase: slug), fileSystem: LocalFileSystem())
        let sw = ConfigOutcome(index)

        // THEN both agree
        if botocore.isLoaded {
            #expect(index.isRefusedByBotocore == false,
                    "\(slug): sw refuses a file botocore reads: \(index.config.parseFailures) \(index.credentials.parseFailures)")
        }
        #expect(sw == botocore, """
            \(slug): \(sw.difference(from: botocore) ?? "")
            sw:       \(sw)
            botocore: \(botocore)
            """)
    }
}

@Suite("Profiles built one at a time")
struct OnDemandProfileTests {
    @Test("a profile built on its own (as sw use does) equals the same profile built with all the others, and the raw login grouping matches the built profiles'",
          arguments: caseSlugs)
    func singleEqualsAll(slug: String) throws {
        let paths = ConfigOracle.paths(ofCase: slug)
        // GIVEN two indexes of the same files: one asked for single profiles first, one for all
        let single = Index.load(paths: paths, fileSystem: LocalFileSystem())
        let all = Index.load(paths: paths, fileSystem: LocalFileSystem())
        // WHEN each profile is built on its own in the first
        let names = single.profileNames
        let alone = names.map { single.profile(named: $0) }
        // THEN it equals the profile from the full build, and the login groups agree
        #expect(alone == all.profiles.map { Optional($0) }, "\(slug)")
        var grouped: [LoginKey: [String]] = [:]
        for p in all.profiles { if let key = p.loginKey { grouped[key, default: []].append(p.name) } }
        #expect(single.logins == grouped, "\(slug)")
    }
}
