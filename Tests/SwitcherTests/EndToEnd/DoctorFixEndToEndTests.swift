import Foundation
import Testing

// The region fix `sw doctor` gives for a generator's section is sw's own [env] overlay: pasted
// into sw's config as printed, `sw use` must then give the profile its region, in a real shell,
// and doctor and botocore must agree that it has one.

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("ProfileIndexTests/DoctorFixtures").path

@Suite("sw doctor's fixes, applied")
struct DoctorFixEndToEndTests {
    @Test("granted's profile without region: the [env] lines doctor prints, pasted into sw's config, make sw use set both region variables and botocore find the region",
          arguments: [("gen-granted-populate-export", "prod/Admin", "eu-central-1"), ("gen-tsh-apps-login", "payments-prod", "<region>")])
    func overlayFixWorks(slug: String, profile: String, region: String) throws {
        // GIVEN a copy of a home written the way granted / tsh apps login write it
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("sw-doctor-fix-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: root) }
        try fm.copyItem(atPath: fixtures + "/" + slug + "/home", toPath: root + "/home")
        let swDir = URL(fileURLWithPath: Harness.swBinary).deletingLastPathComponent().path
        let env = ["HOME": root + "/home", "PATH": "\(swDir):/usr/bin:/bin", "LANG": "C.UTF-8"]

        // WHEN doctor is asked, and its [env] lines are pasted into sw's config
        let before = try Harness.sw(["doctor", "--json", profile], environment: env)
        let findings = try #require(JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [[String: Any]])
        let fix = try #require(findings.first { $0["id"] as? String == "SW504" }?["fix"] as? String)
        #expect(fix.hasPrefix("in sw's config \(root)/home/.config/sw/config.ini"))
        let lines = fix.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("[env ") })
        let end = try #require(lines.firstIndex { $0.hasPrefix("AWS_REGION = ") })
        var pasted = lines[start...end].joined(separator: "\n") + "\n"
        #expect(pasted.contains("AWS_REGION = \(region)\n"))
        // No evidence: the user puts their region where doctor wrote <region>.
        pasted = pasted.replacingOccurrences(of: "AWS_REGION = <region>", with: "AWS_REGION = ap-southeast-2")
        let chosen = region == "<region>" ? "ap-southeast-2" : region
        try fm.createDirectory(atPath: root + "/home/.config/sw", withIntermediateDirectories: true)
        try Data(pasted.utf8).write(to: URL(fileURLWithPath: root + "/home/.config/sw/config.ini"))

        // THEN in bash, sw use sets both variables, doctor finds no SW504, botocore has the region
        let python = try Python.path()
        let script = """
            eval "$(sw init bash)"
            sw use '\(profile)' 2>/dev/null || exit 3
            echo "$AWS_REGION $AWS_DEFAULT_REGION"
            sw doctor --json '\(profile)' | grep -c '"SW504"'
            '\(python)' -c 'import botocore.session; print(botocore.session.Session().get_config_variable("region"))'
            """
        let shellEnv = env
        let run = try Harness.run("/bin/bash", ["--noprofile", "--norc", "-c", script], environment: shellEnv)
        let out = run.stdout.split(separator: "\n").map(String.init)
        #expect(out.count == 3, "\(run.stdout)\(run.stderr)")
        #expect(out.first == "\(chosen) \(chosen)")
        #expect(out.dropFirst().first == "0", "doctor still reports SW504 after the fix")
        #expect(out.last == chosen)
    }

    @Test("a region sw's config gives is only for profiles without one: the profile's own region (or its chain's) wins, and sw use says where a given region came from")
    func overlayIsAFallback() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("sw-overlay-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: root) }
        try fm.createDirectory(atPath: root + "/home/.aws", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/home/.config/sw", withIntermediateDirectories: true)
        try Data("[profile own]\nregion = us-west-1\n\n[profile bare]\noutput = json\n".utf8).write(to: URL(fileURLWithPath: root + "/home/.aws/config"))
        try Data("[env *]\nAWS_REGION = eu-north-1\n".utf8).write(to: URL(fileURLWithPath: root + "/home/.config/sw/config.ini"))
        let env = ["HOME": root + "/home", "PATH": "/usr/bin:/bin"]
        let own = try Harness.sw(["use", "--shell", "bash", "own"], environment: env)
        #expect(own.stdout.contains("AWS_REGION=us-west-1") || own.stdout.contains("AWS_REGION='us-west-1'"), "\(own.stdout)")
        #expect(!own.stdout.contains("eu-north-1"))
        let bare = try Harness.sw(["use", "--shell", "bash", "bare"], environment: env)
        #expect(bare.stdout.contains("AWS_DEFAULT_REGION='eu-north-1'") || bare.stdout.contains("AWS_DEFAULT_REGION=eu-north-1"), "\(bare.stdout)")
        #expect(bare.stderr.contains("bare has no region; using eu-north-1 from \(root)/home/.config/sw/config.ini:2 (sw's config)"), "\(bare.stderr)")
    }
}
