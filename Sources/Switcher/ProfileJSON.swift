import ProfileIndex

/// The JSON object for one profile, shared by `sw list --json` and `sw show --json`. Absent values
/// are `null`; secret values are replaced by "<redacted>". Keys are written in sorted order.
extension JSONWriter {
    static let redacted = "<redacted>"

    mutating func profile(_ p: Profile, in index: Index) {
        beginObject()
        key("account_id"); string(p.accountID)
        key("account_name"); string(p.accountName)
        key("credentials_file"); string(p.credentialsLocation?.file)
        key("credentials_line"); int(p.credentialsLocation?.line)
        key("file"); string(p.location.file)
        key("kind"); string(p.kind.rawValue)
        key("line"); int(p.location.line)
        key("locations"); stringMap(p.settings.map { ($0.key, $0.location.description) })
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
