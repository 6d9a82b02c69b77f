import Foundation
import Testing
import TestSupport

/// `sw use --export`, `sw off`, `sw exec --export` and `%e` in real shells, through `sw init`'s
/// function, with credentials botocore resolved.
@Suite("sw use --export in real shells")
struct UseExportEndToEndTests {
    @Test("use --export sets botocore's credentials; switching to another profile removes them; use --export then off leaves none",
          arguments: ["bash", "zsh", "fish"])
    func lifecycle(shell: String) throws {
        let fixture = try ExportFixture()
        try fixture.logIn()
        let names = ExportFixture.variables
        let script = [
            "sw use --export dev 2>/dev/null", ExportFixture.dump(names, shell: shell, suffix: "-1"),
            "sw use plain 2>/dev/null", ExportFixture.dump(names, shell: shell, suffix: "-2"),
            "sw use --export dev 2>/dev/null", "sw use --export keys 2>/dev/null", ExportFixture.dump(names, shell: shell, suffix: "-3"),
            "sw use --export dev 2>/dev/null", "sw off 2>/dev/null", ExportFixture.dump(names, shell: shell, suffix: "-4"),
        ].joined(separator: "\n")
        let result = try fixture.run(shell, script)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("SECRET"))
        #expect(!fixture.shell.canaryCreated)

        // 1: dev's credentials, exactly as botocore resolved them, beside AWS_PROFILE
        #expect(fixture.value("AWS_PROFILE", "-1") == "dev")
        #expect(fixture.value("AWS_ACCESS_KEY_ID", "-1") == ExportFixture.devKey)
        #expect(fixture.value("AWS_SECRET_ACCESS_KEY", "-1") == ExportFixture.devSecret)
        #expect(fixture.value("AWS_SESSION_TOKEN", "-1") == ExportFixture.devToken)
        #expect(fixture.value("AWS_CREDENTIAL_EXPIRATION", "-1")?.hasSuffix("+00:00") == true)
        // 2: a switch without --export removes them
        #expect(fixture.value("AWS_PROFILE", "-2") == "plain")
        for name in names.dropLast() { #expect(fixture.value(name, "-2") == "unset", "\(name) after sw use plain") }
        // 3: long-term keys after temporary credentials: no session token or expiry is left over
        #expect(fixture.value("AWS_ACCESS_KEY_ID", "-3") == "AKIA/KEYS+SECRET=")
        #expect(fixture.value("AWS_SECRET_ACCESS_KEY", "-3") == "SECRET-STATIC/KEY+x=")
        #expect(fixture.value("AWS_SESSION_TOKEN", "-3") == "unset")
        #expect(fixture.value("AWS_CREDENTIAL_EXPIRATION", "-3") == "unset")
        // 4: sw off removes everything
        for name in names { #expect(fixture.value(name, "-4") == "unset", "\(name) after sw off") }
    }

    @Test("a credential value changed by the user after use --export is kept by sw off", arguments: ["bash", "fish"])
    func changedValueKept(shell: String) throws {
        let fixture = try ExportFixture()
        try fixture.logIn()
        let set = shell == "fish" ? "set -gx AWS_SESSION_TOKEN mine" : "export AWS_SESSION_TOKEN=mine"
        let script = ["sw use --export dev 2>/dev/null", set, "sw off",
                      ExportFixture.dump(["AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID"], shell: shell, suffix: "")].joined(separator: "\n")
        let result = try fixture.run(shell, script)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fixture.value("AWS_SESSION_TOKEN", "") == "mine")
        #expect(fixture.value("AWS_ACCESS_KEY_ID", "") == "unset")
        #expect(result.stderr.contains("kept AWS_SESSION_TOKEN"))
        #expect(!result.stderr.contains("SECRET"))
    }

    @Test("a failed use --export changes nothing in the shell and returns the CLI's status", arguments: ["bash", "zsh", "fish"])
    func failedUseExport(shell: String) throws {
        // GIVEN no login: the export fails
        let fixture = try ExportFixture()
        let status = shell == "fish" ? "$status" : "$?"
        let script = "sw use --export dev 2>err.out; echo \"status=\(status)\"\n" + ExportFixture.dump(["AWS_PROFILE", "AWS_ACCESS_KEY_ID"], shell: shell, suffix: "")
        let result = try fixture.run(shell, script, ["AWS_PROFILE": "plain"])
        #expect(result.stdout == "status=253\n")
        #expect(fixture.value("AWS_PROFILE", "") == "plain")
        #expect(fixture.value("AWS_ACCESS_KEY_ID", "") == "unset")
    }

    @Test("sw exec --export gives the command botocore's credentials and the profile")
    func execExport() throws {
        let fixture = try ExportFixture()
        try fixture.logIn()
        let result = try fixture.sw(["exec", "--export", "dev", "--", "/bin/sh", "-c",
                                     "printf '%s\\n%s\\n' \"$AWS_PROFILE\" \"$AWS_SECRET_ACCESS_KEY\" > exec.out; printf %s \"$AWS_SESSION_TOKEN\" >> exec.out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("SECRET"))
        let out = String(decoding: fixture.shell.read("exec.out") ?? Data(), as: UTF8.self)
        #expect(out == "dev\n\(ExportFixture.devSecret)\n\(ExportFixture.devToken)")
    }

    @Test("sw current's %e and summary tell how long exported credentials have left, on the real clock")
    func currentShowsExpiry() throws {
        let fixture = try ExportFixture(credentialsExpireIn: 7200)
        try fixture.logIn()
        let result = try fixture.run("bash", "sw use --export dev 2>/dev/null\nsw current --format '%p %e'\nsw current")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.wholeMatch(of: /dev 1h5\dm/) != nil, "\(lines)")
        #expect(lines.last?.contains(/credentials valid 1h5\dm/) == true, "\(lines)")
        #expect(!result.stderr.contains("SECRET"))
    }
}
