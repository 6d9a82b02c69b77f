import ProfileIndex
import ShellHooks

/// What `sw use` says about a profile's SSO login, and `sw use --login`'s login step.
enum LoginAdvice {
    /// One stderr line for a profile with a login (nil for any other):
    /// `corp: valid 7h12m, shared with 11 other profiles; no login needed`, or
    /// `corp: expired, shared with …; log in with: aws sso login --sso-session corp`, or for
    /// temporary keys `keys of saml: expired at …: AWS rejects them …; the tool that wrote …`.
    static func line(for profile: Profile, _ logins: LoginStates) -> String? {
        guard let status = logins.status(of: profile) else { return nil }
        var text = "login \(LoginStates.name(status.key)): \(logins.summary(status))"
        let temporary = !status.key.isSSO
        if temporary, let expiresAt = status.expiresAt {
            text += status.state == .valid ? " (until \(iso8601(expiresAt)))" : " at \(iso8601(expiresAt))"
        }
        let others = logins.sharedWith(profile)
        if others > 0 { text += ", shared with \(others) other profile\(others == 1 ? "" : "s")" }
        if temporary && status.state == .expired { text += ": AWS rejects them (ExpiredToken)" }
        if let problem = status.problem, status.state == .broken || temporary { text += ": \(problem)" }
        if temporary || status.state == .broken {
            text += "; " + logins.renewal(status)
        } else if status.needsLogin {
            text += "; " + logins.renewal(status, preferring: profile.name) + " (or sw use --login \(ShellQuoting.display(profile.name)))"
        } else {
            text += "; no login needed"
        }
        return text
    }

    /// `sw use --login`: runs `aws sso login` only when the profile's login needs it. Throws
    /// (stdout untouched) when the login fails.
    static func ensureLoggedIn(_ profile: Profile, _ logins: LoginStates, flow: LoginFlow, context: Context) throws {
        guard let status = logins.status(of: profile), status.needsLogin else { return }
        let key = status.key
        guard key.isSSO, status.state != .broken else {
            // Nothing sw can run: the status line says what renews or repairs it; switch anyway.
            context.note("sw cannot renew \(LoginStates.name(key)) itself; switching anyway")
            return
        }
        try LoginRunner(context: context, logins: logins, preferredProfile: profile.name, flow: flow).run([key])
    }

    /// The whole `sw use` login step: log in first if asked (and needed), then the one status
    /// line. Call before writing anything to stdout.
    static func report(_ profile: Profile, in index: Index, login: Bool, flow: LoginFlow, context: Context) throws {
        let logins = LoginStates(index: index, context: context)
        if login { try ensureLoggedIn(profile, logins, flow: flow, context: context) }
        if let line = line(for: profile, logins) { context.note(line) }
    }
}
