import Foundation
import ShellHooks
import TestSupport

/// A stand-in for the `sw` binary, first on the test shell's PATH. It appends what it received
/// to `$FAKE_DIR/log` (SW_SHELL, each argument, and whether its stdout was the shell's own stdout
/// file, i.e. streamed, or something else, i.e. captured), prints `$FAKE_DIR/reply.<2nd arg>` if
/// that exists, else `$FAKE_DIR/reply`, and exits with `$FAKE_STATUS` (default 0).
struct FakeSw {
    let scratch: Scratch

    static let script = #"""
        #!/bin/sh
        if [ "$(readlink "/proc/$$/fd/1")" = "$FAKE_DIR/stdout" ]; then
            stdout=streamed
        else
            stdout=captured
        fi
        {
            printf 'SW_SHELL=%s\n' "${SW_SHELL-<unset>}"
            for arg in "$@"; do printf 'arg=<%s>\n' "$arg"; done
            echo "stdout=$stdout"
            echo 'end'
        } >> "$FAKE_DIR/log"
        if [ -f "$FAKE_DIR/reply.$2" ]; then cat "$FAKE_DIR/reply.$2"; else cat "$FAKE_DIR/reply"; fi
        exit "${FAKE_STATUS:-0}"

        """#

    init(in scratch: Scratch, reply: String = "") throws {
        self.scratch = scratch
        try scratch.folder.writeExecutable(Self.script, to: "bin/sw")
        try setReply(reply)
    }

    func setReply(_ text: String, for argument: String? = nil) throws {
        let name = argument.map { "reply.\($0)" } ?? "reply"
        try scratch.write(text, to: scratch.fake.appendingPathComponent(name))
    }

    /// The log, or nil when the fake never ran.
    var log: String? {
        scratch.read(scratch.fake.appendingPathComponent("log")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The log entry one call would write.
    static func entry(shell: String?, _ arguments: [String], streamed: Bool) -> String {
        "SW_SHELL=\(shell ?? "<unset>")\n"
            + arguments.map { "arg=<\($0)>\n" }.joined()
            + "stdout=\(streamed ? "streamed" : "captured")\nend\n"
    }
}

extension Shell {
    /// Code that loads the embedded init script (written to a file) into the test shell.
    func sourceInitScript(from scratch: Scratch) throws -> String {
        let file = scratch.root.appendingPathComponent("init.\(rawValue)")
        try scratch.write(InitScript.text(for: self), to: file)
        return "source '\(file.path)'\n"
    }

    /// Code that writes `name=<value>` or `name unset` for each variable to the file `report`.
    func report(_ names: [String]) -> String {
        names.map { name in
            switch self {
            case .bash, .zsh:
                "if [ -n \"${\(name)+x}\" ]; then builtin printf '%s=<%s>\\n' \(name) \"$\(name)\"; else builtin printf '%s unset\\n' \(name); fi >> report\n"
            case .fish:
                "if set -q \(name); builtin printf '%s=<%s>\\n' \(name) \"$\(name)\"; else; builtin printf '%s unset\\n' \(name); end >> report\n"
            }
        }.joined()
    }

    /// Code that appends `label=<last status>` to the file `report`.
    func reportStatus(_ label: String) -> String {
        switch self {
        case .bash, .zsh: "builtin printf '%s=%s\\n' \(label) \"$?\" >> report\n"
        case .fish: "builtin printf '%s=%s\\n' \(label) \"$status\" >> report\n"
        }
    }
}

extension Scratch {
    var report: String {
        read(work.appendingPathComponent("report")).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
