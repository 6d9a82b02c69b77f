#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

@main
struct SwitcherCommand: ParsableCommand {
    /// The version `sw --version` prints, and the only place it is written: a release changes it
    /// here (see "Install" in README.md).
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "sw",
        abstract: "Switch AWS profiles fast, and know when a login is needed.",
        discussion: manual,
        version: version,
        subcommands: [Use.self, Pick.self, Off.self, Current.self, Exec.self, Export.self, Console.self, Init.self, List.self, Show.self, Sessions.self, Login.self, Doctor.self]
    )

    /// The extra sections of the man page (generated from these definitions by argument-parser's
    /// generate-manual plugin, `make man`), also shown by `sw --help`. ASCII only: the generator
    /// drops other characters. Lines that start with a space are kept as they are in the page.
    static let manual = """
        sw reads ~/.aws/config and ~/.aws/credentials exactly as botocore does and indexes every \
        profile: account, role, region, SSO session, which tool generated it, and whether its SSO \
        login is still good. It never writes the AWS files or the SSO token cache and never prints \
        a token (sw export and --export print credentials, on stdout, when asked). Commands that change the environment (use, pick, off) print shell code on stdout \
        and nothing else; the function `sw init` installs evaluates it.

        EXAMPLES
         eval "$(sw init bash)"       (in ~/.bashrc; zsh: sw init zsh; fish: sw init fish | source)
         sw use prod-reader           (switch; the name is matched forgivingly)
         sw use -                     (back to the previous profile)
         sw pick                      (fuzzy picker on the terminal)
         sw off                       (remove everything sw set)
         sw current --format '%p %s'  (for a prompt: profile and login state)
         sw exec prod-reader -- aws sts get-caller-identity
         sw export ci --format dotenv > aws.env   (credentials for docker run --env-file)
         sw console prod-reader       (open the AWS console as the profile's role; --print: the link only)
         sw list --sort account       (table; --json, --names)
         sw show deploy               (every setting with its file:line)
         sw login prod-reader         (aws sso login, once per session, only when needed)
         sw doctor                    (what will break, and the fix)

        FILES
         ~/.aws/config, ~/.aws/credentials
             The AWS files (or $AWS_CONFIG_FILE, $AWS_SHARED_CREDENTIALS_FILE). Read, never written.
         ~/.aws/sso/cache/*.json
             SSO tokens, to tell whether a login is needed. Read, never written.
         $SW_CONFIG, else $XDG_CONFIG_HOME/sw/config.ini, else ~/.config/sw/config.ini
             sw's own config: [alias], [env GLOB] and [login] sections. Read only.
         $XDG_CACHE_HOME/sw/ (default ~/.cache/sw/)
             The index cache: a snapshot of the parsed AWS files, never holding a secret.
         $XDG_STATE_HOME/sw/history (default ~/.local/state/sw/history)
             The picker's history of picks and queries.

        ENVIRONMENT
         AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE
             Where the AWS files are, as for the AWS CLI.
         AWS_PROFILE, AWS_DEFAULT_PROFILE
             The current profile; sw use sets the first and removes the second.
         AWS_REGION, AWS_DEFAULT_REGION
             Both set by sw use from the profile's region.
         AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_SECURITY_TOKEN,
         AWS_CREDENTIAL_EXPIRATION, AWS_SESSION_EXPIRATION
             Removed by sw use (they override any profile); sw doctor reports them. sw use
             --export and sw export set the first three and AWS_CREDENTIAL_EXPIRATION to the
             profile's credentials; sw current's %e reads AWS_CREDENTIAL_EXPIRATION.
         BROWSER
             sw console opens its link with the first of these ':'-separated commands whose program
             is found (%s is the link), else with xdg-open (open on macOS).
         SSH_CONNECTION, SSH_TTY, DISPLAY, WAYLAND_DISPLAY
             sw console only prints its link in an SSH session, or without a display on Linux.
         SW_CONFIG
             The path of sw's own config.
         SW_INDEX_CACHE
             off: always parse the AWS files; trace: say on stderr what the index cache did.
         SW_SHELL, SW_PROFILE, SW_PREVIOUS, SW_MANAGED
             Set by the sw function and sw use: the shell, the profile, the previous one, and
             what sw set.
         NO_COLOR, TERM
             NO_COLOR (non-empty) or TERM=dumb turns colour off; TERM=dumb also makes the picker
             a numbered list.
         SHELL
             The shell sw init writes for when none is named, and sw use, pick and off when
             neither --shell nor SW_SHELL names one.
         XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_STATE_HOME, HOME
             Where sw's own files are (see FILES).

        EXIT STATUS
         0    success.
         1    an error: no or several profiles match, a file cannot be read, sw doctor found an
              error, sw pick without a terminal. stdout is then empty, so an eval does nothing.
         64   a usage error: an unknown option or value, no shell known.
         130  the picker was cancelled.
         sw exec exits with the command's status (126: it cannot run, 127: not found); sw login
         with the AWS CLI's status when a login fails; sw export and the --export options with
         the AWS CLI's status when the export fails, 127 when there is no AWS CLI.
        """
}

extension SwitcherCommand {
    static func main() {
        exitProcess(run(Array(CommandLine.arguments.dropFirst()), in: .live()))
    }

    /// Runs one command line in this process with `context`: parses it, runs the command, and
    /// writes what the binary writes for errors, help, version and completions. The exit code.
    static func run(_ arguments: [String], in context: Context) -> Int32 {
        do {
            try context.makingRunning {
                var command = try parseAsRoot(arguments)
                try command.run()
            }
            return 0
        } catch let error as SwitcherError {
            // Stdout stays empty, so `eval "$(sw …)"` does nothing.
            context.stderr.write("sw: error: \(error.message)\n")
            return error.exitCode
        } catch {
            // As argument-parser's own exit(withError:): help, version and completions on stdout
            // (exit 0), anything else on stderr.
            let text = fullMessage(for: error)
            let code = exitCode(for: error).rawValue
            if !text.isEmpty { (code == 0 ? context.stdout : context.stderr).write(text + "\n") }
            return code
        }
    }
}

/// `exit(3)`, named so that argument-parser's `exit(withError:)` does not shadow it.
private func exitProcess(_ code: Int32) -> Never {
    exit(code)
}
