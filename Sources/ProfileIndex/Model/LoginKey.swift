import Crypto

/// Which login a profile uses, i.e. which file in `~/.aws/sso/cache` holds its token.
///
/// botocore (`botocore.utils.SSOTokenLoader._generate_cache_key`) hashes the sso-session name
/// when the profile has `sso_session`, and otherwise the `sso_start_url` string exactly as
/// written: `…/start`, `…/start/` and `…/start#/` are three different logins.
public enum LoginKey: Hashable, Sendable {
    /// A profile with `sso_session = NAME`: the key is the session's name.
    case session(String)
    /// A legacy profile (`sso_start_url` in the profile itself): the key is the URL as written.
    case startURL(String)
    /// Temporary keys of this profile with `x_security_token_expires` beside them (written by
    /// saml2aws, gimme-aws-creds and similar tools): no token file, the expiry is in the
    /// profile's section, and only the tool that wrote the keys can renew them.
    case temporaryKeys(profile: String)

    /// The string botocore hashes (an SSO login); for temporary keys, the profile's name.
    public var cacheKey: String {
        switch self {
        case .session(let name): name
        case .startURL(let url): url
        case .temporaryKeys(let profile): profile
        }
    }

    /// Equal by code points (Python's `==`): sessions `caf\u{E9}` and `cafe\u{301}` are two
    /// logins with two token files, as for botocore.
    public static func == (a: LoginKey, b: LoginKey) -> Bool {
        switch (a, b) {
        case (.session(let x), .session(let y)), (.startURL(let x), .startURL(let y)),
             (.temporaryKeys(let x), .temporaryKeys(let y)):
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
        }
        hasher.combine(ExactString(cacheKey))
    }

    /// An SSO login (`aws sso login` renews it).
    public var isSSO: Bool {
        if case .temporaryKeys = self { return false }
        return true
    }

    /// `sha1(cacheKey)` in lower-case hex plus `.json`, the token file's name.
    public var cacheFileName: String { sha1Hex(cacheKey) + ".json" }
}

/// SHA-1 of the UTF-8 bytes of `text`, in lower-case hex (40 digits).
public func sha1Hex(_ text: String) -> String {
    let hexDigits = Array("0123456789abcdef".utf8)
    var hex = [UInt8]()
    hex.reserveCapacity(40)
    for byte in Insecure.SHA1.hash(data: Array(text.utf8)) {
        hex.append(hexDigits[Int(byte >> 4)])
        hex.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: hex, as: UTF8.self)
}
