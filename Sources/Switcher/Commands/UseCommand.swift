import ArgumentParser
import ProfileIndex
import ShellHooks

extension SwitcherCommand {
    struct Use: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "use",
            abstract: "Switch the current shell to a profile: prints shell code to eval.",
            discussion: """
                eval "$(sw use prod-reader)", or just `sw use prod-reader` after eval "$(sw init bash)".
                The name is matched forgivingly: exact, alias, any case, without the generator prefix \
                (teleport-awsic-), account id or name, role, part of the name. `sw use -` switches back.
                """)

        @Argument(help: "Profile name, alias, account id/name, role, or '-' for the previous profile; none opens the picker.",
                  completion: ProfileNameCompletion.kind)
        var name: String?

        @Option(help: ShellOption.help) var shell: Shell?

        @Flag(help: "Run `aws sso login` (or `aws login` for a login_session profile) first when the profile's login needs it (its output goes to stderr); `[login] auto = true` in sw's config makes this the default.")
        var login = false

        // The login-flow flags are declared here rather than as `@OptionGroup LoginFlowOptions`,
        // as the other commands have them: argument-parser builds an option group's arguments by
        // reflecting a new instance of it each time it builds the command's argument set, which
        // made every `sw use` 18 % dearer (10.9M -> 12.8M instructions on 5,000 profiles).
        @Flag(inversion: .prefixedNo, help: LoginFlowRequest.deviceCodeHelp)
        var deviceCode: Bool?

        @Flag(help: LoginFlowRequest.noBrowserHelp)
        var noBrowser = false

        var loginFlow: LoginFlowRequest { LoginFlowRequest(deviceCode: deviceCode, noBrowser: noBrowser) }

        @Flag(help: "Also set the profile's credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION), resolved by `aws configure export-credentials`, for tools that cannot use a profile; switching away or sw off removes them.")
        var export = false

        func run(_ context: Context) throws {
            let shell = try ShellOption.resolve(shell, context)
            let index = try context.loadSwitchableIndex()
            let config = context.loadSwConfig()
            // No name, or an ambiguous one typed on a terminal, opens the picker.
            if let picked = try context.pickInsteadOfResolving(name, index: index, config: config) {
                return try Self.printSwitch(to: picked, index: index, config: config, shell: shell, login: login,
                                            flow: loginFlow, export: export, context)
            }
            guard let name else { throw SwitcherError("name a profile (sw use NAME), or run sw use on a terminal to pick one") }
            var query = name
            if name == "-" {
                guard let previous = context.environment[SwitchPlan.previousVariable], !previous.isEmpty else {
                    throw SwitcherError("no previous profile to switch back to (sw use - works after a second sw use in this shell)")
                }
                query = previous
            }
            let profile = try context.resolveProfile(query, in: index, config: config)
            try Self.printSwitch(to: profile, index: index, config: config, shell: shell, login: login, flow: loginFlow,
                                 export: export, context)
        }

        /// The code that switches to `profile`, on stdout; notes and the confirmation on stderr.
        /// `sw pick` prints exactly this too. With `export`, the login step and the export come
        /// first: a failure of either throws before anything reaches stdout.
        static func printSwitch(to profile: Profile, index: Index, config: SwConfig, shell: Shell, login: Bool,
                                flow: LoginFlowRequest?, export: Bool = false, _ context: Context) throws {
            let loginFlow = LoginFlow.choose(flow, config: config, reach: context.browserReach)
            let credentials = export
                ? try Export.credentials(for: profile, index: index, login: login || config.autoLogin, flow: loginFlow, context) : nil
            let plan = SwitchPlan.use(profile, index: index, environment: context.environment, config: config,
                                      credentials: credentials)
            for line in plan.notes { context.note(line) }
            context.confirm(profile, index: index)
            // SSO: log in if asked and needed (a failure throws before stdout), then one line on the login.
            if !export {
                try LoginAdvice.report(profile, in: index, login: login || config.autoLogin, flow: loginFlow, context: context)
            }
            if let expiresAt = credentials?.expiresAt {
                context.note("exported credentials of \(profile.name) until \(iso8601(expiresAt)); sw current says how long they have left")
            } else if credentials != nil {
                context.note("exported credentials of \(profile.name), with no expiry")
            }
            context.stdout.write(shell.render(plan.change))
        }
    }

    struct Off: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "off",
            abstract: "Remove everything sw set in this shell: prints shell code to eval.")

        @Option(help: ShellOption.help) var shell: Shell?

        func run(_ context: Context) throws {
            let shell = try ShellOption.resolve(shell, context)
            let plan = SwitchPlan.off(environment: context.environment)
            for line in plan.notes { context.note(line) }
            context.stdout.write(shell.render(plan.change))
        }
    }
}
