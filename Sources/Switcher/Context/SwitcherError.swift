import ArgumentParser

/// An error `sw` reports to a person: what is wrong, where, and what to do. The exit code says
/// what kind of failure it was; stdout stays empty so `eval "$(sw …)"` does nothing.
struct SwitcherError: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32 = 1

    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}

extension SwitcherError {
    /// The user's AWS files cannot be read at all: nothing sensible can be shown.
    static func unusableFile(_ path: String, _ why: CustomStringConvertible) -> SwitcherError {
        SwitcherError("\(path) \(why); fix or remove it (or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere)")
    }
}

/// Runs a command body, turning a SwitcherError into its message on stderr and its exit code.
func reporting(_ context: Context, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as SwitcherError {
        context.stderr.write("sw: error: \(error.message)\n")
        throw ExitCode(error.exitCode)
    }
}

/// A subcommand whose work takes a Context: `run()` makes the live one and turns a
/// SwitcherError into its message on stderr and its exit code.
protocol ContextCommand: ParsableCommand {
    func run(_ context: Context) throws
}

extension ContextCommand {
    func run() throws {
        let context = Context.live()
        try reporting(context) { try run(context) }
    }
}
