import ArgumentParser
import ProfileIndex

/// `--device-code` / `--no-device-code` and `--no-browser`, as asked on the command line.
struct LoginFlowRequest: Sendable {
    var deviceCode: Bool?
    var noBrowser = false

    static let deviceCodeHelp: ArgumentHelp = "Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw's config, else only on an SSH session or without a display."
    static let noBrowserHelp: ArgumentHelp = "Pass --no-browser to aws sso login: it prints the link instead of opening a browser."
}

/// The login-flow flags as an option group, for the commands that can run a login (`sw use`
/// declares the two flags itself: see UseCommand).
struct LoginFlowOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: LoginFlowRequest.deviceCodeHelp)
    var deviceCode: Bool?

    @Flag(help: LoginFlowRequest.noBrowserHelp)
    var noBrowser = false

    var request: LoginFlowRequest { LoginFlowRequest(deviceCode: deviceCode, noBrowser: noBrowser) }
}

/// How a login sw runs reaches a browser. Since AWS CLI 2.22.0 `aws sso login` uses the
/// authorization code flow by default, whose browser must reach a callback server on this
/// machine's 127.0.0.1; on an SSH session (or without any browser here) that cannot work, and
/// `--use-device-code` (a code typed on any device) is the way. Older v2 releases have only the
/// device code flow, and no flag for it.
struct LoginFlow: Sendable {
    /// Use the device code flow.
    var deviceCode: Bool
    /// Why, for a note when sw chose it itself; nil when the user asked (flag or config).
    var automaticReason: String?
    /// The user named the flow (flag or config), so an AWS CLI that cannot follow it is worth a note.
    var explicit: Bool
    var noBrowser = false

    /// The release that added `aws sso login --use-device-code` (and made the browser callback
    /// flow the default).
    static let deviceCodeFlagRelease = AWSCLIVersion(2, 22, 0)

    /// The flag wins, then `[login] device_code`, then `auto`: the device code flow on a remote
    /// session or without a display.
    static func choose(_ options: LoginFlowRequest?, config: SwConfig, reach: BrowserReach) -> LoginFlow {
        if let asked = options?.deviceCode {
            return LoginFlow(deviceCode: asked, explicit: true, noBrowser: options?.noBrowser ?? false)
        }
        switch config.deviceCode {
        case .always: return LoginFlow(deviceCode: true, explicit: true, noBrowser: options?.noBrowser ?? false)
        case .never: return LoginFlow(deviceCode: false, explicit: true, noBrowser: options?.noBrowser ?? false)
        case .auto:
            return LoginFlow(deviceCode: !reach.isLocal, automaticReason: reach.reason, explicit: false,
                             noBrowser: options?.noBrowser ?? false)
        }
    }

    /// The flags for the login command that renews a login of `renewal` (`aws sso login` or
    /// `aws login`) run by `aws`, and what to tell the user about them.
    func flags(for renewal: LoginRenewal, _ aws: AWSCLI?) -> (flags: [String], notes: [String]) {
        renewal == .awsLogin ? awsLoginFlags() : ssoLoginFlags(aws)
    }

    /// `aws sso login`: `--use-device-code` where the CLI has it, `--no-browser`.
    func ssoLoginFlags(_ aws: AWSCLI?) -> (flags: [String], notes: [String]) {
        var flags: [String] = []
        var notes: [String] = []
        let hasFlag = aws?.has(LoginFlow.deviceCodeFlagRelease) ?? true
        let version = aws?.version.map { "AWS CLI \($0)" } ?? "this AWS CLI"
        if deviceCode {
            if hasFlag {
                flags.append("--use-device-code")
                if let automaticReason {
                    notes.append("using the device code flow, since \(automaticReason) (--no-device-code or [login] device_code = never to open a browser here)")
                }
            } else {
                notes.append("\(version) cannot take --use-device-code (added in 2.22.0); its aws sso login uses the device code flow anyway")
            }
        } else if explicit && !hasFlag {
            notes.append("\(version) has only the device code flow (the browser callback flow came in 2.22.0), so sw cannot turn it off")
        }
        if noBrowser { flags.append("--no-browser") }
        return (flags, notes)
    }

    /// `aws login` has no device code flow; its way for a browser on another machine is
    /// `--remote` (show the link, then paste the code the page shows), in every release that
    /// has `aws login`. It has no `--no-browser`.
    func awsLoginFlags() -> (flags: [String], notes: [String]) {
        var notes: [String] = []
        if deviceCode, let automaticReason {
            notes.append("using aws login --remote, since \(automaticReason) (--no-device-code or [login] device_code = never to open a browser here)")
        }
        if noBrowser {
            notes.append("aws login has no --no-browser; its --remote (sw login --device-code) prints the link instead")
        }
        return (deviceCode ? ["--remote"] : [], notes)
    }
}
