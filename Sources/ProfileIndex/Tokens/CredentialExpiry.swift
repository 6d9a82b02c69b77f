import FoundationEssentials

/// When exported credentials expire, from the text a tool put in `AWS_CREDENTIAL_EXPIRATION`
/// (the AWS CLI writes botocore's `isoformat()`, `2099-01-01T00:00:00+00:00`; granted and
/// aws-vault write RFC 3339). Read by the same strict rules as a token's `expiresAt`.
public enum CredentialExpiry {
    /// The moment, or nil when the text is not a date and time with a zone.
    public static func date(_ text: String) -> Date? {
        if case .success(let date) = ExpiryDate.parse(text) { return date }
        return nil
    }
}
