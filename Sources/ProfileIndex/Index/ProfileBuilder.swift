/// How one profile is described from its merged settings: kind, origin, account and role.
enum Builder {
    struct Entry {
        var name: String
        var location: SourceLocation
        var credentialsLocation: SourceLocation?
        var settings: [Setting]
        var commentsAbove: [String]
        var inAWSSSOCliBlock: Bool
        var inGrantedRegistry: Bool
        var afterOpenAWSSSOCliBegin = false
    }

    /// The value with the apparent inline comment cut off.
    static func beforeInlineComment(_ value: String) -> String {
        var previous: UInt8 = 0
        var cut = value.utf8.endIndex
        for i in value.utf8.indices {
            let b = value.utf8[i]
            if (b == 0x23 || b == 0x3B) && (previous == 0x20 || previous == 0x09) { cut = i; break }
            previous = b
        }
        return String(PythonText.strip(Substring(value[..<cut])))
    }

    /// ` #` or ` ;` inside a value. "…/start#/" is a legitimate start URL spelling, so only a mark
    /// after a space or tab is suspicious.
    static func looksLikeInlineComment(_ value: String) -> Bool {
        var previous: UInt8 = 0
        for b in value.utf8 {
            if (b == 0x23 || b == 0x3B) && (previous == 0x20 || previous == 0x09) { return true }
            previous = b
        }
        return false
    }

    static func describe(_ entry: Entry) -> Profile {
        let settings = entry.settings
        func get(_ key: String) -> String? { settings.first(where: { $0.key.isExactly(key) })?.value.string }
        let recognition = recognise(entry)
        var profile = Profile(name: entry.name, location: entry.location, credentialsLocation: entry.credentialsLocation,
                              settings: settings, kind: .empty, origin: recognition.origin, markersLost: recognition.markersLost)
        profile.kind = settings.isEmpty ? .empty : kind(profile.value, inCredentialsFile: profile.isInCredentialsFile)
        profile.hasLegacyLogin = hasLegacyLogin(profile.value)
        profile.region = get("region")
        profile.ssoSession = get("sso_session")
        if profile.ssoSession == nil {
            profile.ssoStartURL = get("sso_start_url")
            profile.ssoRegion = get("sso_region")
        }
        var account = get("sso_account_id") ?? get("granted_sso_account_id")
        var role = get("sso_role_name") ?? get("granted_sso_role_name")
        if let arn = get("role_arn") ?? get("credential_process").flatMap(roleARN(inCommand:)), let parsed = parseRoleARN(arn) {
            account = account ?? parsed.account
            role = role ?? parsed.role
        }
        if let arn = get("x_principal_arn"), let parsed = parseAssumedRoleARN(arn) {
            account = account ?? parsed.account
            role = role ?? parsed.role
        }
        profile.accountID = account
        profile.roleName = role
        profile.accountName = accountName(profile, recognition: recognition, inAWSSSOCliBlock: entry.inAWSSSOCliBlock, get)
        return profile
    }



    static func roleARN(inCommand command: String) -> String? {
        command.split(separator: " ").first { $0.hasPrefix("arn:") }.map(String.init)
    }

    /// `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`
    static func parseRoleARN(_ arn: String) -> (account: String, role: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/") else { return nil }
        guard let role = parts[5].split(separator: "/").last, !parts[4].isEmpty else { return nil }
        return (String(parts[4]), String(role))
    }
}
