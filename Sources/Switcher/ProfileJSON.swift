import ProfileIndex

/// The JSON object for one profile, shared by `sw list --json` and `sw show --json`. Absent values
/// are `null`; secret values are replaced by "<redacted>". Keys are written in sorted order.
///
/// `sw list --json` writes 5,000 of these, so the object is written by hand rather than through
/// `key`/`string`: keys are byte literals, "file:line" is written without building a String,
/// settings are sorted once for both "locations" and "settings", and a login object is rendered
/// once per login and copied for every profile that shares it.
extension JSONWriter {
    static let redacted = "<redacted>"

    mutating func profile(_ p: Profile, in index: Index, logins: LoginStates) {
        let depth = beginHandValue()
        raw("{")
        member("\"account_id\":", first: true, depth: depth); rawString(p.accountID)
        member("\"account_name\":", first: false, depth: depth); rawString(p.accountName)
        member("\"credentials_file\":", first: false, depth: depth); rawPath(p.credentialsLocation?.file)
        member("\"credentials_line\":", first: false, depth: depth); rawInt(p.credentialsLocation?.line)
        member("\"file\":", first: false, depth: depth); rawPath(p.location.file)
        member("\"kind\":", first: false, depth: depth); raw(JSONWriter.quoted(p.kind))
        member("\"line\":", first: false, depth: depth); rawInt(p.location.line)
        p.settings.withUnsafeBufferPointer { settings in
            withSortedOrder(settings.count, by: { settings[$0].key < settings[$1].key }) { order in
                member("\"locations\":", first: false, depth: depth)
                raw("{")
                for (n, i) in order.enumerated() {
                    separator(first: n == 0, depth: depth + 1)
                    rawKey(settings[i].key)
                    rawLocation(settings[i].location)
                }
                closeHand("}", hadItems: !order.isEmpty, depth: depth)

                member("\"login\":", first: false, depth: depth)
                login(of: p, logins, depth: depth + 1)
                member("\"name\":", first: false, depth: depth); rawString(p.name)
                member("\"origin\":", first: false, depth: depth); raw(JSONWriter.quoted(p.origin))
                member("\"region\":", first: false, depth: depth); rawString(p.region)
                member("\"role_name\":", first: false, depth: depth); rawString(p.roleName)

                member("\"settings\":", first: false, depth: depth)
                raw("{")
                for (n, i) in order.enumerated() {
                    separator(first: n == 0, depth: depth + 1)
                    let s = settings[i]
                    rawKey(s.key)
                    switch s.value {
                    case .string(let v): rawString(JSONWriter.isSecret(s.key) ? JSONWriter.redacted : v)
                    case .nested(let entries): rawStringMap(entries, depth: depth + 2)
                    }
                }
                closeHand("}", hadItems: !order.isEmpty, depth: depth)
            }
        }
        member("\"source_chain\":", first: false, depth: depth)
        raw("[")
        // Most profiles have no source_profile: their chain is the profile alone.
        var links = 0
        if p.sourceProfile != nil {
            for link in index.sourceChain(of: p.name).chain.dropFirst() {
                separator(first: links == 0, depth: depth + 1)
                rawString(link.name)
                links += 1
            }
        }
        closeHand("]", hadItems: links > 0, depth: depth)
        member("\"sso_region\":", first: false, depth: depth); rawString(p.ssoRegion)
        member("\"sso_session\":", first: false, depth: depth); rawString(p.ssoSession)
        member("\"sso_start_url\":", first: false, depth: depth); rawString(p.ssoStartURL)
        closeHand("}", hadItems: true, depth: depth - 1)
    }

    /// `"key":` (`"key": ` in pretty mode) for an object written by hand.
    @inline(__always)
    private mutating func rawKey(_ key: String) {
        rawString(key)
        raw(pretty ? ": " : ":")
    }

    /// A nested setting's `key: value` pairs, keys sorted, members at `depth`.
    private mutating func rawStringMap(_ entries: [SettingValue.NestedEntry], depth: Int) {
        raw("{")
        withSortedOrder(entries.count, by: { entries[$0].key < entries[$1].key }) { order in
            for (n, i) in order.enumerated() {
                separator(first: n == 0, depth: depth)
                rawKey(entries[i].key)
                rawString(entries[i].value)
            }
        }
        closeHand("}", hadItems: !entries.isEmpty, depth: depth - 1)
    }

    /// The login object of a profile (or null), members at `depth`. A login's object depends
    /// only on its key, so it is rendered once and copied for the other profiles that share it.
    private mutating func login(of p: Profile, _ logins: LoginStates, depth: Int) {
        guard let login = logins.index.effectiveLoginKey(of: p) else { raw("null"); return }
        let key = RenderedLogin(key: login, own: p.loginKey == login)
        if loginCacheOwner != ObjectIdentifier(logins) || loginCacheDepth != depth {
            loginCache = [:]
            lastLogin = nil
            loginCacheOwner = ObjectIdentifier(logins)
            loginCacheDepth = depth
        }
        // Neighbouring profiles mostly share a login: compare with the last one before hashing.
        if let last = lastLogin, last.key == key { rawBytes(last.bytes); return }
        if let known = loginCache[key] {
            lastLogin = (key, known)
            rawBytes(known)
            return
        }
        let start = count
        let status = logins.status(for: login)
        raw("{")
        member("\"cache_file\":", first: true, depth: depth); rawString(status.cacheFile)
        member("\"expires_at\":", first: false, depth: depth); rawString(status.expiresAt.map(iso8601))
        member("\"shared_with\":", first: false, depth: depth); rawInt(logins.sharedWith(p))
        member("\"state\":", first: false, depth: depth); rawString(status.state.rawValue)
        closeHand("}", hadItems: true, depth: depth - 1)
        let rendered = bytes(from: start)
        loginCache[key] = rendered
        lastLogin = (key, rendered)
    }

    /// The secret keys, checked by length first: each is lowercase ASCII, so the only string
    /// equal to one (even under Unicode canonical equivalence) has its exact bytes and length.
    private static let secretKeys: [String] = Array(Setting.secretKeys)
    /// Bit n set when a secret key is n bytes long (longer keys are looked up in the set).
    private static let secretLengths: UInt64 = secretKeys.reduce(0) { $0 | 1 << UInt64($1.utf8.count) }

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
        case .credentialProcess: "\"credential-process\""
        case .regionOnly: "\"region-only\""
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

/// Calls `body` with the indices `0..<count` in the stable order `areInIncreasingOrder` gives
/// (the order `sorted(by:)` would give), on the stack for the handful of settings a profile has.
func withSortedOrder<R>(_ count: Int, by areInIncreasingOrder: (Int, Int) -> Bool,
                        _ body: (UnsafeBufferPointer<Int>) -> R) -> R {
    guard count <= 32 else {
        let order = (0..<count).sorted(by: areInIncreasingOrder)
        return order.withUnsafeBufferPointer(body)
    }
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
        // Insertion sort: stable, and cheapest for short, often nearly sorted lists.
        for i in 0..<count {
            var j = i
            while j > 0 && areInIncreasingOrder(i, order[j - 1]) {
                order[j] = order[j - 1]
                j -= 1
            }
            order[j] = i
        }
        return body(UnsafeBufferPointer(order))
    }
}
