import FoundationEssentials
import ProfileIndex

/// Every side effect a command has goes through here: the environment it reads, the clock, where
/// output goes, the file system, the terminal and other programs. Commands take a Context instead
/// of reaching for globals, so tests and the binary differ only in the Context they pass.
struct Context: Sendable {
    var environment: [String: String]
    var now: Date
    var stdout: OutputSink
    var stderr: OutputSink
    /// Colour on stdout: only on a terminal, never with NO_COLOR or TERM=dumb.
    var colorStdout: Bool
    var colorStderr: Bool
    /// Indented JSON for a person at a terminal, compact JSON for a program reading a pipe.
    var stdoutIsTerminal: Bool
    var fileSystem: any FileSystem
    /// Whether a descriptor is a terminal, and the controlling terminal for the picker.
    var terminal: any TerminalAccess
    /// Starts `aws sso login` and `aws --version`, and replaces sw for `sw exec`.
    var processes: any ProcessRunner

    /// The process's own environment, clock, descriptors 1 and 2, files, terminal and programs.
    static func live() -> Context {
        let environment = processEnvironment()
        let terminal = LiveTerminal()
        let colorAllowed = environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
        let stdoutIsTerminal = terminal.isTerminal(1)
        return Context(environment: environment, now: Date(), stdout: .fd(1), stderr: .fd(2),
                       colorStdout: colorAllowed && stdoutIsTerminal, colorStderr: colorAllowed && terminal.isTerminal(2),
                       stdoutIsTerminal: stdoutIsTerminal, fileSystem: LocalFileSystem(), terminal: terminal,
                       processes: SubprocessRunner())
    }

    func jsonWriter() -> JSONWriter { JSONWriter(pretty: stdoutIsTerminal) }

    var paths: AWSPaths { AWSPaths(environment: environment) }

    /// Prints a warning line for humans on stderr.
    func warn(_ message: String) {
        stderr.write("sw: warning: \(message)\n")
    }

    func note(_ message: String) {
        stderr.write("sw: \(message)\n")
    }
}
