#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// A subcommand whose work takes a Context: the one `SwitcherCommand.run(_:in:)` was given.
protocol ContextCommand: ParsableCommand {
    func run(_ context: Context) throws
}

extension ContextCommand {
    func run() throws {
        guard let context = Context.running else {
            fatalError("\(Self.self).run() called outside SwitcherCommand.run(_:in:), which provides its Context")
        }
        try run(context)
    }
}

extension Context {
    /// The Context of the command line being run: argument-parser calls `run()` and completion
    /// callbacks without one. A task local, so commands run concurrently in tests stay apart.
    @TaskLocal static var running: Context?
}

extension SwitcherCommand {
    static func main() {
        exitProcess(run(Array(CommandLine.arguments.dropFirst()), in: .live()))
    }

    /// Runs one command line in this process with `context`: parses it, runs the command, and
    /// writes what the binary writes for errors, help, version and completions. The exit code.
    static func run(_ arguments: [String], in context: Context) -> Int32 {
        do {
            try Context.$running.withValue(context) {
                var command = try parseAsRoot(arguments)
                try command.run()
            }
            return 0
        } catch let error as SwitcherError {
            // Stdout stays empty, so `eval "$(sw …)"` does nothing.
            context.stderr.write("sw: error: \(error.message)\n")
            return error.exitCode
        } catch {
            // As argument-parser's own exit(withError:): help, version and completions on stdout
            // (exit 0), anything else on stderr.
            let text = fullMessage(for: error)
            let code = exitCode(for: error).rawValue
            if !text.isEmpty { (code == 0 ? context.stdout : context.stderr).write(text + "\n") }
            return code
        }
    }
}

/// `exit(3)`, named so that argument-parser's `exit(withError:)` does not shadow it.
private func exitProcess(_ code: Int32) -> Never {
    exit(code)
}
