import ArgumentParser
import ProfileIndex
import ShellHooks

extension SwitcherCommand {
    struct Show: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show everything known about one profile: settings with their file and line, and its source_profile chain.")

        @Argument(help: "The exact profile name.", completion: ProfileNameCompletion.kind)
        var name: String

        @Flag(help: "Print the profile as a JSON object (the shape of sw list --json).")
        var json = false

        func run(_ context: Context) throws {
            let index = try context.loadUsableIndex()
            guard let profile = index.profile(named: name) else {
                throw SwitcherError.unknownProfile(name, in: index)
            }
            let logins = LoginStates(index: index, context: context)
            if json {
                var writer = context.jsonWriter()
                writer.profile(profile, in: index, logins: logins)
                context.stdout.write(writer)
            } else {
                context.stdout.write(describe(profile, index, logins))
            }
            context.reportFileProblems(index)
        }

        private func describe(_ p: Profile, _ index: Index, _ logins: LoginStates) -> String {
            var out = "\(p.name)\n"
            func row(_ label: String, _ value: String?) {
                out += "  " + label.padding(14) + (value ?? "-") + "\n"
            }
            row("kind", p.kind == .invalid ? "invalid: " + (p.credentialProblem.map { "\($0.problem) (botocore: \($0.botocore))" } ?? "") : p.kind.rawValue)
            row("origin", p.origin.rawValue + (p.markersLost ? " (its markers are gone: see sw doctor)" : ""))
            row("account", [p.accountName, p.accountID].compactMap { $0 }.joined(separator: " ").nonEmpty)
            row("role", p.roleName)
            row("region", p.region ?? index.effectiveRegion(of: p.name).map { "\($0) (from source_profile chain)" })
            row("sso session", p.ssoSession)
            row("sso start url", p.ssoStartURL)
            row("sso region", p.ssoRegion)
            row("login session", p.kind == .loginSession ? p["login_session"] : nil)
            if let status = logins.status(of: p) {
                var login = logins.summary(status)
                if let expiresAt = status.expiresAt { login += " (expires \(iso8601(expiresAt)))" }
                let others = logins.sharedWith(p)
                if others > 0 { login += ", shared with \(others) other profile\(others == 1 ? "" : "s")" }
                if let problem = status.problem { login += ": \(problem)" }
                row("login", login)
                if status.key.renewal.isAWSCLI {
                    row(status.key.renewal == .awsLogin ? "cache file" : "token file", status.cacheFile)
                    if status.needsLogin && status.state != .broken {
                        row("log in with", ShellQuoting.display(command: ["aws"] + logins.loginArguments(status.key, preferring: p.name)))
                    }
                } else {
                    row("expiry from", "\(TemporaryKeys.expiryKey) in \(status.cacheFile)")
                    row("renewal", logins.renewal(status))
                }
            }
            row("defined at", p.location.description)
            if let creds = p.credentialsLocation, creds != p.location { row("credentials", creds.description) }
            out += "  settings\n"
            let width = p.settings.map(\.key.displayWidth).max() ?? 0
            for s in p.settings {
                let value: String
                switch s.value {
                case .string(let v): value = s.isSecret ? JSONWriter.redacted : v
                case .nested(let entries):
                    value = "{" + entries.map { "\($0.key) = \(s.isSecret || Setting.secretKeys.contains($0.key) ? JSONWriter.redacted : $0.value)" }.joined(separator: ", ") + "}"
                }
                out += "    " + s.key.padding(width + 2) + value.replacingNewlines + "   " + s.location.description + "\n"
            }
            let chain = index.sourceChain(of: p.name)
            if chain.chain.count > 1 || chain.missing != nil || chain.cycle != nil {
                var links = chain.chain.map(\.name)
                if let missing = chain.missing { links.append("\(missing) (missing!)") }
                if let cycle = chain.cycle { links.append("\(cycle) (cycle!)") }
                out += "  source chain  " + links.joined(separator: " -> ") + "\n"
            }
            return out
        }
    }
}

extension SwitcherError {
    static func unknownProfile(_ name: String, in index: Index) -> SwitcherError {
        let lowered = name.lowercased()
        let close = index.profiles.map(\.name).filter { $0.lowercased().contains(lowered) }.prefix(5)
        var message = "no profile named '\(name)' in \(index.config.path) or \(index.credentials.path)"
        if !close.isEmpty { message += "; did you mean: " + close.joined(separator: ", ") }
        message += " (sw list shows every profile)"
        return SwitcherError(message)
    }
}
