#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether sw talks to a person, and the terminal the picker draws on: through the Context, so
/// that a command's decision to open the picker does not reach for the process's terminal itself.
protocol TerminalAccess: Sendable {
    func isTerminal(_ fd: Int32) -> Bool
    /// The controlling terminal (`/dev/tty`), or nil without one.
    func openControlling() -> Terminal?
}

/// The process's own terminal.
struct LiveTerminalAccess: TerminalAccess {
    func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
    func openControlling() -> Terminal? { Terminal() }
}

extension Context {
    var terminal: any TerminalAccess { LiveTerminalAccess() }
}
