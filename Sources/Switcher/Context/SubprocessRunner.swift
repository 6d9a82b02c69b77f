#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import ProfileIndex
import ShellHooks
import Subprocess
import SystemPackage

/// The live ProcessRunner: swift-subprocess for children, bridged to sw's synchronous commands
/// (on Linux it builds on FoundationEssentials, so it adds no Foundation to the binary), and
/// `execvp` for replacing sw.
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

    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CapturedOutput {
        let env = SubprocessRunner.environment(environment)
        return try blocking {
            let result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments), environment: env,
                output: .string(limit: 64 * 1024), error: .string(limit: 64 * 1024))
            return CapturedOutput(outcome: SubprocessRunner.outcome(result.terminationStatus),
                                  standardOutput: result.standardOutput, standardError: result.standardError)
        }
    }

    /// Returns once the child has started: `run`'s body is called right after the spawn, and
    /// whatever `run` then waits for (the browser's exit) happens on a task nobody waits for,
    /// which ends with sw. swift-subprocess closes every other descriptor in the child, so a
    /// browser never holds a pipe of sw's caller open.
    func startDetached(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        let env = SubprocessRunner.environment(environment)
        var options = PlatformOptions()
        options.createSession = true
        let box = ResultBox<Void>()
        let started = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                _ = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments), environment: env,
                    platformOptions: options, input: .none, output: .discarded, error: .discarded) { _ in
                    box.result = .success(())
                    started.signal()
                }
            } catch {
                if box.result == nil {
                    box.result = .failure(error)
                    started.signal()
                }
            }
        }
        started.wait()
        try box.result!.get()
    }

    func replaceProcess(_ program: String, _ arguments: [String], environment: [String: String],
                        applying change: EnvironmentChange) throws -> Never {
        // The process's own environment becomes `environment` (for the binary they are the same,
        // so nothing moves), then the change is applied in its order: execvp searches the PATH
        // the program will run with, and new variables come last in the order sw sets them.
        for name in processEnvironment().keys where environment[name] == nil { unsetenv(name) }
        for (name, value) in environment where getenv(name).map({ String(cString: $0) }) != value { setenv(name, value, 1) }
        for operation in change.operations {
            switch operation {
            case .set(let name, let value): setenv(name, value, 1)
            case .unset(let name): unsetenv(name)
            }
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        execvp(program, argv)
        throw FileError(code: errno)
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
