/// Profiles and sessions assembled from the sections a HeaderScan found, as botocore merges
/// them: credentials over config, each file's [DEFAULT] under its own sections.
extension HeaderScan {
    /// Section options with `[DEFAULT]` keys added where the section lacks them (configparser).
    static func settings(of section: INISection, defaults: [INIOption], file: String) -> [Setting] {
        var result = section.options.map { Setting(key: $0.key, value: $0.value, location: SourceLocation(file: file, line: $0.line)) }
        for d in defaults where !section.options.contains(where: { $0.key.isExactly(d.key) }) {
            result.append(Setting(key: d.key, value: d.value, location: SourceLocation(file: file, line: d.line)))
        }
        return result
    }

    func entry(_ name: String) -> Builder.Entry? {
        guard let ref = profiles[ExactString(name)] else { return nil }
        var entry: Builder.Entry
        if let c = ref.config {
            let section = config.sections[c]
            entry = Builder.Entry(name: name, location: SourceLocation(file: configPath, line: section.line), credentialsLocation: nil,
                                  settings: HeaderScan.settings(of: section, defaults: config.defaults, file: configPath),
                                  commentsAbove: section.commentsAbove.map { config.text(of: config.comments[$0]) },
                                  inAWSSSOCliBlock: inAWSSSOCliBlock[c], inGrantedRegistry: inGrantedRegistry[c],
                                  afterOpenAWSSSOCliBegin: openAWSSSOCliBegin.map { section.line > $0 } ?? false)
        } else {
            let section = credentials.sections[ref.credentials!]
            let location = SourceLocation(file: credentialsPath, line: section.line)
            entry = Builder.Entry(name: name, location: location, credentialsLocation: location, settings: [],
                                  commentsAbove: section.commentsAbove.map { credentials.text(of: credentials.comments[$0]) },
                                  inAWSSSOCliBlock: false, inGrantedRegistry: false)
        }
        if let k = ref.credentials {
            let section = credentials.sections[k]
            let creds = HeaderScan.settings(of: section, defaults: credentials.defaults, file: credentialsPath)
            for s in creds {
                if let i = entry.settings.firstIndex(where: { $0.key.isExactly(s.key) }) { entry.settings[i] = s } else { entry.settings.append(s) }
            }
            entry.credentialsLocation = SourceLocation(file: credentialsPath, line: section.line)
        }
        return entry
    }

    func sessionEntry(_ name: String) -> Builder.Entry? {
        guard let c = sessions[ExactString(name)] else { return nil }
        let section = config.sections[c]
        return Builder.Entry(name: name, location: SourceLocation(file: configPath, line: section.line), credentialsLocation: nil,
                             settings: HeaderScan.settings(of: section, defaults: config.defaults, file: configPath),
                             commentsAbove: section.commentsAbove.map { config.text(of: config.comments[$0]) },
                             inAWSSSOCliBlock: inAWSSSOCliBlock[c], inGrantedRegistry: inGrantedRegistry[c])
    }

    /// A profile with its SSO start URL and region taken from its sso-session section.
    func profile(named name: String) -> Profile? {
        guard let entry = entry(name) else { return nil }
        var profile = Builder.describe(entry)
        if let session = profile.ssoSession, let c = sessions[ExactString(session)] {
            let section = config.sections[c]
            func get(_ key: String) -> String? {
                (section.options.first { $0.key.isExactly(key) } ?? config.defaults.first { $0.key.isExactly(key) })?.value.string
            }
            profile.ssoStartURL = get("sso_start_url")
            profile.ssoRegion = get("sso_region")
        }
        return profile
    }

    /// A raw key of a profile as botocore merges it (credentials over config, each file's
    /// [DEFAULT] under its own section), without building the profile.
    func rawValue(_ key: String, of ref: Ref) -> SettingValue? {
        func look(_ doc: INIDocument, _ index: Int?) -> SettingValue? {
            guard let index else { return nil }
            if let o = doc.sections[index].options.first(where: { $0.key.isExactly(key) }) { return o.value }
            if let d = doc.defaults.first(where: { $0.key.isExactly(key) }) { return d.value }
            return nil
        }
        if let v = look(credentials, ref.credentials) { return v }
        if let v = look(config, ref.config) { return v }
        return nil
    }

    func loginKey(of name: String) -> LoginKey? {
        guard let ref = profiles[ExactString(name)] else { return nil }
        let get = { (key: String) in self.rawValue(key, of: ref) }
        let inCredentialsFile = { (key: String) in
            ref.credentials.map { c in self.credentials.sections[c].options.contains { $0.key.isExactly(key) } || self.credentials.defaults.contains { $0.key.isExactly(key) } } ?? false
        }
        if let session = get("login_session")?.string, Builder.kind(get, inCredentialsFile: inCredentialsFile) == .loginSession {
            return .loginSession(session)
        }
        if let session = get("sso_session")?.string { return .session(session) }
        if get(TemporaryKeys.expiryKey) != nil, Builder.kind(get, inCredentialsFile: inCredentialsFile) == .staticKeys {
            return .temporaryKeys(profile: name)
        }
        if Builder.hasLegacyLogin(get), let url = get("sso_start_url")?.string { return .startURL(url) }
        return nil
    }

    func buildAll(names: [String]) -> IndexStore.All {
        var problems = self.problems
        var sessionProfiles: [ExactString: [String]] = [:]
        var result: [Profile] = []
        result.reserveCapacity(names.count)
        for name in names {
            guard let profile = profile(named: name) else { continue }
            if let session = profile.ssoSession { sessionProfiles[ExactString(session), default: []].append(profile.name) }
            for setting in profile.settings {
                if case .string(let v) = setting.value, Builder.looksLikeInlineComment(v) {
                    problems.append(Problem(.inlineComment, .warning, at: setting.location, profile: profile.name,
                                            "the value of \(setting.key) is '\(setting.isSecret ? "<redacted>" : v)': botocore has no inline comments, so the '#'/';' part is part of the value; move the comment to its own line",
                                            fix: setting.isSecret ? "\(setting.location): move the comment to its own line" : "\(setting.location): \(setting.key) = \(Builder.beforeInlineComment(v))"))
                }
            }
            result.append(profile)
        }
        let sessionList: [SSOSession] = sessions.keys.sorted().map(\.string).compactMap { name in
            guard let entry = sessionEntry(name) else { return nil }
            let recognition = Builder.recogniseSession(entry)
            return SSOSession(name: name, location: entry.location, settings: entry.settings, origin: recognition.origin,
                              markersLost: recognition.markersLost, profiles: sessionProfiles[ExactString(name)] ?? [])
        }
        problems.sort { a, b in
            (a.severity, a.location?.file ?? "", a.location?.line ?? 0) < (b.severity, b.location?.file ?? "", b.location?.line ?? 0)
        }
        return IndexStore.All(profiles: result, sessions: sessionList, problems: problems)
    }
}
