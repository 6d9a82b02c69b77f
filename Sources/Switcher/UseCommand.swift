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

        @Argument(help: "Profile name, alias, account id/name, role, or '-' for the previous profile.")
        var name: String

        @OptionGroup var shellOption: ShellOption

        @Flag(help: "Run `aws sso login` first when the profile's SSO login needs it (its output goes to stderr); `[login] auto = true` in sw's config makes this the default.")
        var login = false

        func run(_ context: Context) throws {
            let shell = try shellOption.resolve(context)
            let index = try context.loadSwitchableIndex()
            let config = context.loadSwConfig()
            var query = name
            if name == "-" {
                guard let previous = context.environment[SwitchPlan.previousVariable], !previous.isEmpty else {
                    throw SwitcherError("no previous profile to switch back to (sw use - works after a second sw use in this shell)")
                }
                query = previous
            }
            let profile = try context.resolveProfile(query, in: index, config: config)
            let plan = SwitchPlan.use(profile, index: index, environment: context.environment, config: config)
            for line in plan.notes { context.note(line) }
            context.confirm(profile, index: index)
            // SSO: log in if asked and needed (a failure throws before stdout), then one line on the login.
            try LoginAdvice.report(profile, in: index, login: login || config.autoLogin, context: context)
            context.stdout.write(shell.render(plan.change))
        }
    }

    struct Off: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "off",
            abstract: "Remove everything sw set in this shell: prints shell code to eval.")

        @OptionGroup var shellOption: ShellOption

        func run(_ context: Context) throws {
            let shell = try shellOption.resolve(context)
            let plan = SwitchPlan.off(environment: context.environment)
            for line in plan.notes { context.note(line) }
            context.stdout.write(shell.render(plan.change))
        }
    }
}
