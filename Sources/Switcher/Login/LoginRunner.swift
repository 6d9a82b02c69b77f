import ProfileIndex
import ShellHooks

/// Runs `aws sso login` once per distinct login that needs it, and says what each login covers.
/// Everything it prints goes to stderr; the child's stdout goes there too.
struct LoginRunner {
    let context: Context
    let logins: LoginStates
    /// Log in even when the token is valid or refreshable.
    var force = false
    /// Print the commands instead of running them.
    var dryRun = false
    /// For a legacy start URL: log in with this profile when it has that URL.
    var preferredProfile: String?
    /// Device code or browser callback, and --no-browser.
    var flow: LoginFlow

    /// Logs in each of `keys` (in order, duplicates ignored) that needs it. Stops at the first
    /// failed login with a SwitcherError carrying the child's exit code. A login sw cannot run
    /// (temporary keys another tool renews, an sso-session without its section) is explained,
    /// and once the others are done sw exits 1: it did not do what was asked.
    func run(_ keys: [LoginKey]) throws {
        var seen: Set<LoginKey> = []
        var aws: AWSCLI?
        var flowNoted = false
        var notRenewed: [String] = []
        for key in keys where seen.insert(key).inserted {
            let status = logins.status(for: key)
            let name = LoginStates.name(key)
            let covers = coverage(key)
            if !status.needsLogin && !force {
                let until = !key.isSSO && status.expiresAt != nil ? " until \(iso8601(status.expiresAt!))" : ""
                context.note("\(name): \(logins.summary(status))\(until), no login needed (\(covers))")
                continue
            }
            if !key.isSSO || status.state == .broken {
                let why = status.state == .expired && status.expiresAt != nil ? " at \(iso8601(status.expiresAt!))" : ""
                context.note("\(name): \(logins.summary(status))\(why)\(status.problem.map { ": \($0)" } ?? ""); sw cannot run this login itself: \(logins.renewal(status))")
                notRenewed.append(name)
                continue
            }
            if dryRun {
                // The flags depend on the CLI's version; without an aws to ask, show them as a
                // current CLI takes them.
                if aws == nil && (flow.deviceCode || flow.explicit) {
                    aws = try? AWSCLI.locate(for: "aws sso login", in: context, environment: childEnvironment)
                }
            } else if aws == nil {
                aws = try AWSCLI.locate(for: "aws sso login", in: context, environment: childEnvironment)
            }
            let (flags, flowNotes) = flow.ssoLoginFlags(aws)
            if !flowNoted {
                for line in flowNotes { context.note(line) }
                flowNoted = true
            }
            let arguments = logins.loginArguments(key, preferring: preferredProfile) + flags
            let shown = ShellQuoting.display(command: ["aws"] + arguments)
            if dryRun {
                context.note("\(name): \(logins.summary(status)); would run: \(shown) (\(covers))")
                continue
            }
            context.note("\(name): \(logins.summary(status)); running \(shown) (\(covers))")
            let outcome: ProcessOutcome
            do {
                outcome = try context.processes.runOnTerminal(aws!.path, arguments, environment: childEnvironment)
            } catch {
                throw SwitcherError("could not start \(aws!.path): \(error)")
            }
            switch outcome {
            case .exited(0):
                break
            case .exited(let code):
                throw SwitcherError("\(shown) failed with exit code \(code); \(name) is still \(status.state.rawValue)",
                                    exitCode: code)
            case .signaled(let signal):
                throw SwitcherError("\(shown) was ended by signal \(signal); \(name) is still \(status.state.rawValue)",
                                    exitCode: 128 + signal)
            }
            let after = logins.refresh(key, now: context.now)
            if after.needsLogin {
                var message = "\(shown) succeeded, but botocore still finds the token \(after.state.rawValue) in \(after.cacheFile)"
                if let problem = after.problem { message += " (\(problem))" }
                throw SwitcherError(message)
            }
            context.note("\(name): logged in, \(logins.summary(after))")
        }
        if !notRenewed.isEmpty && !dryRun {
            throw SwitcherError("not logged in: \(notRenewed.joined(separator: ", ")) (see above for what renews \(notRenewed.count == 1 ? "it" : "them"))")
        }
    }

    /// `covers 3 profiles: a, b, c` (at most five names).
    func coverage(_ key: LoginKey) -> String {
        let names = logins.profiles(using: key)
        let shown = names.prefix(5).joined(separator: ", ")
        let more = names.count > 5 ? ", and \(names.count - 5) more" : ""
        return "covers \(names.count) profile\(names.count == 1 ? "" : "s"): \(shown)\(more)"
    }

    /// The login flags name the session or profile, so a stale AWS_PROFILE (e.g. the profile
    /// `sw use` is switching away from) must not make the AWS CLI fail before it starts.
    var childEnvironment: [String: String] {
        var environment = context.environment
        environment["AWS_PROFILE"] = nil
        environment["AWS_DEFAULT_PROFILE"] = nil
        return environment
    }
}
