import FoundationEssentials
import ProfileIndex

/// The JSON object for one profile, shared by `sw list --json` and `sw show --json`. Absent values
/// are `null`; secret values are replaced by "<redacted>". Keys are emitted sorted.
struct ProfileJSON: Encodable {
    let profile: Profile
    let sourceChain: [String]

    enum Keys: String, CodingKey {
        case name, kind, origin, account_id, account_name, role_name, region, sso_session, sso_start_url,
             sso_region, file, line, settings, locations, source_chain, credentials_file, credentials_line
    }

    static let redacted = "<redacted>"

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(profile.name, forKey: .name)
        try c.encode(profile.kind.rawValue, forKey: .kind)
        try c.encode(profile.origin.rawValue, forKey: .origin)
        try c.encode(profile.accountID, forKey: .account_id)
        try c.encode(profile.accountName, forKey: .account_name)
        try c.encode(profile.roleName, forKey: .role_name)
        try c.encode(profile.region, forKey: .region)
        try c.encode(profile.ssoSession, forKey: .sso_session)
        try c.encode(profile.ssoStartURL, forKey: .sso_start_url)
        try c.encode(profile.ssoRegion, forKey: .sso_region)
        try c.encode(profile.location.file, forKey: .file)
        try c.encode(profile.location.line, forKey: .line)
        try c.encode(profile.credentialsLocation?.file, forKey: .credentials_file)
        try c.encode(profile.credentialsLocation?.line, forKey: .credentials_line)
        var settings: [String: SettingJSON] = [:]
        var locations: [String: String] = [:]
        for s in profile.settings {
            settings[s.key] = s.isSecret ? .string(ProfileJSON.redacted) : SettingJSON(s.value)
            locations[s.key] = s.location.description
        }
        try c.encode(settings, forKey: .settings)
        try c.encode(locations, forKey: .locations)
        try c.encode(sourceChain, forKey: .source_chain)
    }
}

enum SettingJSON: Encodable {
    case string(String)
    case nested([String: String])

    init(_ value: SettingValue) {
        switch value {
        case .string(let s): self = .string(s)
        case .nested(let entries): self = .nested(Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }))
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .nested(let map): try c.encode(map)
        }
    }
}

enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

extension Index {
    func json(for profile: Profile) -> ProfileJSON {
        ProfileJSON(profile: profile, sourceChain: sourceChain(of: profile.name).chain.dropFirst().map(\.name))
    }
}
