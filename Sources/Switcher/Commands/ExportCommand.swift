import ArgumentParser
import ProfileIndex
import ShellHooks

extension SwitcherCommand {
    struct Export: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Print a profile's credentials for tools that cannot use the profile itself.",
            discussion: """
                The AWS CLI v2 (2.9.0 or later) resolves them: sw runs `aws configure export-credentials \
                --profile NAME --format process`, which handles SSO, role chains and credential_process \
                exactly as botocore does. --format env (the default) prints code for your shell: \
                eval "$(sw export NAME)" (fish: sw export NAME | source); it sets AWS_ACCESS_KEY_ID, \
                AWS_SECRET_ACCESS_KEY, and AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION when the \
                credentials have them, and removes a session token or expiry left from earlier \
                credentials (and AWS_SECURITY_TOKEN, AWS_SESSION_EXPIRATION), which would not match them. --format json prints the credential_process JSON; --format dotenv prints \
                NAME=value lines for docker run --env-file, and refuses a value docker would change. \
                The credentials go to stdout only; on any error stdout is empty. To switch the shell \
                and set them in one step, and have sw off remove them, use sw use --export NAME.
                """)

        @Argument(help: "The profile (matched like sw use); default: $AWS_PROFILE.", completion: ProfileNameCompletion.kind)
        var name: String?

        @Option(help: "env (shell code), json (credential_process JSON) or dotenv (docker --env-file).")
        var format: CredentialFormat = .env

        @Option(help: "With --format env: the shell that evaluates the output: bash, zsh or fish (default: $SW_SHELL, else $SHELL).")
        var shell: Shell?

        @Flag(help: "Run `aws sso login` first when the profile's SSO login needs it (its output goes to stderr); `[login] auto = true` in sw's config makes this the default.")
        var login = false

        @OptionGroup var loginFlow: LoginFlowOptions

        func run(_ context: Context) throws {
            // The shell is checked before anything runs, so a wrong one costs no login.
            let shell = format == .env ? try ShellOption.resolve(shell, context) : nil
            let index = try context.loadSwitchableIndex()
            let config = context.loadSwConfig()
            let profile: Profile
            if let name {
                profile = try context.pickInsteadOfResolving(name, index: index, config: config)
                    ?? context.resolveProfile(name, in: index, config: config)
            } else if let active = context.environment["AWS_PROFILE"].flatMap(\.nonEmpty) {
                profile = try context.resolveProfile(active, in: index, config: config)
            } else {
                throw SwitcherError("name a profile (sw export NAME); AWS_PROFILE is not set")
            }
            let flow = LoginFlow.choose(loginFlow.request, config: config, reach: context.browserReach)
            let credentials = try Self.credentials(for: profile, index: index, login: login || config.autoLogin, flow: flow, context)
            switch format {
            case .env:
                context.stdout.write(shell!.render(credentials.environmentChange))
            case .json:
                var writer = context.jsonWriter()
                credentials.writeJSON(to: &writer)
                context.stdout.write(writer)
            case .dotenv:
                switch credentials.dotenv() {
                case .success(let text):
                    context.stdout.write(text)
                case .failure(let refusal):
                    throw SwitcherError("\(refusal.variable) \(refusal.why), so docker's --env-file cannot carry it; nothing was printed (use --format env or --format json)")
                }
            }
        }

        /// Logs in first when asked and needed (SSO only; a failed login throws), says where the
        /// profile's login stands, then asks the AWS CLI. Nothing is written to stdout.
        static func credentials(for profile: Profile, index: Index, login: Bool, flow: LoginFlow,
                                _ context: Context) throws -> ExportedCredentials {
            try LoginAdvice.report(profile, in: index, login: login, flow: flow, context: context)
            return try CredentialExport.run(profile: profile.name, context)
        }
    }
}
