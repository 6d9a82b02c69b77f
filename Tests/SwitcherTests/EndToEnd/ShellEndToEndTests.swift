import Foundation
import Testing
import TestSupport

/// A scratch home with an AWS config, a working folder the hostile names try to write a CANARY
/// into, and a way to run the real `sw` inside a real shell through `sw init`'s function.
struct ShellHome {
    let folder: TemporaryHome
    var root: URL { folder.root }
    var home: URL { folder.url("home") }
    var work: URL { folder.url("work") }

    init(config: String = "", credentials: String = "", swConfig: String? = nil) throws {
        folder = try TemporaryHome("sw-e2e")
        try folder.createDirectory("work")
        try folder.write(config, to: "home/.aws/config")
        try folder.write(credentials, to: "home/.aws/credentials")
        if let swConfig { try folder.write(swConfig, to: "home/.config/sw/config.ini") }
    }

    var environment: [String: String] {
        let swDir = URL(fileURLWithPath: Harness.swBinary).deletingLastPathComponent().path
        return ["HOME": home.path, "PATH": "\(swDir):/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]
    }

    /// Runs `script` in `shell` (no rc files) after loading `sw init <shell>`.
    func run(_ shell: String, _ script: String, extra: [String: String] = [:]) throws -> SwRun {
        let (executable, arguments): (String, [String]) = switch shell {
        case "bash": ("/bin/bash", ["--noprofile", "--norc", "-c", "eval \"$(sw init bash)\"\n" + script])
        case "zsh": (try Tools.path("zsh"), ["-f", "-c", "eval \"$(sw init zsh)\"\n" + script])
        default: (try Tools.path("fish"), ["--no-config", "-c", "sw init fish | source\n" + script])
        }
        var env = environment
        env.merge(extra) { $1 }
        return try Harness.run(executable, arguments, environment: env, workingDirectory: work.path)
    }

    func read(_ name: String) -> Data? { FileManager.default.contents(atPath: work.appendingPathComponent(name).path) }
    var canaryCreated: Bool { FileManager.default.fileExists(atPath: work.appendingPathComponent("CANARY").path) }
}

enum Tools {
    /// A tool the tests need; missing is a failure with the fix, never a skip.
    static func path(_ tool: String) throws -> String {
        for dir in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") {
            return "\(dir)/\(tool)"
        }
        throw ToolMissing(tool: tool)
    }

    struct ToolMissing: Error, CustomStringConvertible {
        let tool: String
        var description: String { "\(tool) is not installed; run scripts/test.sh, which installs what the tests need" }
    }
}

/// Hostile strings that can be profile names: a credentials-file section is the literal text
/// between `[` and the last `]`, so any single line that is not empty works (botocore agrees:
/// checked below). `-` alone means "the previous profile" to `sw use`, so it is not among them.
let hostileNames: [String] = HostileValues.all.filter { name in
    !name.isEmpty && !name.contains("\n") && !name.contains("\r") && name != "-" && name != "DEFAULT"
        && name.unicodeScalars.first.map { !$0.properties.isWhitespace } ?? false
}

/// The credentials file that defines every hostile name, each with the next name as its region
/// value (regions are values botocore keeps verbatim too).
func hostileCredentials() -> String {
    hostileNames.enumerated().map { i, name in
        "[\(name)]\nregion = \(hostileRegion(i))\n"
    }.joined(separator: "\n")
}

func hostileRegion(_ i: Int) -> String {
    // A value is stripped by configparser; keep only values that survive that unchanged.
    let candidates = HostileValues.all.filter {
        !$0.isEmpty && !$0.contains("\n") && !$0.contains("\r") && $0.trimmingCharacters(in: .whitespaces) == $0
            && $0.count < 1000
    }
    return candidates[(i + 1) % candidates.count]
}

@Suite("sw use in real shells")
struct ShellEndToEndTests {
    @Test("botocore accepts every hostile profile name the shell tests switch to")
    func botocoreAcceptsHostileNames() throws {
        let home = try ShellHome(credentials: hostileCredentials())
        let script = """
            import json, botocore.session
            s = botocore.session.Session()
            print(json.dumps(sorted(s.available_profiles)))
            """
        var env = home.environment
        env["PYTHONUTF8"] = "1"
        let result = try Harness.run(try Python.path(), ["-c", script], environment: env)
        #expect(result.status == 0, "botocore failed: \(result.stderr)")
        let names = try JSONDecoder().decode([String].self, from: Data(result.stdout.utf8))
        #expect(hostileNames.count >= 30)
        #expect(Set(names) == Set(hostileNames))
    }

    @Test("eval of sw use sets AWS_PROFILE and both region variables byte for byte, and runs nothing",
          arguments: ["bash", "zsh", "fish"])
    func hostileNamesSurviveEval(shell: String) throws {
        // GIVEN a home whose profiles are named with hostile strings
        let home = try ShellHome(credentials: hostileCredentials())
        for (i, name) in hostileNames.enumerated() {
            // WHEN the sw function switches to each, by its exact name passed through a variable
            let script = shell == "fish"
                ? "sw use -- \"$SW_TEST_NAME\" 2>/dev/null; or exit 3\nprintf '%s' \"$AWS_PROFILE\" > profile.out\nprintf '%s' \"$AWS_REGION\" > region.out\nprintf '%s' \"$AWS_DEFAULT_REGION\" > default-region.out"
                : "sw use -- \"$SW_TEST_NAME\" 2>/dev/null || exit 3\nprintf '%s' \"$AWS_PROFILE\" > profile.out\nprintf '%s' \"$AWS_REGION\" > region.out\nprintf '%s' \"$AWS_DEFAULT_REGION\" > default-region.out"
            let result = try home.run(shell, script, extra: ["SW_TEST_NAME": name])
            // THEN the variables hold exactly the name and region, and no hostile code ran
            #expect(result.status == 0, "\(shell): sw use failed for \(name.debugDescription.prefix(80)): \(result.stderr)")
            #expect(home.read("profile.out") == Data(name.utf8), "\(shell): AWS_PROFILE differs for \(name.debugDescription.prefix(80))")
            #expect(home.read("region.out") == Data(hostileRegion(i).utf8), "\(shell): AWS_REGION differs for \(name.debugDescription.prefix(80))")
            #expect(home.read("default-region.out") == Data(hostileRegion(i).utf8))
            #expect(!home.canaryCreated, "\(shell): \(name.debugDescription.prefix(80)) ran code")
        }
    }

