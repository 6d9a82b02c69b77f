import ArgumentParser
import ProfileIndex

extension SwitcherCommand {
    struct Console: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "console",
            abstract: "Open the AWS console as a profile's role, or print the link (stdout).",
            discussion: """
                SSO profiles get the access portal's shortcut link \
                (START_URL/#/console?account_id=ID&role_name=ROLE): the portal signs the browser in and opens \
                the console as that account and role. Assume-role profiles get the console's switch-role page \
                (https://signin.aws.amazon.com/switchrole?account=ID&roleName=PATH/NAME&displayName=PROFILE; \
                GovCloud and China use their own sign-in host), which switches from the console session the \
                browser already has. sw makes no request and needs no credentials. Other kinds of profile \
                (keys, credential_process, web identity, aws login) are refused: their console session needs \
                a federation request (GetSigninToken), which sw does not make.

                --destination lands on a console page after the sign-in (the portal's destination, the \
                switch-role page's redirect_uri). It takes only https URLs on console.aws.amazon.com or a host \
                under it, console.amazonaws-us-gov.com or console.amazonaws.cn or a host under those, in the \
                profile's partition; no user name, no port: anything else is refused, so sw never redirects \
                elsewhere.

                The link is printed on stdout, one line. Without --print, sw also opens it: with $BROWSER \
                (commands separated by ':', as Python's webbrowser and xdg-open read it; the first whose \
                program is on PATH runs; %s in it is replaced by the link, else the link is added as the last \
                argument; no shell runs it), else xdg-open (open on macOS). The browser is started on its own: \
                sw does not wait for it. In an SSH session (SSH_CONNECTION or SSH_TTY set), or without \
                DISPLAY or WAYLAND_DISPLAY on Linux, sw only prints the link and says why on stderr.
                """)

        @Argument(help: "The profile (matched like sw use); none: $AWS_PROFILE, else the picker on a terminal.",
                  completion: ProfileNameCompletion.kind)
        var name: String?

        @Option(help: ArgumentHelp(
            "A console page to land on: an https URL on console.aws.amazon.com or a host under it (us-west-2.console.aws.amazon.com), or the GovCloud or China console.",
            valueName: "url"))
        var destination: String?

        @Flag(name: .customLong("print"), help: "Only print the link; open no browser.")
        var printOnly = false

        func validate() throws {
            if let destination, case .failure(let refusal) = ConsoleDestination.parse(destination) {
                throw ValidationError(refusal.message)
            }
        }

        func run(_ context: Context) throws {
            let index = try context.loadUsableIndex()
            let config = context.loadSwConfig()
            let profile = try resolve(index: index, config: config, context)
            var target: ConsoleDestination?
            if let destination {
                switch ConsoleDestination.parse(destination) {
                case .success(let parsed): target = parsed
                case .failure(let refusal): throw SwitcherError(refusal.message, exitCode: 64)
                }
            }
            let link: ConsoleLink
            switch ConsoleLink.make(for: profile, in: index, destination: target) {
            case .success(let made): link = made
            case .failure(let refusal): throw SwitcherError(refusal.message)
            }
            for line in link.notes { context.note(line) }
            context.stdout.write(link.url + "\n")
            if !printOnly { context.openInBrowser(link.url) }
        }

        /// NAME as sw use resolves it; without one, $AWS_PROFILE, else the picker on a terminal.
        private func resolve(index: Index, config: SwConfig, _ context: Context) throws -> Profile {
            if let name {
                if let picked = try context.pickInsteadOfResolving(name, index: index, config: config) { return picked }
                return try context.resolveProfile(name, in: index, config: config)
            }
            if let current = context.environment["AWS_PROFILE"], !current.isEmpty {
                return try context.resolveProfile(current, in: index, config: config)
            }
            if let picked = try context.pickInsteadOfResolving(nil, index: index, config: config) { return picked }
            throw SwitcherError("name a profile (sw console NAME): AWS_PROFILE is not set and there is no terminal to pick one on")
        }
    }
}
