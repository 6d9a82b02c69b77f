#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Subprocess
import SystemPackage

/// How a child process ended.
enum ProcessOutcome: Equatable {
    case exited(Int32)
    case signaled(Int32)
}

/// Starts other programs (`aws`). Injected through `Context` so the login logic does not reach
/// for globals; the binary uses `SubprocessRunner`.
protocol ProcessRunner {
    /// Runs `executable` on the user's terminal: stdin is sw's stdin (the browser/device-code
    /// prompt may read it), and both stdout and stderr go to sw's **stderr**, so
    /// `eval "$(sw use --login x)"` captures nothing from the child.
    func runOnTerminal(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessOutcome

    /// Runs `executable` with no input and returns its stdout and stderr joined (for `aws --version`).
    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (ProcessOutcome, String)
}

/// swift-subprocess, bridged to sw's synchronous commands. On Linux it builds on
/// FoundationEssentials, so it adds no Foundation to the binary.
struct SubprocessRunner: ProcessRunner {
    func runOnTerminal(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessOutcome {
        let env = SubprocessRunner.environment(environment)
        return try blocking {
            let result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments), environment: env,
                input: .currentStandardInput, output: .currentStandardError, error: .currentStandardError)
            return SubprocessRunner.outcome(result.terminationStatus)
        }
    }

    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (ProcessOutcome, String) {
        let env = SubprocessRunner.environment(environment)
        return try blocking {
            let result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments), environment: env,
                output: .string(limit: 64 * 1024), error: .string(limit: 64 * 1024))
            let text = result.standardOutput + result.standardError
            return (SubprocessRunner.outcome(result.terminationStatus), text)
        }
    }

    private static func environment(_ values: [String: String]) -> Subprocess.Environment {
        var custom: [Subprocess.Environment.Key: String] = [:]
        for (name, value) in values { custom[Subprocess.Environment.Key(stringLiteral: name)] = value }
        return .custom(custom)
    }

    private static func outcome(_ status: TerminationStatus) -> ProcessOutcome {
        switch status {
        case .exited(let code): .exited(Int32(truncatingIfNeeded: code))
        case .signaled(let signal): .signaled(Int32(truncatingIfNeeded: signal))
        }
    }
}

/// Runs async work to completion from synchronous code. sw's commands are synchronous
/// `ParsableCommand`s; only spawning a process is async, and nothing else runs meanwhile.
private func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// sw's working directory, from which a shell resolves relative `PATH` entries (ExecutableSearch).
func workingDirectory() -> String {
    guard let buffer = getcwd(nil, 0) else { return "." }
    defer { free(buffer) }
    return String(cString: buffer)
}