    @Test("sw use, sw use -, sw off in a real shell leave exactly the expected environment",
          arguments: ["bash", "zsh", "fish"])
    func lifecycle(shell: String) throws {
        let home = try ShellHome(config: """
            [profile alpha]
            region = eu-west-1

            [profile beta]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = Admin

            [sso-session corp]
            sso_start_url = https://d-1.awsapps.com/start
            sso_region = us-east-1
            """, swConfig: """
            [env alpha]
            KUBECONFIG = ~/.kube/alpha
            """)
        let dump = shell == "fish"
            ? "for v in AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION KUBECONFIG AWS_ACCESS_KEY_ID AWS_DEFAULT_PROFILE; if set -q $v; echo \"$v=$$v\"; else; echo \"$v unset\"; end; end"
            : "for v in AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION KUBECONFIG AWS_ACCESS_KEY_ID AWS_DEFAULT_PROFILE; do if [ -n \"$(eval echo \\${$v+x})\" ]; then eval echo \"$v=\\$$v\"; else echo \"$v unset\"; fi; done"
        let sep = shell == "fish" ? "; and " : " && "
        let script = [
            "sw use alpha 2>/dev/null", dump, "echo ---",
            "sw use beta 2>/dev/null", dump, "echo ---",
            "sw use - 2>/dev/null", dump, "echo ---",
            "sw off 2>/dev/null", dump,
        ].joined(separator: sep)
        let result = try home.run(shell, script, extra: ["AWS_ACCESS_KEY_ID": "AKIALEFTOVER", "AWS_DEFAULT_PROFILE": "stale"])
        #expect(result.status == 0, "\(result.stderr)")
        let blocks = result.stdout.components(separatedBy: "---\n").map { $0.split(separator: "\n").map(String.init) }
        let kube = home.home.path + "/.kube/alpha"
        #expect(blocks.count == 4)
        guard blocks.count == 4 else { return }
        // alpha: its region and its [env] variable; leftovers removed
        #expect(blocks[0] == ["AWS_PROFILE=alpha", "AWS_REGION=eu-west-1", "AWS_DEFAULT_REGION=eu-west-1", "KUBECONFIG=\(kube)",
                              "AWS_ACCESS_KEY_ID unset", "AWS_DEFAULT_PROFILE unset"])
        // beta has no region: the regions and KUBECONFIG sw set for alpha are gone
        #expect(blocks[1] == ["AWS_PROFILE=beta", "AWS_REGION unset", "AWS_DEFAULT_REGION unset", "KUBECONFIG unset",
                              "AWS_ACCESS_KEY_ID unset", "AWS_DEFAULT_PROFILE unset"])
        // back to alpha
        #expect(blocks[2] == blocks[0])
        // off: everything sw set is gone
        #expect(blocks[3] == ["AWS_PROFILE unset", "AWS_REGION unset", "AWS_DEFAULT_REGION unset", "KUBECONFIG unset",
                              "AWS_ACCESS_KEY_ID unset", "AWS_DEFAULT_PROFILE unset"])
    }

    @Test("a region the user set after switching survives the switch to a profile without one",
          arguments: ["bash", "zsh", "fish"])
    func userRegionIsKept(shell: String) throws {
        let home = try ShellHome(config: "[profile alpha]\nregion = eu-west-1\n\n[profile bare]\noutput = json\n")
        let set = shell == "fish" ? "set -gx AWS_REGION ap-south-1" : "export AWS_REGION=ap-south-1"
        let sep = shell == "fish" ? "; and " : " && "
        let script = ["sw use alpha 2>/dev/null", set, "sw use bare 2>/dev/null", "echo \"$AWS_REGION\""].joined(separator: sep)
        let result = try home.run(shell, script)
        #expect(result.stdout == "ap-south-1\n", "\(result.stderr)")
    }

    @Test("a failed sw use changes nothing in the shell and returns non-zero", arguments: ["bash", "zsh", "fish"])
    func failedUseChangesNothing(shell: String) throws {
        let home = try ShellHome(config: "[profile alpha]\nregion = eu-west-1\n")
        let script = shell == "fish"
            ? "sw use nosuch 2>/dev/null; echo \"status=$status profile=$AWS_PROFILE\""
            : "sw use nosuch 2>/dev/null; echo \"status=$? profile=${AWS_PROFILE-}\""
        let result = try home.run(shell, script, extra: ["AWS_PROFILE": "mine"])
        #expect(result.stdout == "status=1 profile=mine\n")
    }
}

enum Python {
    /// The interpreter `python3` on the test runner's PATH really is (pyenv's shim is a script
    /// that stops working once HOME changes, and tests change HOME).
    static func path() throws -> String {
        let run = try ChildProcess.run("/usr/bin/env", ["python3", "-c", "import sys, botocore; print(sys.executable)"],
                                       environment: ProcessInfo.processInfo.environment)
        let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard run.status == 0, !path.isEmpty else { throw Tools.ToolMissing(tool: "python3 with botocore") }
        return path
    }
}
