import Foundation
import Testing
import TestSupport

/// Tab completion as a person gets it: the real sw binary, `sw init SHELL` loaded into an
/// interactive shell on a real terminal (tmux), a prefix typed, Tab pressed, then the completed
/// line run as the arguments of `printf '[%s]\n'`, so the screen shows each word exactly as the
/// shell reads it back.
@Suite("tab completion in real interactive shells", .serialized)
struct CompletionEndToEndTests {
    /// Profile names a shell could mangle: in the credentials file, where botocore keeps a section
    /// name whole (spaces included).
    static let credentials = """
        [dev]
        aws_access_key_id = AKIAFAKE
        [my profile]
        aws_access_key_id = AKIAFAKE
        [it's]
        aws_access_key_id = AKIAFAKE
        [back`touch CANARY`tick]
        aws_access_key_id = AKIAFAKE
        [x$(touch CANARY) "$HOME" y]
        aws_access_key_id = AKIAFAKE
        [star*]
        aws_access_key_id = AKIAFAKE
        [a:b]
        aws_access_key_id = AKIAFAKE

        """

    /// (what is typed after `sw `, the words the completed line holds after `sw`)
    static let cases: [(typed: String, words: [String])] = [
        ("sess", ["sessions"]),                              // a subcommand
        ("list --so", ["list", "--sort"]),                   // a flag
        ("list --sort acc", ["list", "--sort", "account"]),  // a flag's value
        ("init fi", ["init", "fish"]),                       // an argument's values
        ("show my", ["show", "my profile"]),
        ("show it", ["show", "it's"]),
        ("use back", ["use", "back`touch CANARY`tick"]),
        ("exec x", ["exec", "x$(touch CANARY) \"$HOME\" y"]),
        ("doctor st", ["doctor", "star*"]),
        ("login a", ["login", "a:b"]),
    ]

    @Test("a subcommand, a flag, its value and hostile profile names complete to exactly themselves",
          arguments: ["bash", "zsh", "fish"])
    func completes(shell: String) throws {
        let home = try ShellHome(credentials: Self.credentials)
        var env = home.environment
        env["TERM"] = "xterm-256color"
        env["PS1"] = "$ "
        let command: [String] = switch shell {
        case "bash": ["/bin/bash", "--noprofile", "--norc"]
        case "zsh": [try Tools.path("zsh"), "-f"]
        default: [try Tools.path("fish"), "--no-config"]
        }
        let t = try TmuxTerminal(width: 160, height: 40, shell: command, environment: env)
        try t.waitFor("the shell prompt") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        let setup = switch shell {
        case "bash": #"cd "$HOME/../work"; eval "$(sw init bash)""#
        case "zsh": #"cd "$HOME/../work"; autoload -U compinit; compinit -u -D; eval "$(sw init zsh)"; PS1='$ '"#
        default: #"cd "$HOME/../work"; sw init fish | source; function fish_prompt; echo '$ '; end"#
        }
        try t.type(setup + "; echo READY")
        try t.press("Enter")
        try t.waitFor("the init script") { $0.components(separatedBy: "\n").contains("READY") }
        for (n, (typed, words)) in Self.cases.enumerated() {
            try t.type("sw \(typed)")
            let typedScreen = try t.waitFor("the typed text") { Self.promptLine($0) == "$ sw \(typed)" }
            try t.press("Tab")
            // The completion runs sw ---completion: wait until it has changed the screen. zsh may
            // first list the one match with its description; a second Tab inserts it.
            let completed = try t.waitFor("the completion of sw \(typed)") { $0 != typedScreen }
            if Self.promptLine(completed) == "$ sw \(typed)" {
                try t.press("Tab")
                try t.waitFor("the second Tab on sw \(typed)") { Self.promptLine($0) != "$ sw \(typed)" }
            }
            try t.press("C-a")
            try t.type("printf '\(n)[%s]\\n' ")
            try t.press("C-e")
            try t.type("; echo DONE\(n)")
            try t.press("Enter")
            let screen = try t.waitFor("case \(n)") { $0.components(separatedBy: "\n").contains("DONE\(n)") }
            let printed = screen.components(separatedBy: "\n").filter { $0.hasPrefix("\(n)[") }
            #expect(printed == (["sw"] + words).map { "\(n)[\($0)]" }, "typed: sw \(typed)\nscreen:\n\(screen)")
            try t.press("C-l")
            try t.waitFor("a cleared screen") { !$0.contains("DONE\(n)") }
        }
        #expect(!home.canaryCreated)
    }

    /// The command line being edited: the last line that starts with the prompt.
    static func promptLine(_ screen: String) -> String {
        (screen.components(separatedBy: "\n").last { $0.hasPrefix("$ ") } ?? "")
            .trimmingCharacters(in: .whitespaces)
    }
}

@Suite("one completion: sw init, shell/completions and the generated scripts agree")
struct CompletionSourceTests {
    @Test("shell/completions/ is what sw --generate-completion-script prints (run scripts/embed-shell-scripts.py --completions)")
    func committedScriptsAreGenerated() throws {
        let run = try Harness.run("/usr/bin/env", ["python3", repositoryRoot.appendingPathComponent("scripts/embed-shell-scripts.py").path,
                                                   "--check-completions", Harness.swBinary],
                                  environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("sw init SHELL prints shell/sw.SHELL, then the completion script make install installs",
          arguments: [("bash", "sw.bash"), ("zsh", "_sw"), ("fish", "sw.fish")])
    func initCarriesInstalledCompletion(shell: String, file: String) throws {
        let run = try Harness.sw(["init", shell], environment: [:])
        #expect(run.status == 0)
        let wrapper = try String(contentsOf: repositoryRoot.appendingPathComponent("shell/sw.\(shell)"), encoding: .utf8)
        let completion = try String(contentsOf: repositoryRoot.appendingPathComponent("shell/completions/\(file)"), encoding: .utf8)
        let expected = shell == "zsh"
            ? wrapper + "\nif (( ${+functions[compdef]} )); then\n" + completion + "fi\n"
            : wrapper + "\n" + completion
        #expect(run.stdout == expected)
    }
}
