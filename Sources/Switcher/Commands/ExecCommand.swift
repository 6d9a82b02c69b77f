#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ProfileIndex
import ShellHooks

extension SwitcherCommand {
    struct Exec: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "exec",
            abstract: "Run one command with a profile applied, without changing the shell.",
            discussion: """
                sw exec prod-reader -- aws s3 ls. The command replaces sw, so its exit code and signals are its own. \
                With --export the command also gets the profile's credentials in AWS_ACCESS_KEY_ID, \
                AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION (from `aws configure \
                export-credentials`), for programs that cannot use a profile: sw exec --export ci -- docker run -e AWS_ACCESS_KEY_ID \
                -e AWS_SECRET_ACCESS_KEY -e AWS_SESSION_TOKEN IMAGE.
                """)

        @Argument(help: "The profile (matched like sw use).", completion: ProfileNameCompletion.kind)
        var name: String

        @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.")
        var command: [String] = []

        @Flag(help: "Also give the command the profile's credentials, resolved by `aws configure export-credentials`.")
        var export = false

        @Flag(help: "With --export: run `aws sso login` first when the profile's SSO login needs it (its output goes to stderr); `[login] auto = true` in sw's config makes this the default.")
        var login = false

        @OptionGroup var loginFlow: LoginFlowOptions

        func validate() throws {
            if command.isEmpty { throw ValidationError("give the command to run after --, e.g. sw exec \(name) -- aws sts get-caller-identity") }
            if login && !export { throw ValidationError("--login works only with --export; to log in without exporting, run sw login \(name) first") }
            if (loginFlow.deviceCode != nil || loginFlow.noBrowser) && !export {
                throw ValidationError("--device-code, --no-device-code and --no-browser choose how sw exec --export logs in; without --export sw exec runs no login")
            }
        }

        func run(_ context: Context) throws {
            let index = try context.loadSwitchableIndex()
            let config = context.loadSwConfig()
            let profile = try context.resolveProfile(name, in: index, config: config)
            let credentials = export
                ? try Export.credentials(for: profile, index: index, login: login || config.autoLogin,
                                         flow: LoginFlow.choose(loginFlow.request, config: config, reach: context.browserReach), context) : nil
            let plan = SwitchPlan.use(profile, index: index, environment: context.environment, config: config,
                                      credentials: credentials)
            do {
                try context.processes.replaceProcess(command[0], Array(command.dropFirst()), environment: context.environment,
                                                     applying: plan.change)
            } catch let failure as FileError {
                throw SwitcherError("cannot run \(command[0]): \(String(cString: strerror(failure.code)))",
                                    exitCode: failure.code == ENOENT ? 127 : 126)
            }
        }
    }
}
