import ArgumentParser
import FoundationEssentials
import ProfileIndex
import ShellHooks

extension SwitcherCommand {
    struct Current: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "current",
            abstract: "Show the active profile and what it resolves to; cheap enough for every prompt.",
            discussion: """
                --format placeholders: %p profile, %a account id, %n account name (else id), %r role, \
                %R region (AWS_REGION, AWS_DEFAULT_REGION, else the profile's), %s login state \
                (valid, refreshable, expired, missing, invalid, broken; empty without an SSO login, aws login session or expiring temporary keys), \
                %e time left on credentials exported into the shell (sw use --export), from AWS_CREDENTIAL_EXPIRATION: \
                41m, 7h12m, <1m, expired, or invalid when it is not a date; empty without it. %% a percent sign. \
                With only %p and %e the AWS files are not read at all.
                """)

        @Option(help: "Print this format instead of the summary (for prompt segments).")
        var format: String?

        func run(_ context: Context) throws {
            let env = context.environment
            guard let name = env["AWS_PROFILE"].flatMap(\.nonEmpty) ?? env["AWS_DEFAULT_PROFILE"].flatMap(\.nonEmpty) else {
                throw SwitcherError("no profile is active (AWS_PROFILE is not set)")
            }
            var lazy = LazyProfile(context: context, name: name)
            guard let format else {
                let p = try lazy.profile()
                let account = [p.accountName, p.accountID].compactMap { $0 }.joined(separator: " ")
                var parts = [account.nonEmpty.map { "account \($0)" }, p.roleName.map { "role \($0)" },
                             "region \(lazy.region() ?? "none")"].compactMap { $0 }
                if let state = lazy.loginState() { parts.append("login \(state)") }
                let exported = ExportedExpiry(environment: env, now: context.now)
                if let exported { parts.append(exported.summary) }
                context.stdout.write("\(p.name): \(parts.joined(separator: ", "))\n")
                if let exported, exported.state == .expired {
                    context.warn("the credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY expired at \(exported.text) and override the profile: run sw use --export \(ShellQuoting.display(name)) for fresh ones, or sw use \(ShellQuoting.display(name)) to drop them")
                }
                if let other = env["AWS_DEFAULT_PROFILE"], env["AWS_PROFILE"] != nil, other != name {
                    context.warn("AWS_DEFAULT_PROFILE=\(other) is also set: boto3 and AWS CLI v1 use it instead")
                }
                return
            }
            var out = ""
            var chars = format.makeIterator()
            while let c = chars.next() {
                guard c == "%", let spec = chars.next() else { out.append(c); continue }
                switch spec {
                case "p": out += name
                case "a": out += try lazy.profile().accountID ?? ""
                case "n": out += try lazy.profile().accountName ?? lazy.profile().accountID ?? ""
                case "r": out += try lazy.profile().roleName ?? ""
                case "R": out += lazy.region() ?? ""
                case "s": out += lazy.loginState() ?? ""
                case "e": out += ExportedExpiry(environment: env, now: context.now)?.left ?? ""
                case "%": out += "%"
                default: throw SwitcherError("unknown placeholder %\(spec) in --format (known: %p %a %n %r %R %s %e %%)", exitCode: 64)
                }
            }
            context.stdout.write(out + "\n")
        }
    }
}

/// Reads the AWS files only when a placeholder needs more than the profile's name.
private struct LazyProfile {
    let context: Context
    let name: String
    private var index: Index?

    init(context: Context, name: String) {
        self.context = context
        self.name = name
    }

    mutating func loadIndex() -> Index {
        if let index { return index }
        let loaded = context.loadIndex()
        index = loaded
        return loaded
    }

    mutating func profile() throws -> Profile {
        let index = loadIndex()
        guard let p = index.profile(named: name) else {
            throw SwitcherError("AWS_PROFILE=\(name), but there is no such profile in \(index.config.path): every AWS command fails with \"The config profile (\(name)) could not be found\"")
        }
        return p
    }

    mutating func region() -> String? {
        let env = context.environment
        return env["AWS_REGION"].flatMap(\.nonEmpty) ?? env["AWS_DEFAULT_REGION"].flatMap(\.nonEmpty)
            ?? loadIndex().effectiveRegion(of: name)
    }

    mutating func loginState() -> String? {
        let index = loadIndex()
        guard let profile = index.profile(named: name), let key = index.effectiveLoginKey(of: profile) else { return nil }
        let cache = TokenCache(environment: context.environment, home: context.paths.home, fileSystem: context.fileSystem)
        return index.loginStatus(key, cache: cache, now: context.now).state.rawValue
    }
}

/// When credentials exported into the shell expire: AWS_CREDENTIAL_EXPIRATION, which the AWS CLI's
/// `export-credentials` (and so `sw use --export`) sets. Only the environment and the clock: no file.
struct ExportedExpiry {
    enum State { case valid, expired, invalid }
    let text: String
    let state: State
    let secondsLeft: Double

    init?(environment: [String: String], now: Date) {
        guard let text = environment[ExportedCredentials.expirationVariable], !text.isEmpty else { return nil }
        self.text = text
        guard let date = CredentialExpiry.date(text) else {
            (state, secondsLeft) = (.invalid, 0)
            return
        }
        secondsLeft = date.timeIntervalSince(now)
        state = secondsLeft > 0 ? .valid : .expired
    }

    /// `%e`: `41m`, `7h12m`, `<1m`, `expired`, `invalid`.
    var left: String {
        switch state {
        case .valid: LoginStates.duration(secondsLeft)
        case .expired: "expired"
        case .invalid: "invalid"
        }
    }

    /// For the summary line: `credentials valid 41m`, `credentials expired`.
    var summary: String {
        switch state {
        case .valid: "credentials valid \(left)"
        case .expired: "credentials expired"
        case .invalid: "credentials expiry unreadable (AWS_CREDENTIAL_EXPIRATION)"
        }
    }
}
