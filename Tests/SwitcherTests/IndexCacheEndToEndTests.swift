import Foundation
import Testing

// The real `sw` binary and its index cache: answers come from the snapshot once the AWS files
// have settled, are the same as from parsing, and every change to a file is seen at once.
@Suite("sw's index cache, end to end")
struct IndexCacheEndToEndTests {
    @Test("after the files settle, sw answers from its cache in $XDG_CACHE_HOME/sw with the same output, and sees an edit at once")
    func cacheLifecycle() throws {
        // GIVEN a config and credentials file, left alone for longer than sw's settle time (2 s)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sw-e2e-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        let config = root.appendingPathComponent(".aws/config")
        try Data("[profile base]\nregion = eu-west-1\n[profile child]\nsource_profile = base\nrole_arn = arn:aws:iam::123456789012:role/Dev\n".utf8).write(to: config)
        try Data("[base]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = CANARY-SECRET\n".utf8)
            .write(to: root.appendingPathComponent(".aws/credentials"))
        Thread.sleep(forTimeInterval: 2.2)
        let xdg = root.appendingPathComponent("xdg-cache")
        var env = ["HOME": root.path, "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": xdg.path, "SW_INDEX_CACHE": "trace"]
        func sw(_ args: String...) throws -> SwRun { try Harness.sw(args, environment: env) }

        // WHEN sw lists the profiles twice, then switches
        let first = try sw("list", "--json")
        let second = try sw("list", "--json")
        let use = try sw("use", "--shell", "bash", "child")

        // THEN the first run parses and writes a snapshot, the next ones answer from it, identically
        #expect(first.status == 0 && second.status == 0 && use.status == 0, "\(first.stderr)\(second.stderr)\(use.stderr)")
        #expect(first.stderr.contains("sw: index cache: miss, snapshot written"), "\(first.stderr)")
        #expect(second.stderr.contains("sw: index cache: hit"), "\(second.stderr)")
        #expect(use.stderr.contains("sw: index cache: hit"), "\(use.stderr)")
        #expect(first.stdout == second.stdout)
        #expect(use.stdout.contains("AWS_REGION='eu-west-1'"), "the region comes from the source_profile, read from the snapshot")
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: xdg.appendingPathComponent("sw").path)
        #expect(snapshots.count == 1 && snapshots[0].hasPrefix("index-"), "\(snapshots)")
        let bytes = try Data(contentsOf: xdg.appendingPathComponent("sw").appendingPathComponent(snapshots[0]))
        #expect(bytes.range(of: Data("CANARY-SECRET".utf8)) == nil)
        #expect(bytes.range(of: Data("build-id:".utf8)) != nil, "the snapshot is keyed by sw's GNU build id, not the executable's stat")

        // WHEN the config is edited
        try Data("[profile base]\nregion = us-east-2\n[profile other]\n".utf8).write(to: config)
        let edited = try sw("list", "--names")
        let switched = try sw("use", "--shell", "bash", "base")

        // THEN the edit is seen at once (a file changed in the last 2 s is parsed, not cached)
        #expect(edited.stdout == "base\nother\n", "\(edited.stdout)")
        #expect(edited.stderr.contains("not used: an AWS file changed in the last 2 seconds"), "\(edited.stderr)")
        #expect(switched.stdout.contains("AWS_REGION='us-east-2'"))

        // AND SW_INDEX_CACHE=off parses every time and says nothing
        env["SW_INDEX_CACHE"] = "off"
        let off = try sw("list", "--names")
        #expect(off.stdout == "base\nother\n" && !off.stderr.contains("index cache"))
    }

    @Test("a secret key written as a nested setting shows none of its values: sw show, show --json and list --json, parsed or from the snapshot")
    func nestedSecretValuesAreRedacted() throws {
        // GIVEN aws_session_token written as a nested setting (botocore reads it as a map)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sw-e2e-nested-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try Data("[profile odd]\nregion = eu-west-1\naws_session_token =\n  part = NESTED-SECRET\n".utf8)
            .write(to: root.appendingPathComponent(".aws/config"))
        Thread.sleep(forTimeInterval: 2.2)
        let env = ["HOME": root.path, "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": root.appendingPathComponent("xdg-cache").path,
                   "SW_INDEX_CACHE": "trace"]

        // WHEN it is shown and listed, the second list reading the snapshot in place
        let runs = try [["show", "odd"], ["show", "--json", "odd"], ["list", "--json"], ["list", "--json"]].map {
            try Harness.sw($0, environment: env)
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
