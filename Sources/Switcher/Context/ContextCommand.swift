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
    /// The Context of the command line this thread is running: argument-parser calls `run()` and
    /// completion callbacks without one. Per thread, so commands run concurrently in tests stay
    /// apart. A pthread key rather than a task local: the task local's first use cost every
    /// `sw` run 50,000 instructions of generic metadata set-up, more than the prompt can spare.
    static var running: Context? {
        pthread_getspecific(RunningContext.key).map { Unmanaged<RunningContext>.fromOpaque($0).takeUnretainedValue().context }
    }

    /// Runs `body` with this Context as `Context.running` on this thread.
    func makingRunning<T>(_ body: () throws -> T) rethrows -> T {
        let box = Unmanaged.passRetained(RunningContext(self))
        let previous = pthread_getspecific(RunningContext.key)
        pthread_setspecific(RunningContext.key, box.toOpaque())
        defer {
            pthread_setspecific(RunningContext.key, previous)
            box.release()
        }
        return try body()
    }
}

private final class RunningContext {
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    let context: Context
    init(_ context: Context) { self.context = context }
}
