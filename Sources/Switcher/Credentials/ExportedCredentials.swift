import FoundationEssentials
import ProfileIndex

/// The credentials `aws configure export-credentials --format process` resolved for a profile.
///
/// Every part is treated as a secret: only the formats a user asked for (`sw export`, the shell
/// code of `sw use --export`, the environment of `sw exec --export`) carry them. Printing the
/// value itself, interpolating it into a message or dumping it shows no part of it.
struct ExportedCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let accessKeyID: String
    let secretAccessKey: String
    /// Absent for long-term keys (an IAM user's).
    let sessionToken: String?
    /// Exactly as the CLI printed it (botocore's `isoformat()`: `2099-01-01T00:00:00+00:00`);
    /// absent for credentials that do not expire.
    let expiration: String?

    static let accessKeyVariable = "AWS_ACCESS_KEY_ID"
    static let secretKeyVariable = "AWS_SECRET_ACCESS_KEY"
    static let sessionTokenVariable = "AWS_SESSION_TOKEN"
    static let expirationVariable = "AWS_CREDENTIAL_EXPIRATION"

    init(accessKeyID: String, secretAccessKey: String, sessionToken: String?, expiration: String?) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// The environment variables that carry these credentials, in the order the AWS CLI's own
    /// `--format env` prints them: the keys, then the session token and the expiry when present.
    var variables: [(name: String, value: String)] {
        var result = [(Self.accessKeyVariable, accessKeyID), (Self.secretKeyVariable, secretAccessKey)]
        if let sessionToken { result.append((Self.sessionTokenVariable, sessionToken)) }
        if let expiration { result.append((Self.expirationVariable, expiration)) }
        return result.map { (name: $0.0, value: $0.1) }
    }

    /// When they expire, if the CLI said and sw can read it.
    var expiresAt: Date? { expiration.flatMap(CredentialExpiry.date) }

    var description: String { "ExportedCredentials(<redacted>)" }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension ExportedCredentials {
    /// Why the CLI's stdout is not credentials. The text names the member, never a value.
    struct Unreadable: Error, Equatable {
        let reason: String
    }

    /// The shape `--format process` prints (awscli/customizations/configure/exportcreds.py):
    /// `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": …}`,
    /// the last two only when botocore has them. This is also the `credential_process` schema,
    /// whose only version is 1.
    private struct ProcessJSON: Decodable {
        let Version: Int?
        let AccessKeyId: String?
        let SecretAccessKey: String?
        let SessionToken: String?
        let Expiration: String?
    }

    /// Reads `aws configure export-credentials --format process`'s stdout.
    init(processOutput text: String) throws(Unreadable) {
        let decoded: ProcessJSON
        do {
            decoded = try JSONDecoder().decode(ProcessJSON.self, from: Data(text.utf8))
        } catch {
            // The decoder's own message may quote the text; it holds credentials.
            throw Unreadable(reason: "it is not a JSON object of strings and a version number")
        }
        guard decoded.Version == 1 else {
            throw Unreadable(reason: decoded.Version == nil ? "it has no Version" : "its Version is \(decoded.Version!), not 1")
        }
        guard let key = decoded.AccessKeyId, !key.isEmpty else { throw Unreadable(reason: "it has no AccessKeyId") }
        guard let secret = decoded.SecretAccessKey, !secret.isEmpty else { throw Unreadable(reason: "it has no SecretAccessKey") }
        let token = decoded.SessionToken.flatMap { $0.isEmpty ? nil : $0 }
        let expiration = decoded.Expiration.flatMap { $0.isEmpty ? nil : $0 }
        for (name, value) in [("AccessKeyId", key), ("SecretAccessKey", secret), ("SessionToken", token ?? ""),
                              ("Expiration", expiration ?? "")] where value.utf8.contains(0) {
            // No environment variable can hold a NUL byte.
            throw Unreadable(reason: "its \(name) contains a NUL character")
        }
        self.init(accessKeyID: key, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }
}
