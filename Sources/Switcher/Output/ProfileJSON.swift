#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileIndex

/// The JSON object for one profile, shared by `sw list --json` and `sw show --json`. Absent values
/// are `null`; secret values are replaced by "<redacted>". Keys are written in sorted order.
///
/// One renderer for every kind of profile source: the Profiles of an Index, or the records of its
/// snapshot read in place (`sw list --json` on 5,000 profiles then makes no String or Profile).
/// The object is written by hand rather than through `key`/`string`: keys are byte literals,
/// "file:line" is written without building a String, settings come in key order (a snapshot
/// stores them so), and a login object is rendered once per login and copied for every profile
/// that shares it.
struct ProfileJSON<Source: ProfileSource> where Source.Fields.Text: JSONText {
    let source: Source
    let logins: LoginStates
    /// Rendered login objects. One depends on the login and on whether the profile has that
    /// login itself (`shared_with` then leaves it out), so there are two dictionaries: keyed by
    /// the source's own LoginID type, whose dictionary is cheaper to set up at run time than one
    /// keyed by a generic pair (0.8M instructions, 2% of `sw list --json`).
    private var ownLogins: [Source.LoginID: [UInt8]] = [:]
    private var sharedLogins: [Source.LoginID: [UInt8]] = [:]
    private var lastLogin: (id: Source.LoginID, own: Bool, bytes: [UInt8])?
    private var loginCacheDepth = 0

    init(_ source: Source, logins: LoginStates) {
        self.source = source
        self.logins = logins
    }

    mutating func write(_ p: Source.Fields, to w: inout JSONWriter) {
        let depth = w.beginHandValue()
        w.raw("{")
        w.member("\"account_id\":", first: true, depth: depth); string(p.accountID, &w)
        w.member("\"account_name\":", first: false, depth: depth); string(p.accountName, &w)
        w.member("\"credentials_file\":", first: false, depth: depth)
        if let c = p.credentialsLocation { c.file.writeJSONPath(to: &w) } else { w.raw("null") }
        w.member("\"credentials_line\":", first: false, depth: depth); w.rawInt(p.credentialsLocation?.line)
        w.member("\"file\":", first: false, depth: depth); p.location.file.writeJSONPath(to: &w)
        w.member("\"kind\":", first: false, depth: depth); w.raw(JSONWriter.quoted(p.kind))
        w.member("\"line\":", first: false, depth: depth); w.rawInt(p.location.line)
        source.withSettings(of: p) { settings, nested in
            w.member("\"locations\":", first: false, depth: depth)
            w.raw("{")
            for (n, s) in settings.enumerated() {
                w.separator(first: n == 0, depth: depth + 1)
                key(s.key, &w)
                s.location.file.writeJSONLocation(line: s.location.line, to: &w)
            }
            w.closeHand("}", hadItems: !settings.isEmpty, depth: depth)

            w.member("\"login\":", first: false, depth: depth)
            login(of: p, &w, depth: depth + 1)
            w.member("\"name\":", first: false, depth: depth); p.name.writeJSON(to: &w)
            w.member("\"origin\":", first: false, depth: depth); w.raw(JSONWriter.quoted(p.origin))
            w.member("\"origin_markers_lost\":", first: false, depth: depth); w.raw(p.markersLost ? "true" : "false")
            w.member("\"region\":", first: false, depth: depth); string(p.region, &w)
            w.member("\"role_name\":", first: false, depth: depth); string(p.roleName, &w)

            w.member("\"settings\":", first: false, depth: depth)
            w.raw("{")
            for (n, s) in settings.enumerated() {
                w.separator(first: n == 0, depth: depth + 1)
                key(s.key, &w)
                switch s.value {
                case .string(let v): if s.key.isSecretKey { w.rawString(JSONWriter.redacted) } else { v.writeJSON(to: &w) }
                case .nested(let range): stringMap(nested, range, redacted: s.key.isSecretKey, &w, depth: depth + 2)
                }
            }
            w.closeHand("}", hadItems: !settings.isEmpty, depth: depth)
        }
        w.member("\"source_chain\":", first: false, depth: depth)
        w.raw("[")
        var links = 0
        source.forEachSourceLink(of: p) { name in
            w.separator(first: links == 0, depth: depth + 1)
            name.writeJSON(to: &w)
            links += 1
        }
        w.closeHand("]", hadItems: links > 0, depth: depth)
        w.member("\"sso_region\":", first: false, depth: depth); string(p.ssoRegion, &w)
        w.member("\"sso_session\":", first: false, depth: depth); string(p.ssoSession, &w)
        w.member("\"sso_start_url\":", first: false, depth: depth); string(p.ssoStartURL, &w)
        w.closeHand("}", hadItems: true, depth: depth - 1)
    }

