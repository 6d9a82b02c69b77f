import Foundation
import ProfileIndex
import ShellHooks
@testable import Switcher
import Testing
import TestSupport

/// Runs `sw` in this process: the same parsing, commands and output as the binary, with an
/// injected clock, environment and collaborators, and stdout/stderr captured in memory.
enum InProcess {
    /// `sw ARGUMENTS` at `now`, reading the real files (a test's temporary home), on no terminal
    /// (as under a script or a pipe). `processes` defaults to none: starting any program records
    /// an issue.
    static func sw(_ arguments: [String], environment: [String: String], now: Date = TestClock.now,
                   processes: any ProcessRunner = UnprovidedProcesses()) -> SwRun {
        let (context, stdout, stderr) = Context.forTesting(environment: environment, now: now, fileSystem: LocalFileSystem(),
                                                           terminal: NoTerminal(), processes: processes)
        let status = SwitcherCommand.run(arguments, in: context)
        return SwRun(stdout: stdout.text, stderr: stderr.text, status: status)
    }
}

extension Context {
    /// A Context for a test: output in memory, no colour, and only the collaborators the test
    /// passes; code that touches one it did not pass records an issue naming it.
    static func forTesting(environment: [String: String], now: Date = TestClock.now,
                           fileSystem: any FileSystem = UnprovidedFileSystem(),
                           terminal: any TerminalAccess = UnprovidedTerminal(),
                           processes: any ProcessRunner = UnprovidedProcesses()) -> (Context, stdout: OutputBuffer, stderr: OutputBuffer) {
        let stdout = OutputBuffer(), stderr = OutputBuffer()
        let context = Context(environment: environment, now: now, stdout: .memory(stdout), stderr: .memory(stderr),
                              colorStdout: false, colorStderr: false, stdoutIsTerminal: false,
                              fileSystem: fileSystem, terminal: terminal, processes: processes)
        return (context, stdout, stderr)
    }
}

/// No descriptor is a terminal and there is no controlling terminal: sw under a script.
struct NoTerminal: TerminalAccess {
    func isTerminal(_ fd: Int32) -> Bool { false }
    func openControlling() -> Terminal? { nil }
}

private func unprovided(_ collaborator: String, _ what: String) {
    Issue.record("the command used the \(collaborator) (\(what)), which this test's Context does not provide; pass one to Context.forTesting")
}

/// The file system of a test that does not expect any file to be touched.
struct UnprovidedFileSystem: FileSystem {
    func status(_ path: String) -> Result<FileStatus, FileError> { unprovided("file system", "stat \(path)"); return .failure(.permissionDenied) }
    func linkStatus(_ path: String) -> Result<FileStatus, FileError> { unprovided("file system", "lstat \(path)"); return .failure(.permissionDenied) }
    func linkTarget(_ path: String) -> String? { unprovided("file system", "readlink \(path)"); return nil }
    func resolvedPath(_ path: String) -> String? { unprovided("file system", "realpath \(path)"); return nil }
    func contents(_ path: String, limit: Int) -> Result<[UInt8], FileError> { unprovided("file system", "read \(path)"); return .failure(.permissionDenied) }
    func input(_ path: String, limit: Int) -> Result<[UInt8], FileError> { unprovided("file system", "read \(path)"); return .failure(.permissionDenied) }
    func entries(ofDirectory path: String) -> Result<[String], FileError> { unprovided("file system", "list \(path)"); return .failure(.permissionDenied) }
    func isExecutable(_ path: String) -> Bool { unprovided("file system", "access \(path)"); return false }
    func map(_ path: String) -> MappedFile? { unprovided("file system", "map \(path)"); return nil }
    func replace(_ path: String, with bytes: [UInt8], permissions: UInt32) -> Result<Void, FileError> {
        unprovided("file system", "replace \(path)"); return .failure(.permissionDenied)
    }
    func append(_ bytes: [UInt8], to path: String, permissions: UInt32) -> Result<Int, FileError> {
        unprovided("file system", "append to \(path)"); return .failure(.permissionDenied)
    }
    func createDirectories(_ path: String, permissions: UInt32) -> Result<Void, FileError> {
        unprovided("file system", "mkdir -p \(path)"); return .failure(.permissionDenied)
    }
    func withLock<T>(_ path: String, shared: Bool, _ body: (Bool) -> T) -> T { unprovided("file system", "lock \(path)"); return body(false) }
}

/// The terminal of a test that does not expect sw to ask about one.
struct UnprovidedTerminal: TerminalAccess {
    func isTerminal(_ fd: Int32) -> Bool { unprovided("terminal", "isatty(\(fd))"); return false }
    func openControlling() -> Terminal? { unprovided("terminal", "open /dev/tty"); return nil }
}

/// The process runner of a test that does not expect sw to start any program.
struct UnprovidedProcesses: ProcessRunner {
    struct NotStarted: Error {}

    func runOnTerminal(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessOutcome {
        unprovided("process runner", "run \(executable) \(arguments.joined(separator: " "))"); throw NotStarted()
    }
    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CapturedOutput {
        unprovided("process runner", "capture \(executable) \(arguments.joined(separator: " "))"); throw NotStarted()
    }
    func startDetached(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        unprovided("process runner", "start \(executable) \(arguments.joined(separator: " ")) detached"); throw NotStarted()
    }
    func replaceProcess(_ program: String, _ arguments: [String], environment: [String: String],
                        applying change: EnvironmentChange) throws -> Never {
        unprovided("process runner", "exec \(program)"); throw NotStarted()
    }
}
