import ShellHooks

/// How a child process ended.
enum ProcessOutcome: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32)
}

/// What a captured child printed, each stream on its own: `aws configure export-credentials`
/// puts credentials on stdout and its errors on stderr, and sw must never mix the two.
struct CapturedOutput: Sendable {
    var outcome: ProcessOutcome
    var standardOutput: String
    var standardError: String

    /// Both streams, stdout first (for `aws --version`, which older versions print on stderr).
    var combined: String { standardOutput + standardError }
}

/// Starts other programs (`aws`, a browser), or replaces sw with one (`sw exec`). The binary uses
/// `SubprocessRunner`; a test passes one that records the calls.
protocol ProcessRunner: Sendable {
    /// Runs `executable` on the user's terminal: stdin is sw's stdin (the browser/device-code
    /// prompt may read it), and both stdout and stderr go to sw's **stderr**, so
    /// `eval "$(sw use --login x)"` captures nothing from the child.
    func runOnTerminal(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessOutcome

    /// Runs `executable` with no input and returns what it printed on each stream (at most
    /// 64 KiB of each).
    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CapturedOutput

    /// Starts `executable` in a session of its own, with no input and its output discarded, and
    /// returns without waiting: a browser may run for hours, and sw must not wait for it or
    /// leave its messages on the user's terminal. Throws a `FileError` when it cannot start.
    func startDetached(_ executable: String, _ arguments: [String], environment: [String: String]) throws

    /// Replaces this process with `program` (found on the PATH of the new environment when it has
    /// no `/`), run with `arguments` and `environment` with `change` applied in its order. Returns
    /// only by throwing: a `FileError` with exec's errno when the program cannot be run.
    func replaceProcess(_ program: String, _ arguments: [String], environment: [String: String],
                        applying change: EnvironmentChange) throws -> Never
}
