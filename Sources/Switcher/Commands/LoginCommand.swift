import ArgumentParser
import ProfileIndex

extension SwitcherCommand {
    struct Login: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "login",
            abstract: "Run `aws sso login` (or `aws login`) once per login that needs it (profiles sharing a session share one login).",
            discussion: "With no profile, logs in the login of $AWS_PROFILE. Everything, including the AWS CLI's own output, goes to stderr. A profile with login_session (written by aws login, AWS CLI 2.32.0 or later) is logged in with `aws login --profile NAME`, once for all profiles naming that session; its credentials refresh by themselves for up to 12 hours. Temporary keys (x_security_token_expires) are checked, never renewed: sw names the tool that renews them and exits 1 when they need it.")

        @Argument(help: "Profiles (matched like sw use); each one's sso-session, legacy start URL or aws login session is logged in.",
                  completion: ProfileNameCompletion.kind)
        var names: [String] = []

        @Option(name: .customLong("session"), help: "An sso-session name to log in (repeatable).")
        var sessions: [String] = []

        @Flag(help: "Every SSO login and aws login session in the config.")
        var all = false

        @Flag(help: "Log in even when the token is still valid or refreshable.")
        var force = false

        @Flag(help: "Print the aws commands that would run (on stderr) and run nothing.")
        var dryRun = false

        @OptionGroup var loginFlow: LoginFlowOptions

        func validate() throws {
            if all && (!names.isEmpty || !sessions.isEmpty) {
                throw ValidationError("--all cannot be combined with profile names or --session")
            }
        }

        func run(_ context: Context) throws {
            let index = try context.loadUsableIndex()
            let logins = LoginStates(index: index, context: context)
            let config = context.loadSwConfig()
            let keys = try resolveKeys(index, config, context)
            let flow = LoginFlow.choose(loginFlow.request, config: config, reach: context.browserReach)
            if keys.isEmpty {
                context.note("no SSO logins or aws login sessions in \(index.config.path); nothing to do")
                return
            }
            try LoginRunner(context: context, logins: logins, force: force, dryRun: dryRun, flow: flow).run(keys)
        }

        private func resolveKeys(_ index: Index, _ config: SwConfig, _ context: Context) throws -> [LoginKey] {
            if all { return SessionRow.all(in: index).map(\.key) }
            var keys: [LoginKey] = []
            for session in sessions {
                let key = LoginKey.session(session)
                guard index.ssoSession(named: session) != nil || index.logins[key] != nil else {
                    let known = index.ssoSessions.map(\.name)
                    throw SwitcherError("no sso-session named '\(session)' in \(index.config.path)"
                        + (known.isEmpty ? "" : "; sessions: " + known.joined(separator: ", ")) + " (sw sessions lists them)")
                }
                keys.append(key)
            }
            var profileNames = names
            if names.isEmpty && sessions.isEmpty {
                // The AWS CLI v2's choice: AWS_PROFILE, then AWS_DEFAULT_PROFILE, then default.
                let env = context.environment
                guard let current = env["AWS_PROFILE"].flatMap(\.nonEmpty) ?? env["AWS_DEFAULT_PROFILE"].flatMap(\.nonEmpty)
                    ?? (index.profile(named: "default") != nil ? "default" : nil)
                else {
                    throw SwitcherError("no profile given and AWS_PROFILE is not set; name one (sw login NAME), a session (--session S) or --all",
                                        exitCode: 64)
                }
                profileNames = [current]
            }
            var skipped: [String] = []
            for name in profileNames {
                let profile = try context.resolveProfile(name, in: index, config: config)
                if let key = index.effectiveLoginKey(of: profile) { keys.append(key) } else { skipped.append("\(profile.name) (\(profile.kind.rawValue))") }
            }
            if !skipped.isEmpty {
                let message = "not an SSO profile, no login to run: " + skipped.joined(separator: ", ")
                if keys.isEmpty { throw SwitcherError(message) }
                context.note(message)
            }
            return keys
        }
    }
}
