import ArgumentParser
import ShellHooks

/// How `sw export` prints credentials.
enum CredentialFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Shell code for `eval` (bash, zsh) or `source` (fish), quoted for that shell.
    case env
    /// The `credential_process` JSON, as `aws configure export-credentials --format process` prints it.
    case json
    /// `KEY=VALUE` lines for `docker run --env-file`.
    case dotenv

    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ExportedCredentials {
    /// Other credential variables a shell may hold that would be wrong beside these credentials:
    /// a session token or expiry left from earlier credentials (long-term keys with an old
    /// session token are rejected by AWS), the token's older name, which some SDKs still read,
    /// and the expiry granted and aws-vault write.
    var staleVariables: [String] {
        var names: [String] = []
        if sessionToken == nil { names.append(Self.sessionTokenVariable) }
        names.append("AWS_SECURITY_TOKEN")
        if expiration == nil { names.append(Self.expirationVariable) }
        names.append("AWS_SESSION_EXPIRATION")
        return names
    }

    /// `--format env`: removes the stale variables, then sets these credentials. The removals
    /// come first, so the code's last statement is an assignment and its status is 0 in fish,
    /// whose `set -e` fails on a variable that is not set.
    var environmentChange: EnvironmentChange {
        var change = EnvironmentChange()
        for name in staleVariables { change.unset(name) }
        for (name, value) in variables { change.set(name, value) }
        return change
    }

    /// `--format json`: the members in the AWS CLI's order (Version, AccessKeyId,
    /// SecretAccessKey, then SessionToken and Expiration when present).
    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("Version"); writer.int(1)
        writer.key("AccessKeyId"); writer.string(accessKeyID)
        writer.key("SecretAccessKey"); writer.string(secretAccessKey)
        if let sessionToken { writer.key("SessionToken"); writer.string(sessionToken) }
        if let expiration { writer.key("Expiration"); writer.string(expiration) }
        writer.endObject()
    }

    /// `--format dotenv`: `NAME=value` lines for `docker run --env-file`, or the name of the
    /// first variable whose value docker would not read back unchanged, with why.
    func dotenv() -> Result<String, DotenvRefusal> {
        var out = ""
        for (name, value) in variables {
            if let why = DotenvRefusal.reason(value, name: name) { return .failure(DotenvRefusal(variable: name, why: why)) }
            out += "\(name)=\(value)\n"
        }
        return .success(out)
    }
}

/// A value docker's env-file reader (docker/cli pkg/kvfile) would change or reject. It reads the
/// file line by line with Go's bufio.Scanner (a line ends at `\n`, one `\r` before it is dropped,
/// a line of 64 KiB or more is an error), takes everything after the first `=` as the value
/// unquoted and untrimmed, but removes one pair of matching `'` or `"` around it (docker 28 on).
/// There is no escape, so such a value cannot be written at all.
struct DotenvRefusal: Error, Equatable {
    let variable: String
    let why: String

    /// bufio.MaxScanTokenSize: the longest line, its newline included.
    static let maximumLine = 64 * 1024

    static func reason(_ value: String, name: String) -> String? {
        let bytes = Array(value.utf8)
        if bytes.contains(UInt8(ascii: "\n")) { return "contains a newline, which ends a line of the file" }
        if bytes.contains(0) { return "contains a NUL character" }
        if bytes.last == UInt8(ascii: "\r") { return "ends with a carriage return, which docker drops" }
        if bytes.count >= 2, let first = bytes.first, first == bytes.last,
           first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
            return "starts and ends with a quote, which docker removes"
        }
        if name.utf8.count + 1 + bytes.count + 1 > maximumLine { return "makes a line longer than docker reads (64 KiB)" }
        return nil
    }
}
