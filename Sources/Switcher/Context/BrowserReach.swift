/// Whether a browser sw (or the AWS CLI) opens would appear in front of the user: not on a
/// remote session, and on Linux and the BSDs not without a display server. Decides that
/// `sw console` only prints its link and that logins use the device-code flow by default.
enum BrowserReach: Equatable, Sendable {
    /// A browser opened here is on the user's screen.
    case local
    /// Logged in over SSH: a browser would open on the remote machine, if anywhere, and a
    /// login's callback to 127.0.0.1 would reach the remote machine, not the user's.
    case remote(variable: String)
    /// No display server to open a browser on (neither DISPLAY nor WAYLAND_DISPLAY).
    case noDisplay

    /// From the environment alone: `SSH_CONNECTION` or `SSH_TTY` (sshd sets both) means remote;
    /// where windows need X11 or Wayland, neither variable set means no display.
    init(environment: [String: String]) {
        if let variable = ["SSH_CONNECTION", "SSH_TTY"].first(where: { environment[$0]?.isEmpty == false }) {
            self = .remote(variable: variable)
            return
        }
        #if os(macOS)
        self = .local
        #else
        let display = ["DISPLAY", "WAYLAND_DISPLAY"].contains { environment[$0]?.isEmpty == false }
        self = display ? .local : .noDisplay
        #endif
    }

    var isLocal: Bool { self == .local }

    /// Why a browser is out of reach, for a message: "this is an SSH session (SSH_CONNECTION is set)".
    var reason: String? {
        switch self {
        case .local: nil
        case .remote(let variable): "this is an SSH session (\(variable) is set)"
        case .noDisplay: "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"
        }
    }
}

extension Context {
    var browserReach: BrowserReach { BrowserReach(environment: environment) }
}
