import ShellHooks

/// How a child process ended.
enum ProcessOutcome: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32)
}

/// Starts other programs (`aws`), or replaces sw with one (`sw exec`). The binary uses
/// `SubprocessRunner`; a test passes one that records the calls.
protocol ProcessRunner: Sendable {
    /// Runs `executable` on the user's terminal: stdin is sw's stdin (the browser/device-code
    /// prompt may read it), and both stdout and stderr go to sw's **stderr**, so
    /// `eval "$(sw use --login x)"` captures nothing from the child.
    func runOnTerminal(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessOutcome

    /// Runs `executable` with no input and returns its stdout and stderr joined (for `aws --version`).
    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (ProcessOutcome, String)

    /// Replaces this process with `program` (found on the PATH of the new environment when it has
    /// no `/`), run with `arguments` and `environment` with `change` applied in its order. Returns
    /// only by throwing: a `FileError` with exec's errno when the program cannot be run.
    func replaceProcess(_ program: String, _ arguments: [String], environment: [String: String],
                        applying change: EnvironmentChange) throws -> Never
}
