import ProfileIndex

/// The link that opens the AWS console as a profile's role, worked out from the files alone: no
/// request is made, so no credentials are needed, and the browser signs in by itself.
struct ConsoleLink: Equatable, Sendable {
    var url: String
    /// Things worth knowing before following the link, for stderr.
    var notes: [String] = []

    /// Why a profile has no console link: `sw console` exits 1 with this message.
    struct Refusal: Error, Equatable {
        var message: String
    }

    /// The link for `profile`: the access portal's shortcut for SSO profiles, the console's
    /// switch-role page for assume-role profiles; for any other kind, why there is none.
    static func make(for profile: Profile, in index: Index, destination: ConsoleDestination?) -> Result<ConsoleLink, Refusal> {
        switch profile.kind {
        case .ssoSession, .ssoLegacy:
            return PortalShortcut.link(for: profile, in: index, destination: destination)
        case .assumeRole:
            return SwitchRoleLink.link(for: profile, destination: destination)
        case .staticKeys, .credentialProcess, .webIdentity, .loginSession, .noCredentials, .empty, .invalid:
            return .failure(Refusal(message: refusal(profile)))
        }
    }

    /// Why a profile of another kind has no link, and what works instead where something does.
    private static func refusal(_ profile: Profile) -> String {
        let name = "'\(profile.name)'"
        let federation = "a console session from its credentials needs a federation request to the AWS sign-in "
            + "endpoint (GetSigninToken), which sw does not make"
        let instead = "sw console opens the console for SSO profiles (sso_session or sso_start_url with "
            + "sso_account_id and sso_role_name) and assume-role profiles (role_arn)"
        switch profile.kind {
        case .staticKeys:
            return "\(name) signs in with access keys (static-keys): \(federation); sign in to the console as that IAM user, or \(instead)"
        case .credentialProcess:
            var message = "\(name) gets its credentials from credential_process (credential-process): \(federation)"
            if profile.origin == .granted { message += "; granted opens its console: assume -c \(profile.name)" }
            return message + "; \(instead)"
        case .webIdentity:
            return "\(name) assumes its role with a web identity token (web-identity): \(federation); \(instead)"
        case .loginSession:
            return "\(name) uses the credentials of aws login (login-session): \(federation); \(instead)"
        case .noCredentials, .empty:
            return "\(name) has no credentials of its own (\(profile.kind.rawValue)), so there is no role to open the console as; \(instead)"
        case .invalid:
            let why = profile.credentialProblem.map { ": \($0.problem)" } ?? ""
            return "\(name) is a profile the AWS CLI cannot use (invalid\(why)); fix it first (sw show \(profile.name), sw doctor)"
        case .ssoSession, .ssoLegacy, .assumeRole:
            return "\(name) has a console link"
        }
    }

    /// Whether `value` is an account id as the console and the portal take it: 12 digits.
    static func isAccountID(_ value: String) -> Bool {
        value.utf8.count == 12 && value.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// The message for an account id that is not 12 digits.
    static func badAccountID(_ value: String, key: String, of profile: Profile) -> Refusal {
        let place = profile.setting(key).map { " (\($0.location))" } ?? ""
        return Refusal(message: "\(key) '\(value)' of '\(profile.name)'\(place) is not a 12-digit account id "
            + "(a tool that read it as a number may have dropped a leading zero); fix it, then run sw console again")
    }
}
