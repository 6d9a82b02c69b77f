import Crypto

/// Which login a profile uses, i.e. which file holds its token or credentials.
///
/// For SSO, botocore (`botocore.utils.SSOTokenLoader._generate_cache_key`) hashes the
/// sso-session name when the profile has `sso_session`, and otherwise the `sso_start_url` string
/// exactly as written: `…/start`, `…/start/` and `…/start#/` are three different logins. For an
/// `aws login` profile (`utils.generate_login_cache_key`) it hashes the `login_session` value.
public enum LoginKey: Hashable, Sendable {
    /// A profile with `sso_session = NAME`: the key is the session's name.
    case session(String)
    /// A legacy profile (`sso_start_url` in the profile itself): the key is the URL as written.
    case startURL(String)
    /// Temporary keys of this profile with `x_security_token_expires` beside them (written by
    /// saml2aws, gimme-aws-creds and similar tools): no token file, the expiry is in the
    /// profile's section, and only the tool that wrote the keys can renew them.
    case temporaryKeys(profile: String)
    /// A profile with `login_session = ARN` (written by `aws login`): the key is that value as
    /// written; its credentials are in `~/.aws/login/cache/sha256(value).json`.
    case loginSession(String)

    /// The string botocore hashes (an SSO login); for temporary keys, the profile's name.
    public var cacheKey: String {
        switch self {
        case .session(let name): name
        case .startURL(let url): url
        case .temporaryKeys(let profile): profile
        case .loginSession(let arn): arn
        }
    }

    /// Equal by code points (Python's `==`): sessions `caf\u{E9}` and `cafe\u{301}` are two
    /// logins with two token files, as for botocore.
    public static func == (a: LoginKey, b: LoginKey) -> Bool {
        switch (a, b) {
        case (.session(let x), .session(let y)), (.startURL(let x), .startURL(let y)),
             (.temporaryKeys(let x), .temporaryKeys(let y)), (.loginSession(let x), .loginSession(let y)):
            return x.isExactly(y)
        default:
            return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .session: hasher.combine(0)
        case .startURL: hasher.combine(1)
        case .temporaryKeys: hasher.combine(2)
        case .loginSession: hasher.combine(3)
        }
        hasher.combine(ExactString(cacheKey))
    }

    /// What renews this login when it needs one.
    public var renewal: LoginRenewal {
        switch self {
        case .session, .startURL: .awsSSOLogin
        case .loginSession: .awsLogin
        case .temporaryKeys: .toolThatWroteTheKeys
        }
    }

    /// The cache file's name: `sha1(cacheKey)` (SSO) or `sha256(cacheKey)` (`aws login`) in
    /// lower-case hex plus `.json`. Temporary keys have no cache file.
    public var cacheFileName: String {
        if case .loginSession(let arn) = self { return sha256Hex(arn) + ".json" }
        return sha1Hex(cacheKey) + ".json"
    }
}

/// What renews a login, i.e. what sw can run (or only name) when a login is needed.
public enum LoginRenewal: Sendable, Equatable {
    /// `aws sso login` (an sso-session or a legacy start URL).
    case awsSSOLogin
    /// `aws login` (AWS CLI 2.32.0 or later), for a `login_session` profile.
    case awsLogin
    /// Not the AWS CLI: temporary keys are renewed only by the tool that wrote them, which sw
    /// cannot run for the user.
    case toolThatWroteTheKeys

    /// The AWS CLI renews it, so `sw login` can run the login.
    public var isAWSCLI: Bool { self != .toolThatWroteTheKeys }
}

/// SHA-1 of the UTF-8 bytes of `text`, in lower-case hex (40 digits).
public func sha1Hex(_ text: String) -> String {
    lowerHex(Insecure.SHA1.hash(data: Array(text.utf8)))
}

/// SHA-256 of the UTF-8 bytes of `text`, in lower-case hex (64 digits), as Python's
/// `hashlib.sha256(text.encode('utf-8')).hexdigest()`.
public func sha256Hex(_ text: String) -> String {
    lowerHex(SHA256.hash(data: Array(text.utf8)))
}

private func lowerHex<Digest: Sequence<UInt8>>(_ digest: Digest) -> String {
    let hexDigits = Array("0123456789abcdef".utf8)
    var hex = [UInt8]()
    hex.reserveCapacity(64)
    for byte in digest {
        hex.append(hexDigits[Int(byte >> 4)])
        hex.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: hex, as: UTF8.self)
}
