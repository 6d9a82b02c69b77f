import FoundationEssentials

/// Temporary keys in a profile's section with their expiry beside them: `aws_access_key_id`,
/// `aws_secret_access_key`, `aws_session_token` and `x_security_token_expires` (ISO 8601 with
/// an offset), as saml2aws (Go's RFC 3339) and gimme-aws-creds (Python's isoformat) write them.
///
/// botocore ignores `x_*` keys: it sends the keys as long as the profile has them, and AWS
/// rejects them once they have expired. The expiry is the only clue to that, so it is the
/// state of this "login" (LoginKey.temporaryKeys), computed against the injected clock.
public enum TemporaryKeys {
    public static let expiryKey = "x_security_token_expires"

    /// The profile's temporary keys are its credentials: static keys (the kind botocore picks)
    /// with an expiry beside them.
    static func apply(to profile: Profile) -> Bool {
        profile.kind == .staticKeys && profile.setting(expiryKey) != nil
    }

    /// `valid` (with `expiresAt`) until the expiry, then `expired`; `invalid` with the reason
    /// when the value is not a date and time with a zone. `cacheFile` is the file the expiry
    /// was read from.
    public static func status(of profile: Profile, now: Date) -> TokenStatus {
        let key = LoginKey.temporaryKeys(profile: profile.name)
        let setting = profile.setting(expiryKey)
        var status = TokenStatus(key: key, state: .invalid, cacheFile: setting?.location.file ?? profile.location.file)
        guard let setting, case .string(let text) = setting.value else {
            status.problem = "\(expiryKey) (\(setting?.location.description ?? profile.name)) is not a single value"
            return status
        }
        switch ExpiryDate.parse(text) {
        case .success(let date):
            status.expiresAt = date
            status.state = date.timeIntervalSince(now) > 0 ? .valid : .expired
        case .failure(.noTimeZone):
            status.problem = "\(expiryKey) = \(text) (\(setting.location)) has no time zone, so when the keys expire is unknown"
        case .failure:
            status.problem = "\(expiryKey) = \(text) (\(setting.location)) is not a date and time sw can read"
        }
        return status
    }

    /// Who renews these keys, with the commands, for messages: sw cannot tell which tool wrote
    /// them (several write the same keys), so both common ones are named.
    public static func renewal(profile: String) -> Fix {
        Fix("the tool that wrote these keys renews them (saml2aws: ") + Fix.command(["saml2aws", "login", "-p", .value(profile)])
            + Fix("; gimme-aws-creds: ") + Fix.command(["gimme-aws-creds"]) + Fix(")")
    }
}

extension Index {
    /// The state of a login, one rule for every command: an sso-session that has no section is
    /// `broken` whatever token file there is; temporary keys are judged by their expiry; any
    /// other SSO login by its token file in `cache`.
    public func loginStatus(_ key: LoginKey, cache: TokenCache, now: Date) -> TokenStatus {
        switch key {
        case .session(let name) where !hasSSOSession(named: name):
            var status = TokenStatus(key: key, state: .broken, cacheFile: cache.path(for: key))
            status.problem = "sso_session names [sso-session \(name)], which does not exist (botocore: The specified sso-session does not exist: \"\(name)\")"
            return status
        case .temporaryKeys(let name):
            guard let profile = profile(named: name) else {
                return TokenStatus(key: key, state: .missing, cacheFile: credentials.path, problem: "no profile \(name)")
            }
            return TemporaryKeys.status(of: profile, now: now)
        default:
            return cache.status(for: key, now: now)
        }
    }
}
