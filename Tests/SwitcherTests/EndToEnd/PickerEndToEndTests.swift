import Foundation
import Testing

/// A real terminal for the picker: a tmux server of its own running one shell, driven with
/// `send-keys` and read with `capture-pane`.
final class TmuxTerminal {
    let socket = "sw-test-\(UUID().uuidString.prefix(8))"
    let tmux: String

    init(width: Int = 100, height: Int = 20, shell: [String], environment: [String: String]) throws {
        tmux = try Tools.path("tmux")
        let env = environment.map { "\($0.key)=\($0.value)" }.sorted()
        try run(["-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height),
                 "--", "/usr/bin/env", "-i"] + env + shell)
    }

    deinit { _ = try? run(["kill-server"]) }

    /// Runs tmux with `arguments` and returns its stdout. Spawned directly rather than through
    /// Foundation's Process: the server tmux starts inherits the signal mask and the open files of
    /// the process that spawned it, and the test runner's threads block SIGCHLD, SIGHUP and
    /// SIGWINCH, which would leave the shell and the picker deaf to them.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([tmux, "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/bin:/bin"), nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmux, &actions, &attributes, argv, envp)
        if rc != 0 { throw Failure("cannot start tmux: error \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        if status != 0 { throw Failure("tmux \(arguments.joined(separator: " ")) failed (status \(status))") }
        return text
    }

    /// Types text literally.
    func type(_ text: String) throws { try run(["send-keys", "-l", "--", text]) }
    /// Presses keys by tmux name (Enter, Escape, Down, C-n, …).
    func press(_ keys: String...) throws { try run(["send-keys"] + keys) }
    func screen() throws -> String { try run(["capture-pane", "-p"]) }
    func resize(width: Int, height: Int) throws { try run(["resize-window", "-x", String(width), "-y", String(height)]) }

    /// Polls the screen until `condition` holds; fails with the screen after 15 s, so a hang is
    /// a failure, not a stuck test run.
    @discardableResult
    func waitFor(_ what: String, _ condition: (String) -> Bool) throws -> String {
        for _ in 0..<300 {
            let s = try screen()
            if condition(s) { return s }
            usleep(50_000)
        }
        throw Failure("timed out waiting for \(what); screen:\n\(try screen())")
    }

    @discardableResult
    func waitForText(_ text: String) throws -> String { try waitFor("'\(text)'") { $0.contains(text) } }

    struct Failure: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }
}

/// Profiles with distinct names, accounts and roles; one has a valid cached SSO token.
private let config = """
    [sso-session corp]
    sso_start_url = https://corp.awsapps.com/start
    sso_region = eu-west-1

    [profile payments-prod-admin]
    sso_session = corp
    sso_account_id = 111111111111
    sso_role_name = AdministratorAccess
    region = eu-west-1

    [profile payments-staging-readonly]
    sso_session = corp
    sso_account_id = 222222222222
    sso_role_name = ReadOnlyAccess
    region = eu-central-1

    [profile search-dev]
    sso_start_url = https://other.awsapps.com/start
    sso_region = us-east-1
    sso_account_id = 333333333333
    sso_role_name = Developer
    region = us-east-1

    [profile ledger-audit]
    region = us-west-2

    """

private struct PickerHome {
    let home: ShellHome
    var work: URL { home.work }

