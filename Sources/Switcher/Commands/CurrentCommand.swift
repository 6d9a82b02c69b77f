import ArgumentParser
import ProfileIndex

extension SwitcherCommand {
    struct Current: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "current",
            abstract: "Show the active profile and what it resolves to; cheap enough for every prompt.",
            discussion: """
                --format placeholders: %p profile, %a account id, %n account name (else id), %r role, \
                %R region (AWS_REGION, AWS_DEFAULT_REGION, else the profile's), %s login state \
                (valid, refreshable, expired, missing, invalid, broken; empty without an SSO login, aws login session or expiring temporary keys), %% a percent sign. \
                With only %p the AWS files are not read at all.
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
                context.stdout.write("\(p.name): \(parts.joined(separator: ", "))\n")
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
                case "%": out += "%"
                default: throw SwitcherError("unknown placeholder %\(spec) in --format (known: %p %a %n %r %R %s %%)", exitCode: 64)
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