    @inline(__always)
    private func string(_ value: Source.Fields.Text?, _ w: inout JSONWriter) {
        if let value { value.writeJSON(to: &w) } else { w.raw("null") }
    }

    /// `"key":` (`"key": ` in pretty mode) for an object written by hand.
    @inline(__always)
    private func key(_ key: Source.Fields.Text, _ w: inout JSONWriter) {
        key.writeJSON(to: &w)
        w.raw(w.pretty ? ": " : ":")
    }

    /// A nested setting's `key: value` pairs, keys sorted, members at `depth`; the values of a
    /// secret key's entries, and of secret keys under any key, are `<redacted>` too.
    private func stringMap(_ entries: Source.NestedList, _ range: Range<Int>, redacted: Bool, _ w: inout JSONWriter, depth: Int) {
        w.raw("{")
        let base = range.lowerBound
        withSortedOrder(range.count, by: { entries[base + $0].key.sortsBefore(entries[base + $1].key) }) { order in
            for (n, i) in order.enumerated() {
                let entry = entries[base + i]
                w.separator(first: n == 0, depth: depth)
                key(entry.key, &w)
                if redacted || entry.key.isSecretKey { w.rawString(JSONWriter.redacted) } else { entry.value.writeJSON(to: &w) }
            }
        }
        w.closeHand("}", hadItems: !range.isEmpty, depth: depth - 1)
    }

    /// The login object of a profile (or null), members at `depth`. A login's object depends
    /// only on its key, so it is rendered once and copied for the other profiles that share it.
    private mutating func login(of p: Source.Fields, _ w: inout JSONWriter, depth: Int) {
        guard let (id, own) = source.effectiveLogin(of: p) else { w.raw("null"); return }
        if loginCacheDepth != depth {
            ownLogins = [:]
            sharedLogins = [:]
            lastLogin = nil
            loginCacheDepth = depth
        }
        // Neighbouring profiles mostly share a login: compare with the last one before hashing.
        if let last = lastLogin, last.own == own, last.id == id { w.rawBytes(last.bytes); return }
        if let known = own ? ownLogins[id] : sharedLogins[id] {
            lastLogin = (id, own, known)
            w.rawBytes(known)
            return
        }
        let start = w.count
        let login = source.loginKey(id)
        let status = logins.status(for: login)
        w.raw("{")
        w.member("\"cache_file\":", first: true, depth: depth); w.rawString(status.cacheFile)
        w.member("\"expires_at\":", first: false, depth: depth); w.rawString(status.expiresAt.map(iso8601))
        w.member("\"shared_with\":", first: false, depth: depth); w.rawInt(logins.sharedWith(login, own: own))
        w.member("\"state\":", first: false, depth: depth); w.rawString(status.state.rawValue)
        w.closeHand("}", hadItems: true, depth: depth - 1)
        let rendered = w.bytes(from: start)
        if own { ownLogins[id] = rendered } else { sharedLogins[id] = rendered }
        lastLogin = (id, own, rendered)
    }
}

/// Text the profile renderer writes: a Profile's Strings, or a snapshot's bytes read in place.
protocol JSONText {
    /// Code point order, as Python sorts keys (Swift's `<` on String is canonical order).
    func sortsBefore(_ other: Self) -> Bool
    /// The text as a JSON string.
    func writeJSON(to w: inout JSONWriter)
    /// A file path as a JSON string (a list repeats one or two paths thousands of times).
    func writeJSONPath(to w: inout JSONWriter)
    /// `"path:line"`, as `SourceLocation.description` would be quoted.
    func writeJSONLocation(line: Int, to w: inout JSONWriter)
    /// A key whose value is never shown (Setting.secretKeys).
    var isSecretKey: Bool { get }
}

