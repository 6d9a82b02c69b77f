import FoundationEssentials

/// What botocore would do with a profile's cached SSO token, without asking the network.
///
/// Derived from botocore 1.43: `utils.SSOTokenLoader`, `tokens.SSOTokenProvider._refresher` /
/// `_refresh_access_token`, `tokens.DeferredRefreshableToken`, and
/// `credentials.SSOCredentialFetcher._get_credentials`.
public enum LoginState: String, Sendable, Codable {
    /// botocore uses the cached access token as it is (it may still be inside the 15-minute
    /// refresh window when no refresh is possible: botocore then keeps the old token).
    case valid
    /// sso-session only: the token has expired or expires within 15 minutes, and botocore
    /// will refresh it with the cached refresh token (and rewrite the cache file). A login
    /// session: its credentials have 5 minutes or less left (or have expired, less than 12 hours
    /// ago), and botocore will refresh them with its refresh token and private key; the sign-in
    /// service may still refuse (a session ended early), which no file shows.
    case refreshable
    /// The token has expired and cannot be refreshed: `aws sso login` (a login session: `aws
    /// login`, its credentials expired more than 12 hours ago) is needed.
    case expired
    /// No token file under this key: botocore says "Token for … does not exist" (a login
    /// session: "Unable to load a existing login session for session …").
    case missing
    /// A token file exists but botocore fails on it; `TokenStatus.problem` says why. For
    /// temporary keys: `x_security_token_expires` is not a date and time sw can read.
    case invalid
    /// The login cannot work whatever the cache holds: `sso_session` names an `[sso-session]`
    /// section that does not exist (botocore: `The specified sso-session does not exist`).
    case broken
}

/// The verdict on one login. Holds no token, refresh token or client secret.
public struct TokenStatus: Sendable, Equatable {
    public var key: LoginKey
    public var state: LoginState
    /// Full path of the file botocore would read.
    public var cacheFile: String
    /// The access token's expiry, when readable.
    public var expiresAt: Date?
    /// Why the token cannot be used (for `.invalid`, and for `.missing` when the file is there
    /// but unreachable). Never contains a token or secret.
    public var problem: String?
    /// The cache file's `region` field (the SSO region the login was made in).
    public var tokenRegion: String?
    public var registrationExpiresAt: Date?
    /// botocore can refresh this token: the key is an sso-session, `refreshToken`, `clientId`,
    /// `clientSecret` are non-empty strings and `registrationExpiresAt` is in the future.
    public var canRefresh: Bool

    /// `true` unless botocore gets credentials without a new `aws sso login` (or, for temporary
    /// keys, without running the tool that wrote them).
    public var needsLogin: Bool { state != .valid && state != .refreshable }

    public init(
        key: LoginKey, state: LoginState, cacheFile: String, expiresAt: Date? = nil,
        problem: String? = nil, tokenRegion: String? = nil, registrationExpiresAt: Date? = nil,
        canRefresh: Bool = false
    ) {
        self.key = key
        self.state = state
        self.cacheFile = cacheFile
        self.expiresAt = expiresAt
        self.problem = problem
        self.tokenRegion = tokenRegion
        self.registrationExpiresAt = registrationExpiresAt
        self.canRefresh = canRefresh
    }
}

/// The SSO token cache folder (`~/.aws/sso/cache`) and the `aws login` cache folder
/// (`~/.aws/login/cache`, LoginSessionCache). Only ever read.
public struct TokenCache: Sendable {
    /// botocore refreshes an sso-session token that expires in less than this
    /// (`SSOTokenProvider._REFRESH_WINDOW`, 15 minutes).
    public static let refreshWindowSeconds: Double = 15 * 60
    /// sw reads at most this many bytes of a token file; a larger file is `.invalid`.
    /// A real token file is under 4 kB; 1 MiB leaves room for anything plausible and keeps a
    /// stray 100 MB file from costing time or memory.
    public static let readLimit = 1 << 20

    public let directory: String
    /// The `aws login` cache folder (LoginSessionCache.directory); nil when the caller has none,
    /// and then every login session is `missing`.
    public let loginDirectory: String?
    let fileSystem: any FileSystem

    public init(directory: String, loginDirectory: String? = nil, fileSystem: any FileSystem) {
        self.directory = directory
        self.loginDirectory = loginDirectory
        self.fileSystem = fileSystem
    }

    /// Both folders where botocore looks for them, for this environment and home.
    public init(environment: [String: String], home: String, fileSystem: any FileSystem) {
        self.init(directory: Self.defaultDirectory(home: home),
                  loginDirectory: LoginSessionCache.directory(environment: environment, home: home), fileSystem: fileSystem)
    }

    /// `~/.aws/sso/cache` as botocore computes it (`os.path.expanduser`): trailing slashes of
    /// HOME are dropped. No variable moves this folder.
    public static func defaultDirectory(home: String) -> String {
        var home = Substring(home)
        while home.hasSuffix("/") { home = home.dropLast() }
        return home + "/.aws/sso/cache"
    }

