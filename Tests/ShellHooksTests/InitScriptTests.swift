import Foundation
import Testing
import TestSupport
import ShellHooks

/// The repository root, found from this file's path.
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func shellFile(_ shell: Shell) -> URL {
    repositoryRoot.appendingPathComponent("shell/sw.\(shell.rawValue)")
}

/// argument-parser's completion script for `shell`, as `make install` installs it.
private func completionFile(_ shell: Shell) -> URL {
    repositoryRoot.appendingPathComponent("shell/completions/" + (shell == .zsh ? "_sw" : "sw.\(shell.rawValue)"))
}

private func render(_ shell: Shell, _ build: (inout EnvironmentChange) -> Void) -> String {
    var change = EnvironmentChange()
    build(&change)
    return shell.render(change)
}

@Suite("init scripts: files, embedding, lint")
struct InitScriptFileTests {
    @Test("embedded init scripts match the files in shell/ (run scripts/embed-shell-scripts.py)",
          arguments: Shell.allCases)
    func embeddedMatchesFile(shell: Shell) throws {
        let file = try #require(FileManager.default.contents(atPath: shellFile(shell).path),
                                "cannot read \(shellFile(shell).path)")
        #expect(Data(InitScript.wrapper(for: shell).utf8) == file,
                "InitScripts.generated.swift is stale: run scripts/embed-shell-scripts.py")
        let completion = try #require(FileManager.default.contents(atPath: completionFile(shell).path),
                                      "cannot read \(completionFile(shell).path)")
        #expect(Data(InitScript.completion(for: shell).utf8) == completion,
                "InitScripts.generated.swift is stale: run scripts/embed-shell-scripts.py")
    }

    @Test("each wrapper script passes its shell's checker", arguments: Shell.allCases)
    func lint(shell: Shell) throws {
        // bash: every optional shellcheck check too, as zoxide does; zsh and fish: parse only.
        let scratch = try Scratch()
        let path = shellFile(shell).path
        let (tool, arguments): (String, [String]) = switch shell {
        case .bash: ("shellcheck", ["--shell=bash", "--enable=all", "--severity=style", path])
        case .zsh: ("zsh", ["-n", path])
        case .fish: ("fish", ["--no-execute", path])
        }
        let run = try ShellRunner.runTool(try ShellRunner.locate(tool), arguments, in: scratch)
        #expect(run.status == 0)
        #expect(run.stdout == "")
        #expect(run.stderr == "")
    }

    @Test("the fish script is formatted the way fish_indent formats it")
    func fishIndent() throws {
        let scratch = try Scratch()
        let run = try ShellRunner.runTool(try ShellRunner.locate("fish_indent"),
                                          ["--check", shellFile(.fish).path], in: scratch)
        #expect(run.status == 0, "run fish_indent -w shell/sw.fish")
    }
}

@Suite("init scripts in real shells, with a fake sw on PATH")
struct InitScriptBehaviourTests {
    /// Code that puts the shell into its strictest usual mode.
    static func strictMode(_ shell: Shell) -> String {
        switch shell {
        case .bash: "set -euo pipefail\n"
        case .zsh: "setopt err_exit no_unset pipefail\n"
        case .fish: "" // fish has no strict mode
        }
    }

    @Test("sourcing the init script in strict mode succeeds, prints nothing and defines sw and sw_prompt",
          arguments: Shell.allCases)
    func sourceStrict(shell: Shell) throws {
        // GIVEN a strict shell and no sw on PATH at all
        let scratch = try Scratch()
        let check = switch shell {
        case .bash: "declare -F sw sw_prompt _sw > /dev/null\n"
        case .zsh: "(( ${+functions[sw]} && ${+functions[sw_prompt]} ))\n"
        case .fish: "functions -q sw sw_prompt __sw_custom_completion; or exit 3\n"
        }
        // WHEN it sources the script
        let run = try ShellRunner.run(
            shell, Self.strictMode(shell) + shell.sourceInitScript(from: scratch) + check + "echo done > marker\n",
            in: scratch)
        // THEN nothing is printed and every statement succeeded
        #expect(run.status == 0)
        #expect(run.stdout == "")
        #expect(run.stderr == "")
        #expect(scratch.exists(scratch.work.appendingPathComponent("marker")))
    }

