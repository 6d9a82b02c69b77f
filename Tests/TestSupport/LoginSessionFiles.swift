import Foundation

/// Test material for `aws login` cache files: a throw-away P-256 key (made for these tests, it
/// signs nothing anywhere) and a cache file body shaped like the one `aws login` writes.
public enum LoginSessionFixture {
    public static let session = "arn:aws:iam::111122223333:user/dev"
    /// `sha256(session).json`, as Python's hashlib computes it.
    public static let sessionFileName = "11fc4cc919a5a20db9df757c8a1b149bd4c42115ef36c7152c0d33f1e05a9027.json"

    /// SEC1 (`EC PRIVATE KEY`), as `aws login` writes `dpopKey`.
    public static let sec1Key = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIHX9xL/dXLG51xckFj6FMqrKOfZQin0cyo/uvNRp+jc+oAoGCCqGSM49
        AwEHoUQDQgAE7t/X+psiFpEzftJVsZhs6UUTk9/xCRqTHXlW4CprBnh2FlkWLb6s
        KAxWkAMXRwSdxnRwcR0EfyfOycrLvsBeWA==
        -----END EC PRIVATE KEY-----

        """
    /// The same key as PKCS#8 (`PRIVATE KEY`).
    public static let pkcs8Key = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgdf3Ev91csbnXFyQW
        PoUyqso59lCKfRzKj+681Gn6Nz6hRANCAATu39f6myIWkTN+0lWxmGzpRROT3/EJ
        GpMdeVbgKmsGeHYWWRYtvqwoDFaQAxdHBJ3GdHBxHQR/J87Jysu+wF5Y
        -----END PRIVATE KEY-----

        """

    /// Values that must never appear in sw's output.
    public static let secrets = ["ASIACACHEDKEY", "cached-secret-key", "cached-session-token", "refresh-R1", "id-token-I1",
                          "MHcCAQEEIHX9xL", "client-C1"]

    /// `expiresAt` as `aws login` writes it.
    public static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return formatter.string(from: date)
    }

    /// A cache file's fields; `expiresAt` is `expires` when given, else the date.
    public static func body(expiring date: Date, expires: Any? = nil, dpopKey: Any = sec1Key) -> [String: Any] {
        [
            "accessToken": [
                "accessKeyId": "ASIACACHEDKEY", "secretAccessKey": "cached-secret-key",
                "sessionToken": "cached-session-token", "accountId": "111122223333",
                "expiresAt": expires ?? stamp(date),
            ] as [String: Any],
            "tokenType": "aws_sigv4", "clientId": "client-C1", "refreshToken": "refresh-R1",
            "idToken": "id-token-I1", "dpopKey": dpopKey,
        ]
    }

    public static func json(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    }

    /// A cache file's text whose `expiresAt` is `expiresAt` exactly.
    public static func text(expiresAt: String) -> String {
        String(decoding: try! json(body(expiring: Date(), expires: expiresAt)), as: UTF8.self)
    }
}
