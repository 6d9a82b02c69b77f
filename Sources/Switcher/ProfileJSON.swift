import ProfileIndex

/// The JSON object for one profile, shared by `sw list --json` and `sw show --json`. Absent values
/// are `null`; secret values are replaced by "<redacted>". Keys are written in sorted order.
extension JSONWriter {
    static let redacted = "<redacted>"

    mutating func profile(_ p: Profile, in index: Index, logins: LoginStates) {
        beginObject()
        key("account_id"); string(p.accountID)
        key("account_name"); string(p.accountName)
        key("credentials_file"); string(p.credentialsLocation?.file)
        key("credentials_line"); int(p.credentialsLocation?.line)
        key("file"); string(p.location.file)
        key("kind"); string(p.kind.rawValue)
        key("line"); int(p.location.line)
        key("locations"); stringMap(p.settings.map { ($0.key, $0.location.description) })
        key("login")
        if let status = logins.status(of: p) {
            login(status, sharedWith: logins.sharedWith(p))
        } else {
            string(nil)
        }
        key("name"); string(p.name)
        key("origin"); string(p.origin.rawValue)
        key("region"); string(p.region)
        key("role_name"); string(p.roleName)
        key("settings")
        beginObjectValue()
        for s in p.settings.sorted(by: { $0.key < $1.key }) {
            key(s.key)
            switch s.value {
            case .string(let v): string(s.isSecret ? JSONWriter.redacted : v)
            case .nested(let entries): stringMap(entries.map { ($0.key, $0.value) })
            }
        }
        endObject()
        key("source_chain")
        beginArrayValue()
        for link in index.sourceChain(of: p.name).chain.dropFirst() { string(link.name) }
        endArray()
        key("sso_region"); string(p.ssoRegion)
        key("sso_session"); string(p.ssoSession)
        key("sso_start_url"); string(p.ssoStartURL)
        endObject()
    }
}

extension JSONWriter {
    /// `{"cache_file", "expires_at", "shared_with", "state"}` for a profile's SSO login. Only the
    /// verdict: never the token, refresh token or client secret.
    mutating func login(_ status: TokenStatus, sharedWith: Int) {
        beginObjectValue()
        key("cache_file"); string(status.cacheFile)
        key("expires_at"); string(status.expiresAt.map(iso8601))
        key("shared_with"); int(sharedWith)
        key("state"); string(status.state.rawValue)
        endObject()
    }
}