    @Test("sw use sets and unsets variables in the calling shell and returns 0", arguments: Shell.allCases)
    func useChangesCallingShell(shell: Shell) throws {
        // GIVEN a sw that answers `use x` with code that sets AWS_PROFILE and unsets SW_TEST_OTHER
        let scratch = try Scratch()
        let fake = try FakeSw(in: scratch, reply: render(shell) {
            $0.set("AWS_PROFILE", "x y")
            $0.unset("SW_TEST_OTHER")
        })
        // WHEN the function runs
        let run = try ShellRunner.run(
            shell, shell.sourceInitScript(from: scratch) + "sw use 'x y'\n" + shell.reportStatus("use")
                + shell.report(["AWS_PROFILE", "SW_TEST_OTHER", "SW_SHELL"]),
            in: scratch)
        // THEN the calling shell changed, stdout stayed empty, and the binary's stdout was captured
        #expect(run.stdout == "")
        #expect(run.stderr == "")
        #expect(scratch.report == "use=0\nAWS_PROFILE=<x y>\nSW_TEST_OTHER unset\nSW_SHELL unset\n")
        #expect(fake.log == FakeSw.entry(shell: shell.rawValue, ["use", "x y"], streamed: false))
    }

    @Test("SW_SHELL names the shell for use, pick and off, and is not passed to other subcommands",
          arguments: Shell.allCases)
    func swShellVariable(shell: Shell) throws {
        let scratch = try Scratch()
        let fake = try FakeSw(in: scratch)
        let run = try ShellRunner.run(
            shell, shell.sourceInitScript(from: scratch) + "sw use p\nsw pick\nsw off\nsw current\n", in: scratch)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(fake.log == FakeSw.entry(shell: shell.rawValue, ["use", "p"], streamed: false)
            + FakeSw.entry(shell: shell.rawValue, ["pick"], streamed: false)
            + FakeSw.entry(shell: shell.rawValue, ["off"], streamed: false)
            + FakeSw.entry(shell: nil, ["current"], streamed: true))
    }

    @Test("when sw fails nothing it printed is evaluated and the function returns its status",
          arguments: Shell.allCases, [1, 130])
    func failureIsNotEvaluated(shell: Shell, status: Int) throws {
        // GIVEN a sw that prints code but exits non-zero (1: error, 130: picker cancelled)
        let scratch = try Scratch()
        _ = try FakeSw(in: scratch, reply: render(shell) { $0.set("HACKED", "1") })
        // WHEN use and pick run
        let run = try ShellRunner.run(
            shell, shell.sourceInitScript(from: scratch)
                + "sw use x\n" + shell.reportStatus("use") + "sw pick\n" + shell.reportStatus("pick")
                + shell.report(["HACKED"]),
            in: scratch, environment: ["FAKE_STATUS": "\(status)"])
        // THEN nothing was set and the status came back unchanged
        #expect(scratch.report == "use=\(status)\npick=\(status)\nHACKED unset\n")
        #expect(run.stdout == "")
    }

    @Test("a strict-mode shell keeps working after sw use succeeds", arguments: Shell.allCases)
    func useUnderStrictMode(shell: Shell) throws {
        let scratch = try Scratch()
        _ = try FakeSw(in: scratch, reply: render(shell) {
            $0.set("AWS_PROFILE", "strict")
            $0.unset("NEVER_SET")
        })
        let run = try ShellRunner.run(
            shell, Self.strictMode(shell) + shell.sourceInitScript(from: scratch) + "sw use strict\n"
                + shell.report(["AWS_PROFILE"]),
            in: scratch)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(scratch.report == "AWS_PROFILE=<strict>\n")
    }

