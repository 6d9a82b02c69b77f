#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import ProfileIndex
import ShellHooks

/// The token status of each login, read once per distinct `LoginKey`: 2,000 profiles that share
/// a handful of sso-sessions (or `aws login` sessions) cost a handful of file reads, not 2,000.
final class LoginStates {
    let index: Index
    let cache: TokenCache
    let now: Date
    private var statuses: [LoginKey: TokenStatus] = [:]

    init(index: Index, context: Context) {
        self.index = index
        cache = TokenCache(environment: context.environment, home: context.paths.home, fileSystem: context.fileSystem)
        now = context.now
    }

    func status(for key: LoginKey) -> TokenStatus {
        if let known = statuses[key] { return known }
        let status = index.loginStatus(key, cache: cache, now: now)
        statuses[key] = status
        return status
    }

    /// Reads the token file again (after `aws sso login` or `aws login` rewrote it).
    func refresh(_ key: LoginKey, now: Date) -> TokenStatus {
        let status = index.loginStatus(key, cache: cache, now: now)
        statuses[key] = status
        return status
    }

    /// The state of the login the profile's credentials come from (Index.effectiveLoginKey).
    func status(of profile: Profile) -> TokenStatus? {
        index.effectiveLoginKey(of: profile).map { status(for: $0) }
    }

    /// Profiles that use this login, sorted by name.
    func profiles(using key: LoginKey) -> [String] { index.logins[key] ?? [] }

    /// The number of profiles besides `profile` that have its login (a role assumed from an SSO
    /// profile is not itself counted among that login's profiles).
    func sharedWith(_ profile: Profile) -> Int {
        guard let key = index.effectiveLoginKey(of: profile) else { return 0 }
        return sharedWith(key, own: profile.loginKey == key)
    }

    /// The same, for a profile whose effective login is `key`, and `own` when that is its own.
    func sharedWith(_ key: LoginKey, own: Bool) -> Int {
        max(0, index.loginGroupSize(key) - (own ? 1 : 0))
    }

    /// `valid 7h12m`, `refreshable`, `expired`, `missing`, `invalid`, `broken`: the LOGIN column.
    func summary(_ status: TokenStatus) -> String {
        switch status.state {
        case .valid:
            guard let expiresAt = status.expiresAt else { return "valid" }
            return "valid " + LoginStates.duration(expiresAt.timeIntervalSince(now))
        default:
            return status.state.rawValue
        }
    }

    /// `3d4h`, `7h12m`, `12m`, `<1m`: a time left, to the minute.
    static func duration(_ seconds: Double) -> String {
        guard seconds >= 60 else { return "<1m" }
        let minutes = Int(seconds / 60)
        let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60)
        if days > 0 { return "\(days)d\(hours)h" }
        if hours > 0 { return "\(hours)h\(mins)m" }
        return "\(mins)m"
    }

    /// The command that logs this key in: `aws sso login --sso-session S`; for a legacy start
    /// URL `aws sso login --profile P`, and for a login session `aws login --profile P` (aws login
    /// has no option naming the session), with `preferring` when it has that login, else the
    /// first profile (by name) that has it.
    func loginArguments(_ key: LoginKey, preferring preferred: String? = nil) -> [String] {
        func profile() -> String {
            let users = profiles(using: key)
            return preferred.flatMap { users.contains($0) ? $0 : nil } ?? users.first ?? ""
        }
        switch key {
        case .session(let name):
            return ["sso", "login", "--sso-session", name]
        case .startURL:
            return ["sso", "login", "--profile", profile()]
        case .loginSession:
            return ["login", "--profile", profile()]
        case .temporaryKeys:
            preconditionFailure("temporary keys are renewed only by the tool that wrote them (LoginKey.renewal)")
        }
    }

    /// What renews a login that needs it, for people: the `aws sso login` or `aws login` command, for
    /// temporary keys the tool that wrote them, for a broken session the repair.
    func renewal(_ status: TokenStatus, preferring preferred: String? = nil) -> String {
        switch status.key {
        case .temporaryKeys(let profile): return TemporaryKeys.renewal(profile: profile).text
        case _ where status.state == .broken: return "add that [sso-session] section or fix sso_session, then log in"
        default: return "log in with: " + ShellQuoting.display(command: ["aws"] + loginArguments(status.key, preferring: preferred))
        }
    }

    /// A login's name for people: the sso-session name, the legacy start URL, or for temporary
    /// keys `keys of PROFILE`.
    static func name(_ key: LoginKey) -> String {
        if case .temporaryKeys(let profile) = key { return "keys of \(profile)" }
        return key.cacheKey
    }
}