    init() throws {
        home = try ShellHome(config: config, credentials: "[ledger-audit]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = fake\n")
        // A valid token for the `corp` session (sha1("corp") names the file).
        let cache = home.home.appendingPathComponent(".aws/sso/cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let token = #"{"accessToken": "x", "expiresAt": "2999-01-01T00:00:00Z", "region": "eu-west-1", "startUrl": "https://corp.awsapps.com/start"}"#
        try Data(token.utf8).write(to: cache.appendingPathComponent("ee0bfd2552fbd840c02cc48b6e823320543c450f.json"))
    }

    func environment(term: String = "xterm-256color") -> [String: String] {
        var env = home.environment
        env["TERM"] = term
        env["PS1"] = "$ "
        env["XDG_STATE_HOME"] = home.root.appendingPathComponent("state").path
        return env
    }

    func terminal(shell: String = "bash", term: String = "xterm-256color", width: Int = 100, height: Int = 20) throws -> TmuxTerminal {
        let command: [String] = switch shell {
        case "bash": ["/bin/bash", "--noprofile", "--norc"]
        case "zsh": [try Tools.path("zsh"), "-f"]
        default: [try Tools.path("fish"), "--no-config"]
        }
        let t = try TmuxTerminal(width: width, height: height, shell: command, environment: environment(term: term))
        try t.waitFor("the shell prompt") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        return t
    }

    /// Starts `sw ARGS` in the terminal's bash with stdout to `out` and the status to `rc`.
    func startCapturing(_ t: TmuxTerminal, _ args: String = "pick --shell bash") throws {
        for file in ["out", "rc"] { try? FileManager.default.removeItem(at: work.appendingPathComponent(file)) }
        try t.type("sw \(args) >'\(work.path)/out'; echo $? >'\(work.path)/rc'")
        try t.press("Enter")
    }

    /// Waits for the command started by `startCapturing`; returns (status, stdout).
    func finished(_ t: TmuxTerminal) throws -> (Int32, String, String) {
        try waitForFile(work.appendingPathComponent("rc").path)
        let screen = try t.screen()
        let rc = try String(contentsOf: work.appendingPathComponent("rc"), encoding: .utf8)
        let out = try String(contentsOf: work.appendingPathComponent("out"), encoding: .utf8)
        return (Int32(rc.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1, out, screen)
    }

    func swUse(_ name: String, shell: String = "bash") throws -> String {
        var env = environment()
        env["SHELL"] = "/bin/\(shell)"
        let r = try Harness.sw(["use", name, "--shell", shell], environment: env)
        #expect(r.status == 0, "sw use \(name): \(r.stderr)")
        return r.stdout
    }
}

private func pickerOpen(_ s: String) -> Bool { s.contains("/4") }

@Suite("Picker end to end (tmux)", .serialized)
struct PickerEndToEndTests {
    @Test("typing a query, moving down and pressing Enter prints exactly what sw use prints for that profile")
    func pickSecondMatch() throws {
        // GIVEN the picker open in a terminal
        let h = try PickerHome()
        let t = try h.terminal()
        try h.startCapturing(t)
        try t.waitFor("the picker", pickerOpen)
        // WHEN a query narrows the list, Down moves to the second row and Enter picks it
        try t.type("pay")
        let listed = try t.waitForText("2/4")
        let rows = listed.split(separator: "\n").map(String.init)
        #expect(rows[0].hasPrefix("> pay"))
        #expect(rows[2].hasPrefix("> payments-prod-admin"), "the best match is selected first")
        #expect(rows[2].contains("111111111111") && rows[2].contains("AdministratorAccess") && rows[2].contains("eu-west-1"))
        #expect(rows[2].contains("valid"), "the corp session has a valid token")
        #expect(rows[3].hasPrefix("  payments-staging-readonly"))
        try t.press("Down")
        try t.waitFor("the selection on row 2") { $0.contains("> payments-staging-readonly") }
        try t.press("Enter")
        // THEN stdout holds sw use's code for it, and the picker left no row behind
        let (status, out, screen) = try h.finished(t)
        #expect(status == 0)
        #expect(out == (try h.swUse("payments-staging-readonly")))
        #expect(!screen.contains("/4") && !screen.contains("payments-prod-admin"))
    }

    @Test("Esc, Ctrl-C and Ctrl-D on an empty line cancel with exit 130 and empty stdout", arguments: ["Escape", "C-c", "C-d"])
    func cancel(key: String) throws {
        let h = try PickerHome()
        let t = try h.terminal()
        try h.startCapturing(t)
        try t.waitFor("the picker", pickerOpen)
        try t.press(key)
        let (status, out, screen) = try h.finished(t)
        #expect(status == 130)
        #expect(out.isEmpty)
        #expect(!screen.contains("/4"))
    }

    @Test("Ctrl-D on a non-empty line deletes a character instead of cancelling; Ctrl-P/Ctrl-N move")
    func editingKeys() throws {
        let h = try PickerHome()
        let t = try h.terminal()
        try h.startCapturing(t)
        try t.waitFor("the picker", pickerOpen)
        // "ledgerx", cursor back one word (M-b) to the start, end (C-e), delete back… C-d at end does nothing
        try t.type("xledger")
        try t.press("M-b", "C-d")
        try t.waitFor("the line edited by readline") { $0.hasPrefix("> ledger\n") || $0.hasPrefix("> ledger ") }
        try t.press("C-a", "C-k")
        try t.waitFor("the cleared line") { $0.contains("4/4") }
        try t.press("C-n", "C-n", "C-p", "Enter")
        let (status, out, _) = try h.finished(t)
        #expect(status == 0)
        #expect(out.contains("AWS_PROFILE"))
        #expect(out.contains("payments-prod-admin"), "two down and one up is the second profile by name")
    }

    @Test("Tab completes the common part of the matching names")
    func tabCompletes() throws {
        let h = try PickerHome()
        let t = try h.terminal()
        try h.startCapturing(t)
        try t.waitFor("the picker", pickerOpen)
        try t.type("pay")
        try t.waitForText("2/4")
        try t.press("Tab")
        try t.waitFor("the completed line") { $0.hasPrefix("> payments-\n") || $0.hasPrefix("> payments- ") }
        try t.press("Escape")
        _ = try h.finished(t)
    }

    @Test("resizing the terminal redraws the list to fit")
    func resize() throws {
        let h = try PickerHome()
        let t = try h.terminal(width: 100, height: 20)
        try h.startCapturing(t)
        try t.waitFor("the picker", pickerOpen)
        try t.resize(width: 40, height: 5)
        // 5 rows: prompt, count, three profiles, each cut to the 40 columns
        let small = try t.waitFor("the redraw") { s in
            let rows = s.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            return rows.count == 5 && rows.allSatisfy { $0.count <= 40 } && rows[3].contains("payments-pr…")
        }
        #expect(small.contains("4/4"))
        try t.press("Escape")
        let (status, _, _) = try h.finished(t)
        #expect(status == 130)
    }

    @Test("eval \"$(sw pick)\" and the sw shell function switch AWS_PROFILE", arguments: ["bash", "zsh", "fish"])
    func evalInShells(shell: String) throws {
        let h = try PickerHome()
        let t = try h.terminal(shell: shell)
        let done = h.work.appendingPathComponent("profile").path
        // eval "$(sw pick)": SW_SHELL names the shell, as the function would
        let evalLine = shell == "fish"
            ? "set -x SW_SHELL fish; eval \"$(sw pick)\"; echo \"$AWS_PROFILE\" >'\(done)'"
            : "export SW_SHELL=\(shell); eval \"$(sw pick)\"; echo \"$AWS_PROFILE\" >'\(done)'"
        try t.type(evalLine)
        try t.press("Enter")
        try t.waitFor("the picker", pickerOpen)
        try t.type("search")
        try t.waitForText("1/4")
        try t.press("Enter")
        try waitForFile(done)
        #expect(try String(contentsOfFile: done, encoding: .utf8) == "search-dev\n")
        // The sw function from sw init
        try FileManager.default.removeItem(atPath: done)
        let initLine = shell == "fish" ? "sw init fish | source" : "eval \"$(sw init \(shell))\""
        try t.type("\(initLine); sw pick; echo \"$AWS_PROFILE\" >'\(done)'")
        try t.press("Enter")
        try t.waitFor("the picker", pickerOpen)
        try t.type("ledger")
        try t.waitForText("1/4")
        try t.press("Enter")
        try waitForFile(done)
        #expect(try String(contentsOfFile: done, encoding: .utf8) == "ledger-audit\n")
    }

    @Test("sw use with an ambiguous name on a terminal opens the picker with that name typed in")
    func useAmbiguousOpensPicker() throws {
        let h = try PickerHome()
        let t = try h.terminal()
        try h.startCapturing(t, "use payments --shell bash")
        let screen = try t.waitForText("2/4")
        #expect(screen.hasPrefix("> payments"))
        try t.press("Enter")
        let (status, out, _) = try h.finished(t)
        #expect(status == 0)
        #expect(out == (try h.swUse("payments-prod-admin")))
    }

    @Test("sw use without a name on a terminal opens the picker; with stdin not a terminal it fails")
    func useWithoutName() throws {
        let h = try PickerHome()
        let t = try h.terminal()
        try h.startCapturing(t, "use --shell bash")
        try t.waitFor("the picker", pickerOpen)
        try t.type("search")
        try t.waitForText("1/4")
        try t.press("Enter")
        let (status, out, _) = try h.finished(t)
        #expect(status == 0)
        #expect(out == (try h.swUse("search-dev")))
        try h.startCapturing(t, "use --shell bash </dev/null")
        let (status2, out2, _) = try h.finished(t)
        #expect(status2 == 1)
        #expect(out2.isEmpty)
    }

    @Test("TERM=dumb gets a numbered list and a plain prompt: a number picks")
    func dumbTerminal() throws {
        let h = try PickerHome()
        let t = try h.terminal(term: "dumb")
        try h.startCapturing(t)
        try t.waitForText("pick a number")
        try t.type("led")
        try t.press("Enter")
        let filtered = try t.waitFor("the filtered list") { $0.components(separatedBy: "pick a number").count == 3 }
        #expect(filtered.contains("  1  ledger-audit"))
        #expect(!filtered.contains("\u{1B}"))
        try t.type("1")
        try t.press("Enter")
        let (status, out, _) = try h.finished(t)
        #expect(status == 0)
        #expect(out == (try h.swUse("ledger-audit")))
    }

    @Test("without a terminal sw pick exits 1 with a message and prints nothing")
    func noTerminal() throws {
        let h = try PickerHome()
        // setsid: a new session has no controlling terminal, so /dev/tty cannot be opened
        let r = try Harness.run("/usr/bin/setsid", ["-w", Harness.swBinary, "pick", "--shell", "bash"], environment: h.environment())
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("needs a terminal"))
    }

    @Test("a pick is remembered: the empty query lists the last pick first next time")
    func frecency() throws {
        let h = try PickerHome()
        let t = try h.terminal()
        try h.startCapturing(t)
        try t.waitFor("the picker", pickerOpen)
        try t.type("ledger")
        try t.waitForText("1/4")
        try t.press("Enter")
        _ = try h.finished(t)
        try t.press("C-l")
        try h.startCapturing(t)
        let screen = try t.waitFor("the picker", pickerOpen)
        #expect(screen.split(separator: "\n")[2].hasPrefix("> ledger-audit"))
        try t.press("Escape")
        _ = try h.finished(t)
    }
}

/// `sw pick --filter`: the ranking without the interface (no terminal needed).
@Suite("sw pick --filter")
struct PickFilterTests {
    @Test("--filter prints the index's matching names best first, searching roles too; exit 1 when nothing matches")
    func filterIndex() throws {
        let h = try PickerHome()
        let r = try Harness.sw(["pick", "--filter", "pay"], environment: h.environment())
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "payments-prod-admin\npayments-staging-readonly\n")
        let role = try Harness.sw(["pick", "--filter", "developer"], environment: h.environment())
        #expect(role.stdout == "search-dev\n")
        let none = try Harness.sw(["pick", "--filter", "zzz"], environment: h.environment())
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty)
    }

    @Test("--candidates-from ranks the non-empty lines of stdin, as fzf --filter reads them")
    func filterLines() throws {
        let h = try PickerHome()
        let r = try Harness.sw(["pick", "--filter", "ops", "--candidates-from", "/dev/stdin"], environment: h.environment(),
                               stdin: "ops-admin-extra\n\nbilling\r\nops-admin\nOPS")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "OPS\nops-admin\nops-admin-extra\n")
        // A pipe longer than the first read buffer (64 KiB): the last line is still found.
        let long = (0..<20_000).map { "x\($0)\n" }.joined() + "needle\n"
        let tail = try Harness.sw(["pick", "--filter", "needle", "--candidates-from", "/dev/stdin"], environment: h.environment(),
                                  stdin: long)
        #expect(tail.status == 0, "\(tail.stderr)")
        #expect(tail.stdout == "needle\n")
        let missing = try Harness.sw(["pick", "--filter", "ops", "--candidates-from", h.work.path + "/missing"],
                                     environment: h.environment())
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read"))
    }
}

private func waitForFile(_ path: String) throws {
    for _ in 0..<300 {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") { return }
        usleep(50_000)
    }
    throw TmuxTerminal.Failure("timed out waiting for \(path)")
}