    public func status(for key: LoginKey, now: Date) -> TokenStatus {
        if case .loginSession = key {
            guard loginDirectory != nil else {
                return TokenStatus(key: key, state: .missing, cacheFile: path(for: key), problem: "no login cache folder was given")
            }
            return LoginSessionCache.status(for: key, path: path(for: key), now: now, fileSystem: fileSystem)
        }
        var status = TokenStatus(key: key, state: .missing, cacheFile: path(for: key))
        func invalid(_ problem: String) -> TokenStatus {
            status.state = .invalid
            status.problem = problem
            return status
        }

        guard let fields = TokenCacheFile.object(updating: &status, limit: Self.readLimit, fileSystem: fileSystem,
                                                 what: "the token file") else { return status }

        // SSOTokenLoader: both keys must be present (any value), else "Token for … is invalid".
        guard fields["accessToken"] != nil else {
            return invalid("the token file has no accessToken (botocore: Token for … is invalid)")
        }
        guard let expiresValue = fields["expiresAt"] else {
            return invalid("the token file has no expiresAt (botocore: Token for … is invalid)")
        }
        status.tokenRegion = fields["region"]?.string
        if let registration = fields["registrationExpiresAt"], case .success(let date) = Self.date(registration) {
            status.registrationExpiresAt = date
        }

        let expiresAt: Date
        switch Self.date(expiresValue) {
        case .success(let date):
            expiresAt = date
            status.expiresAt = date
        case .failure(let failure):
            return invalid(Self.describe(failure, field: "expiresAt", when: ""))
        }

        let refresh = Self.refresh(fields, now: now)
        let isSession = if case .session = key { true } else { false }
        status.canRefresh = isSession && refresh == .possible

        let remaining = expiresAt.timeIntervalSince(now)
        // Legacy profiles (SSOCredentialFetcher with a token loader) never refresh.
        if isSession, remaining < Self.refreshWindowSeconds {
            switch refresh {
            case .possible:
                status.state = .refreshable
                return status
            case .crashes(let problem):
                return invalid(problem)
            case .impossible:
                break  // botocore keeps the old token
            }
        }
        // Both paths: an access token at or past its expiry is refused locally, before any call
        // (sso-session: TokenRetrievalError "Token has expired and refresh failed";
        // legacy: UnauthorizedSSOTokenError).
        if remaining <= 0 {
            status.state = .expired
            return status
        }
        switch fields["accessToken"] {
        case .string(let token) where !token.isEmpty:
            status.state = .valid
            return status
        case .string:
            return invalid("accessToken is empty (the SSO portal rejects it: UnauthorizedSSOTokenError)")
        case let other?:
            return invalid("accessToken is \(other.kind), not a string (botocore fails with ParamValidationError)")
        case nil:
            return invalid("the token file has no accessToken (botocore: Token for … is invalid)")
        }
    }

    /// The file botocore reads for `key`: `os.path.join(directory, sha1 + ".json")`, or for a
    /// login session `os.path.join(loginDirectory, sha256 + ".json")`.
    func path(for key: LoginKey) -> String {
        var folder = directory
        if case .loginSession = key { folder = loginDirectory ?? "" }
        if folder.isEmpty { return key.cacheFileName }
        return folder.hasSuffix("/") ? folder + key.cacheFileName : folder + "/" + key.cacheFileName
    }

    enum Refresh: Equatable {
        case possible
        case impossible
        case crashes(String)
    }

    /// `SSOTokenProvider._refresh_access_token`, minus the network call: which outcome botocore
    /// reaches when it tries to refresh this token.
    static func refresh(_ fields: [String: JSONValue], now: Date) -> Refresh {
        // botocore checks that the four keys are present, whatever their values.
        guard let refreshToken = fields["refreshToken"], let clientId = fields["clientId"],
              let clientSecret = fields["clientSecret"], let registration = fields["registrationExpiresAt"]
        else { return .impossible }
        switch date(registration) {
        case .failure(let failure):
            return .crashes(describe(failure, field: "registrationExpiresAt", when: " when it tries to refresh"))
        case .success(let expiry) where expiry.timeIntervalSince(now) <= 0:
            return .impossible  // "SSO token registration expired"
        case .success:
            break
        }
        // CreateToken's parameters are validated before the call: a non-string is a
        // ParamValidationError, which botocore does not catch. An empty string is sent, and the
        // service's refusal (a ClientError) makes botocore keep the old token.
        var allNonEmpty = true
        for (name, value) in [("refreshToken", refreshToken), ("clientId", clientId), ("clientSecret", clientSecret)] {
            guard let text = value.string else {
                return .crashes("\(name) is \(value.kind), not a string (botocore crashes with ParamValidationError when it tries to refresh)")
            }
            if text.isEmpty { allNonEmpty = false }
        }
        return allNonEmpty ? .possible : .impossible
    }

    static func date(_ value: JSONValue) -> Result<Date, ExpiryDate.Failure> {
        guard let text = value.string else { return .failure(.notAString) }
        return ExpiryDate.parse(text)
    }

    static func describe(_ failure: ExpiryDate.Failure, field: String, when: String) -> String {
        switch failure {
        case .notAString: "\(field) is not a string (botocore crashes with TypeError\(when))"
        case .noTimeZone: "\(field) has no time zone (botocore crashes with TypeError\(when))"
        case .unreadable: "\(field) is not a date and time sw can read (an unreadable date makes botocore fail with ParserError\(when))"
        }
    }
}
