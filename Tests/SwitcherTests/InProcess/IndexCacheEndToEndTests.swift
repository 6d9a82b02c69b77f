import Foundation
import ProfileIndex
import Testing
import TestSupport

/// A home with a config and credentials file: `child` assumes a role from `base`, whose keys
/// hold a canary secret.
private func cacheHome() throws -> TemporaryHome {
    let home = try TemporaryHome("sw-e2e-cache")
    try home.write("[profile base]\nregion = eu-west-1\n[profile child]\nsource_profile = base\nrole_arn = arn:aws:iam::123456789012:role/Dev\n",
                   to: ".aws/config")
    try home.write("[base]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = CANARY-SECRET\n", to: ".aws/credentials")
    return home
}

// sw's index cache: answers come from the snapshot once the AWS files have settled, are the same
// as from parsing, and every change to a file is seen at once.
@Suite("sw's index cache, end to end")
struct IndexCacheEndToEndTests {
    @Test("the binary, once the files settle, answers from its cache in $XDG_CACHE_HOME/sw, keyed by its build id, with the same output")
    func binaryCache() throws {
        // GIVEN the AWS files, left alone for longer than sw's settle time (2 s): the binary reads the real clock
        let home = try cacheHome()
        Thread.sleep(forTimeInterval: 2.2)
        let env = ["HOME": home.root.path, "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": home.path("xdg-cache"), "SW_INDEX_CACHE": "trace"]

        // WHEN sw lists the profiles twice
        let first = try Harness.sw(["list", "--json"], environment: env)
        let second = try Harness.sw(["list", "--json"], environment: env)

        // THEN the first run parses and writes a snapshot, the next answers from it, identically
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        #expect(first.stderr.contains("sw: index cache: miss, snapshot written"), "\(first.stderr)")
        #expect(second.stderr.contains("sw: index cache: hit"), "\(second.stderr)")
        #expect(first.stdout == second.stdout)
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: home.path("xdg-cache/sw"))
        #expect(snapshots.count == 1 && snapshots[0].hasPrefix("index-"), "\(snapshots)")
        let bytes = try #require(home.read("xdg-cache/sw/" + snapshots[0]))
        #expect(bytes.range(of: Data("CANARY-SECRET".utf8)) == nil)
        #expect(bytes.range(of: Data("build-id:".utf8)) != nil, "the snapshot is keyed by sw's GNU build id, not the executable's stat")
    }

    @Test("a snapshot answers sw use as parsing would, and an edit is seen at once: a file changed in the last 2 s is parsed, not cached")
    func editSeenAtOnce() throws {
        // GIVEN the AWS files, settled long before the clock
        let home = try cacheHome()
        var env = ["HOME": home.root.path, "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": home.path("xdg-cache"), "SW_INDEX_CACHE": "trace"]

        // WHEN sw lists the profiles twice, then switches
        let first = InProcess.sw(["list", "--json"], environment: env)
        let second = InProcess.sw(["list", "--json"], environment: env)
        let use = InProcess.sw(["use", "--shell", "bash", "child"], environment: env)

        // THEN the snapshot is written, then read, with the same answers
        #expect(first.stderr.contains("sw: index cache: miss, snapshot written"), "\(first.stderr)")
        #expect(second.stderr.contains("sw: index cache: hit") && use.stderr.contains("sw: index cache: hit"), "\(second.stderr)\(use.stderr)")
        #expect(first.stdout == second.stdout)
        #expect(use.stdout.contains("AWS_REGION='eu-west-1'"), "the region comes from the source_profile, read from the snapshot")

        // WHEN the config is edited, and sw runs within a second of that change
        try home.write("[profile base]\nregion = us-east-2\n[profile other]\n", to: ".aws/config")
        let changed = try LocalFileSystem().status(home.path(".aws/config")).get().changed
        let justAfter = Date(timeIntervalSince1970: Double(changed / 1_000_000_000 + 1))
        let edited = InProcess.sw(["list", "--names"], environment: env, now: justAfter)
        let switched = InProcess.sw(["use", "--shell", "bash", "base"], environment: env, now: justAfter)

        // THEN the edit is seen at once, and not cached yet
        #expect(edited.stdout == "base\nother\n", "\(edited.stdout)")
        #expect(edited.stderr.contains("not used: an AWS file changed in the last 2 seconds"), "\(edited.stderr)")
        #expect(switched.stdout.contains("AWS_REGION='us-east-2'"))

        // AND SW_INDEX_CACHE=off parses every time and says nothing
        env["SW_INDEX_CACHE"] = "off"
        let off = InProcess.sw(["list", "--names"], environment: env)
        #expect(off.stdout == "base\nother\n" && !off.stderr.contains("index cache"))
    }

    @Test("a secret key written as a nested setting shows none of its values: sw show, show --json and list --json, parsed or from the snapshot")
    func nestedSecretValuesAreRedacted() throws {
        // GIVEN aws_session_token written as a nested setting (botocore reads it as a map)
        let home = try TemporaryHome("sw-e2e-nested")
        try home.write("[profile odd]\nregion = eu-west-1\naws_session_token =\n  part = NESTED-SECRET\n", to: ".aws/config")
        let env = ["HOME": home.root.path, "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": home.path("xdg-cache"), "SW_INDEX_CACHE": "trace"]

        // WHEN it is shown and listed, the second list reading the snapshot in place
        let runs = [["show", "odd"], ["show", "--json", "odd"], ["list", "--json"], ["list", "--json"]].map {
            InProcess.sw($0, environment: env)
        }

        // THEN the key is there, its value is not
        for run in runs {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("aws_session_token") && run.stdout.contains("<redacted>"), "\(run.stdout)")
            #expect(!(run.stdout + run.stderr).contains("NESTED-SECRET"), "\(run.stdout)")
        }
        #expect(runs[3].stderr.contains("index cache: hit"), "\(runs[3].stderr)")
    }
}
