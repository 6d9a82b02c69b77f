import Foundation
import Testing
import ShellHooks
import TestSupport

/// What a shell run left behind: its stdout and stderr and its exit status.
typealias ShellRun = ChildRun

/// A fresh folder tree for one test, deleted when the value is released:
/// `work` (the shell's working directory), `home` (its HOME), `bin` (first on its PATH, holds the
/// fake `sw`) and `fake` (the fake's reply, log and the shell's stdout file).
final class Scratch {
    let folder: TemporaryHome
    var root: URL { folder.root }
    var work: URL { folder.url("work") }
    var home: URL { folder.url("home") }
    var bin: URL { folder.url("bin") }
    var fake: URL { folder.url("fake") }

    init() throws {
        folder = try TemporaryHome("sw-shellhooks")
        for dir in ["work", "home", "bin", "fake"] { try folder.createDirectory(dir) }
    }

    func write(_ text: String, to url: URL) throws { try folder.write(text, to: url) }

    func read(_ url: URL) -> Data? { folder.read(url) }

    func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}

enum ShellRunner {
    /// Folders searched for shells and linters, whatever PATH the test runner has.
    static let systemPath = ["/usr/local/bin", "/usr/bin", "/bin"]

    /// The absolute path of `tool`; records a failure (never a skip) when it is missing.
    static func locate(_ tool: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let inherited = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let found = (systemPath + inherited)
            .map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(found, "\(tool) is not installed; this test needs it (apt-get install \(tool))",
                            sourceLocation: sourceLocation)
    }

    /// The arguments that run a script file in `shell` with no user or system startup files.
    static func arguments(for shell: Shell, script: String) -> [String] {
        switch shell {
        case .bash: ["--noprofile", "--norc", script]
        case .zsh: ["-f", script]
        case .fish: ["--no-config", script]
        }
    }

    /// Runs `script` in a real `shell`, in `scratch.work`, with an environment built from scratch
    /// (HOME is the scratch home, PATH starts with the scratch bin) plus `environment`.
    /// stdout goes to the file `scratch.fake/stdout`, which the fake `sw` uses to tell whether
    /// its output streamed straight to the shell's stdout or was captured.
    static func run(_ shell: Shell, _ script: String, in scratch: Scratch,
                    environment: [String: String] = [:],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> ShellRun {
        let executable = try locate(shell.rawValue, sourceLocation: sourceLocation)
        let scriptFile = scratch.root.appendingPathComponent("script.\(shell.rawValue)")
        try scratch.write(script, to: scriptFile)
        return try runTool(executable, arguments(for: shell, script: scriptFile.path), in: scratch,
                           environment: environment)
    }

    /// Runs `executable` with `arguments` in `scratch.work`, with the test environment described
    /// at ``run(_:_:in:environment:sourceLocation:)``.
    static func runTool(_ executable: String, _ arguments: [String], in scratch: Scratch,
                        environment: [String: String] = [:]) throws -> ShellRun {
        let shellDir = (executable as NSString).deletingLastPathComponent
        var env = [
            "HOME": scratch.home.path,
            "PATH": ([scratch.bin.path, shellDir] + systemPath).joined(separator: ":"),
            "LANG": "C.UTF-8",
            "TERM": "dumb",
            "XDG_CONFIG_HOME": scratch.home.appendingPathComponent(".config").path,
            "XDG_DATA_HOME": scratch.home.appendingPathComponent(".local/share").path,
            "FAKE_DIR": scratch.fake.path,
            "SW_TEST_OTHER": "present",
        ]
        env.merge(environment) { _, new in new }

        // The fake sw tells streamed from captured output by whether its stdout is this file.
        return try ChildProcess.run(executable, arguments, environment: env, workingDirectory: scratch.work.path,
                                       stdoutFile: scratch.fake.appendingPathComponent("stdout"))
    }
}
