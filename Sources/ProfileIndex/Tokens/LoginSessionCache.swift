import Crypto
import FoundationEssentials

/// What botocore does with the cache file of an `aws login` session (a profile with
/// `login_session`), without asking the network. The file holds keys and a private key: nothing
/// read from it leaves this file but dates and the names of fields.
///
/// Derived from botocore 1.43: `credentials.LoginProvider.load` and `LoginCredentialFetcher`
/// (`load_cached_credentials`, `refresh_credentials`, `_load_private_key`), the
/// `RefreshableCredentials` refresh windows, and `utils.get_login_token_cache_directory`.
///
/// botocore hands out the cached credentials as long as they have 10 minutes or more left
/// (between 15 and 10 minutes it tries to refresh, but ignores a failure). Under 10 minutes a
/// refresh is mandatory: it loads `dpopKey` first (a failure is an error), and with more than
/// 5 minutes left it still returns the cached credentials without a call. At 5 minutes or less
/// it calls the sign-in service with `refreshToken` and `clientId`, signed with `dpopKey`.
public enum LoginSessionCache {
    /// Under this many seconds left, botocore's refresh is mandatory (errors propagate).
    public static let mandatoryRefreshSeconds: Double = 10 * 60
    /// Above this many seconds left, the fetcher returns the cached credentials without a call
    /// (`LoginCredentialFetcher._REFRESH_THRESHOLD`).
    public static let refreshThresholdSeconds: Double = 5 * 60
    /// The sign-in service refreshes a session's credentials for up to 12 hours after `aws login`.
    /// The file does not say when the login was, but it was before the cached credentials were
    /// issued: so once they expired more than 12 hours ago, the refresh surely fails (botocore:
    /// "Your session has expired or credentials have changed").
    public static let sessionLimitSeconds: Double = 12 * 3600

    /// The fields `load_cached_credentials` requires, in botocore's order.
    static let requiredFields = ["accessToken", "refreshToken", "dpopKey", "clientId"]
    /// The members of `accessToken` that `_token_to_credentials` reads, in botocore's order.
    static let credentialFields = ["accessKeyId", "secretAccessKey", "sessionToken", "expiresAt", "accountId"]

    /// `$AWS_LOGIN_CACHE_DIRECTORY` with `$VAR` and `~` expanded (`os.path.expandvars`, then
    /// `os.path.expanduser`), else `~/.aws/login/cache`.
    public static func directory(environment: [String: String], home: String) -> String {
        if let raw = environment["AWS_LOGIN_CACHE_DIRECTORY"] {
            return AWSPaths.expandUser(AWSPaths.expandVars(raw, environment), home: home)
        }
        var home = Substring(home)
        while home.hasSuffix("/") { home = home.dropLast() }
        return home + "/.aws/login/cache"
    }

    /// The state of the login session `key` (a `.loginSession`) from its file at `path`.
    static func status(for key: LoginKey, path: String, now: Date, fileSystem: any FileSystem) -> TokenStatus {
        var status = TokenStatus(key: key, state: .missing, cacheFile: path)
        func invalid(_ problem: String) -> TokenStatus {
            status.state = .invalid
            status.problem = problem
            return status
        }

        // No file: botocore says "Unable to load a existing login session for session …".
        guard let fields = TokenCacheFile.object(updating: &status, limit: TokenCache.readLimit, levels: 2, fileSystem: fileSystem,
                                                 what: "the login cache file") else { return status }

        let missing = requiredFields.filter { fields[$0] == nil }
        if !missing.isEmpty {
            let list = missing.joined(separator: ", ")
            return invalid("the login cache file has no \(list) (botocore: Failed to load access token from token cache, missing required fields: \(list).)")
        }
        guard case .object(let credentials) = fields["accessToken"] else {
            return invalid("accessToken is \(fields["accessToken"]!.kind), not an object (botocore crashes with TypeError)")
        }
        let lacking = credentialFields.filter { credentials[$0] == nil }
        if let first = lacking.first {
            return invalid("accessToken has no \(lacking.joined(separator: ", ")) (botocore crashes with KeyError: '\(first)')")
        }
        switch TokenCache.date(credentials["expiresAt"]!) {
        case .success(let date):
            status.expiresAt = date
        case .failure(let failure):
            return invalid(TokenCache.describe(failure, field: "accessToken.expiresAt", when: ""))
        }

        let keyProblem = privateKeyProblem(fields["dpopKey"]!)
        let parameterProblem = ["refreshToken", "clientId"].lazy.compactMap { name in
            fields[name]!.string == nil ? "\(name) is \(fields[name]!.kind), not a string (botocore crashes with ParamValidationError when it refreshes)" : nil
        }.first
        status.canRefresh = keyProblem == nil && parameterProblem == nil

        let remaining = status.expiresAt!.timeIntervalSince(now)
        if remaining >= mandatoryRefreshSeconds {
            status.state = .valid
            return status
        }
        if let keyProblem { return invalid(keyProblem) }
        if remaining > refreshThresholdSeconds {
            status.state = .valid
            return status
        }
        if let parameterProblem { return invalid(parameterProblem) }
        status.state = -remaining > sessionLimitSeconds ? .expired : .refreshable
        return status
    }

    /// Why botocore cannot load `dpopKey` as a private key, or nil. botocore drops the PEM's
    /// `-----BEGIN`/`-----END` lines, base64-decodes the rest and hands the DER to awscrt. sw
    /// accepts what swift-crypto reads as a P-256, P-384 or P-521 private key (SEC1, as `aws login`
    /// writes it, or PKCS#8); awscrt may accept a little more (a bare public key), which would
    /// fail later, when the refresh is signed.
    static func privateKeyProblem(_ value: JSONValue) -> String? {
        guard let pem = value.string else {
            return "dpopKey is \(value.kind), not a string (botocore crashes with AttributeError when it refreshes)"
        }
        let body = pem.split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("-----BEGIN") && !$0.hasPrefix("-----END") }
            .joined()
        // Python's b64decode (validate=False) skips characters outside the alphabet.
        let base64 = body.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=") }
        guard let der = Data(base64Encoded: base64) else {
            return "dpopKey is not base64 between its PEM lines (botocore: Unable to load private key from cached token.)"
        }
        let bytes = Array(der)
        if (try? P256.Signing.PrivateKey(derRepresentation: bytes)) != nil
            || (try? P384.Signing.PrivateKey(derRepresentation: bytes)) != nil
            || (try? P521.Signing.PrivateKey(derRepresentation: bytes)) != nil {
            return nil
        }
        return "dpopKey is not an EC private key (botocore fails loading it when it refreshes)"
    }
}