extension String: JSONText {
    func sortsBefore(_ other: String) -> Bool { precedesExactly(other) }
    func writeJSON(to w: inout JSONWriter) { w.rawString(self) }
    func writeJSONPath(to w: inout JSONWriter) { w.rawPath(self) }
    func writeJSONLocation(line: Int, to w: inout JSONWriter) { w.rawLocation(SourceLocation(file: self, line: line)) }
    var isSecretKey: Bool { JSONWriter.isSecret(self) }
}

extension SnapshotText: JSONText {
    func sortsBefore(_ other: SnapshotText) -> Bool { self < other }
    @inline(__always)
    func writeJSON(to w: inout JSONWriter) { w.rawText(utf8, plain: isPlain) }
    func writeJSONPath(to w: inout JSONWriter) { w.rawPath(utf8) }
    func writeJSONLocation(line: Int, to w: inout JSONWriter) { w.rawLocation(utf8, line: line) }
    var isSecretKey: Bool { JSONWriter.isSecret(utf8) }
}

extension JSONWriter {
    static let redacted = "<redacted>"

    /// One profile's object, as `sw show --json` writes it.
    mutating func profile(_ p: Profile, in index: Index, logins: LoginStates) {
        var renderer = ProfileJSON(index, logins: logins)
        renderer.write(p, to: &self)
    }

    /// The secret keys, checked by length first: each is lowercase ASCII, so the only string
    /// equal to one (even under Unicode canonical equivalence) has its exact bytes and length.
    private static let secretKeys: [String] = Array(Setting.secretKeys)
    private static let secretKeyBytes: [[UInt8]] = secretKeys.map { Array($0.utf8) }
    /// Bit n set when a secret key is n bytes long (longer keys are looked up in the set).
    private static let secretLengths: UInt64 = secretKeys.reduce(0) { $0 | 1 << UInt64($1.utf8.count) }

    /// The same for a key's UTF-8 bytes: the secret keys are ASCII, so only their exact bytes equal them.
    static func isSecret(_ utf8: UnsafeRawBufferPointer) -> Bool {
        let n = utf8.count
        guard n < 64, secretLengths & (1 << UInt64(n)) != 0 else { return false }
        return secretKeyBytes.contains { key in key.count == n && key.withUnsafeBytes { memcmp($0.baseAddress!, utf8.baseAddress!, n) == 0 } }
    }

    /// `Setting.isSecret` without hashing the key.
    static func isSecret(_ key: String) -> Bool {
        let n = key.utf8.count
        if n >= 64 { return Setting.secretKeys.contains(key) }
        guard secretLengths & (1 << UInt64(n)) != 0 else { return false }
        for secret in secretKeys where secret.utf8.count == n && secret == key { return true }
        return false
    }

    static func quoted(_ kind: ProfileKind) -> StaticString {
        switch kind {
        case .assumeRole: "\"assume-role\""
        case .webIdentity: "\"web-identity\""
        case .ssoSession: "\"sso-session\""
        case .ssoLegacy: "\"sso-legacy\""
        case .staticKeys: "\"static-keys\""
        case .loginSession: "\"login-session\""
        case .credentialProcess: "\"credential-process\""
        case .noCredentials: "\"no-credentials\""
        case .invalid: "\"invalid\""
        case .empty: "\"empty\""
        }
    }

    static func quoted(_ origin: Origin) -> StaticString {
        switch origin {
        case .teleportIdentityCenter: "\"teleport-awsic\""
        case .teleportRolesAnywhere: "\"teleport-apps\""
        case .granted: "\"granted\""
        case .awsSSOCli: "\"aws-sso-cli\""
        case .awsSSOUtil: "\"aws-sso-util\""
        case .leapp: "\"leapp\""
        case .saml2aws: "\"saml2aws\""
        case .handWritten: "\"hand-written\""
        }
    }
}
