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
