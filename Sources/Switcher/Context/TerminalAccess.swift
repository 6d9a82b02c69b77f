#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal sw runs on: whether a descriptor is one (colour, indented JSON, whether `sw use`
/// may open the picker) and the controlling terminal the picker draws on.
protocol TerminalAccess: Sendable {
    func isTerminal(_ fd: Int32) -> Bool
    /// `/dev/tty`, or nil when the process has no controlling terminal.
    func openControlling() -> Terminal?
}

/// The process's own terminal.
struct LiveTerminal: TerminalAccess {
    func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
    func openControlling() -> Terminal? { Terminal() }
}