    @Test("-h, --help and --version are passed through and never evaluated, unless after --",
          arguments: Shell.allCases)
    func helpIsNotEvaluated(shell: Shell) throws {
        // GIVEN a sw that answers everything with code setting HACKED
        let scratch = try Scratch()
        let code = render(shell) { $0.set("HACKED", "1") }
        let fake = try FakeSw(in: scratch, reply: code)
        // WHEN help and version are asked for
        let run = try ShellRunner.run(
            shell, shell.sourceInitScript(from: scratch)
                + "sw use --help\nsw pick -h\nsw off --version\nsw use x --help\n" + shell.report(["HACKED"])
                + "sw use -- --help\n" + shell.report(["HACKED"]),
            in: scratch)
        // THEN the answers went to stdout untouched, and only the `--`-protected name was evaluated
        #expect(run.stdout == String(repeating: code, count: 4))
        #expect(scratch.report == "HACKED unset\nHACKED=<1>\n")
        #expect(fake.log == FakeSw.entry(shell: nil, ["use", "--help"], streamed: true)
            + FakeSw.entry(shell: nil, ["pick", "-h"], streamed: true)
            + FakeSw.entry(shell: nil, ["off", "--version"], streamed: true)
            + FakeSw.entry(shell: nil, ["use", "x", "--help"], streamed: true)
            + FakeSw.entry(shell: shell.rawValue, ["use", "--", "--help"], streamed: false))
    }

    @Test("other subcommands stream their output and get their arguments and status untouched",
          arguments: Shell.allCases)
    func passthrough(shell: Shell) throws {
        // GIVEN a sw whose output looks like code and that exits 4
        let scratch = try Scratch()
        let output = "line 1\n  'quoted' $HOME\t\\\n" + render(shell) { $0.set("HACKED", "1") }
        let fake = try FakeSw(in: scratch, reply: output)
        // WHEN `sw list` runs with awkward arguments, and bare `sw`
        let run = try ShellRunner.run(
            shell, shell.sourceInitScript(from: scratch)
                + #"sw list 'a b' "it's" '"q"' '' '$HOME' '*'"# + "\n" + shell.reportStatus("list")
                + "sw\n" + shell.report(["HACKED"]),
            in: scratch, environment: ["FAKE_STATUS": "4"])
        // THEN output and status are the binary's, and nothing was evaluated
        #expect(run.stdout == output + output)
        #expect(scratch.report == "list=4\nHACKED unset\n")
        #expect(fake.log == FakeSw.entry(shell: nil, ["list", "a b", "it's", "\"q\"", "", "$HOME", "*"], streamed: true)
            + FakeSw.entry(shell: nil, [], streamed: true))
    }

    @Test("sw_prompt prints sw current only when AWS_PROFILE is set and keeps the caller's status",
          arguments: Shell.allCases)
    func prompt(shell: Shell) throws {
        let scratch = try Scratch()
        let fake = try FakeSw(in: scratch, reply: "[dev]")
        let (fail3, setProfile, emptyProfile) = switch shell {
        case .bash, .zsh: ("__fail3() { return 3; }\n", "export AWS_PROFILE=dev\n", "export AWS_PROFILE=\n")
        case .fish: ("function __fail3; return 3; end\n", "set -gx AWS_PROFILE dev\n", "set -gx AWS_PROFILE ''\n")
        }
        let run = try ShellRunner.run(
            shell, shell.sourceInitScript(from: scratch) + fail3
                // no profile: nothing printed, nothing run, status kept
                + "false\nsw_prompt\n" + shell.reportStatus("unset")
                + emptyProfile + "__fail3\nsw_prompt\n" + shell.reportStatus("empty")
                // a profile: sw current runs with the format, status kept
                + setProfile + "__fail3\nsw_prompt '%p!'\n" + shell.reportStatus("custom")
                + "true\nsw_prompt\n" + shell.reportStatus("default"),
            in: scratch)
        #expect(run.stdout == "[dev][dev]")
        #expect(scratch.report == "unset=1\nempty=3\ncustom=3\ndefault=0\n")
        #expect(fake.log == FakeSw.entry(shell: nil, ["current", "--format", "%p!"], streamed: true)
            + FakeSw.entry(shell: nil, ["current", "--format", "%p"], streamed: true))
    }

    /// Names a user might have turned into functions or aliases that the script relies on.
    static func hijacks(_ shell: Shell) -> String {
        switch shell {
        case .bash, .zsh:
            // Not `complete` and `compgen`: argument-parser's completion script (appended by sw init,
            // the same file make install installs) calls them as every completion script does.
            let names = ["unset", "local", "printf", "cd", "eval", "export", "return", "break", "read", "echo",
                         "true", "false", "cat", "test", "emulate", "integer", "typeset"]
            let functions = names.map { "function \($0) { \\builtin echo HIJACK-\($0); \\builtin return 1; }\n" }
            let aliases = names.map { "alias \($0)='\\builtin echo HIJACK-alias-\($0)'\n" }
            return (shell == .bash ? "shopt -s expand_aliases\n" : "") + functions.joined() + aliases.joined()
        case .fish:
            // set, eval, test, string, command, builtin, return are reserved in fish
            // Not `complete`: the completion script registers itself with it (see above).
            return ["printf", "echo", "count", "contains", "commandline", "source", "cd", "cat"]
                .map { "function \($0); builtin echo HIJACK-\($0); return 1; end\n" }.joined()
        }
    }

    @Test("user functions and aliases named like the builtins the script uses do not break sw use",
          arguments: Shell.allCases)
    func survivesHijackedBuiltins(shell: Shell) throws {
        // GIVEN a user who redefined unset, local, printf, cd, eval, ... before loading sw
        let scratch = try Scratch()
        _ = try FakeSw(in: scratch, reply: render(shell) {
            $0.set("AWS_PROFILE", "safe")
            $0.unset("SW_TEST_OTHER")
        })
        let load = "builtin source '\(scratch.root.appendingPathComponent("init.\(shell.rawValue)").path)'\n"
        _ = try shell.sourceInitScript(from: scratch) // writes the file `load` reads
        // WHEN sw use runs
        let run = try ShellRunner.run(
            shell, Self.hijacks(shell) + load + "sw use safe\n" + shell.reportStatus("use")
                + shell.report(["AWS_PROFILE", "SW_TEST_OTHER"]),
            in: scratch)
        // THEN none of the user's definitions ran and the switch happened
        #expect(!run.stdout.contains("HIJACK"))
        #expect(!run.stderr.contains("HIJACK"))
        #expect(scratch.report == "use=0\nAWS_PROFILE=<safe>\nSW_TEST_OTHER unset\n")
    }

    @Test("every hostile value survives the trip through the sw function byte for byte",
          arguments: Shell.allCases)
    func hostileValuesThroughHook(shell: Shell) throws {
        // GIVEN a sw that answers `use N` with code setting AWS_PROFILE to hostile value N
        let scratch = try Scratch()
        let fake = try FakeSw(in: scratch)
        let values = HostileValues.all
        var script = try shell.sourceInitScript(from: scratch)
        for (i, value) in values.enumerated() {
            try fake.setReply(render(shell) { $0.set("AWS_PROFILE", value) }, for: "\(i)")
            script += "sw use \(i)\nprintf %s \"$AWS_PROFILE\" > out.\(i)\n"
        }
        // WHEN each is used in turn
        let run = try ShellRunner.run(shell, script, in: scratch)
        // THEN the variable holds exactly the value and nothing else ran
        #expect(run.status == 0)
        #expect(run.stdout == "")
        #expect(run.stderr == "")
        for (i, value) in values.enumerated() {
            #expect(scratch.read(scratch.work.appendingPathComponent("out.\(i)")) == Data(value.utf8),
                    "value #\(i) \(String(reflecting: value).prefix(60))")
        }
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: scratch.work.path))
        #expect(files == Set(values.indices.map { "out.\($0)" }))
    }

    @Test("sw init registers argument-parser's completion function for sw", arguments: Shell.allCases)
    func completionRegistered(shell: Shell) throws {
        // zsh: only once compinit has run, as compdef exists only then.
        let scratch = try Scratch()
        let (before, check, expected) = switch shell {
        case .bash: ("", "complete -p sw\n", "complete -F _sw sw\n")
        case .zsh: ("autoload -U compinit\ncompinit -u -d \"$HOME/.zcompdump\"\n", #"print -r -- "${_comps[sw]}""# + "\n", "_sw\n")
        case .fish: ("", "complete -c sw | string match -q -- '*__sw_custom_completion*'; and echo registered\n", "registered\n")
        }
        let run = try ShellRunner.run(shell, before + shell.sourceInitScript(from: scratch) + check, in: scratch)
        #expect(run.stderr == "")
        #expect(run.stdout == expected)
    }
}
