/// SSO settings as botocore and `aws sso login` read them: the sso-session a profile names,
/// the keys it needs, sso_region against the start URL and against other profiles of one portal,
/// and start URLs spelt several ways.
extension Doctor {
    mutating func ssoConfigChecks() {
        for p in scope {
            let usesSSOProvider = p.setting("sso_role_name") != nil || p.setting("sso_account_id") != nil
            if let name = p.ssoSession {
                guard let session = index.ssoSession(named: name) else {
                    let at = p.setting("sso_session")?.location ?? p.location
                    let close = index.ssoSessions.map(\.name).min { editDistance($0, name) < editDistance($1, name) }
                    add(Problem(.ssoSessionMissing, usesSSOProvider ? .error : .warning, at: at, profile: p.name, session: name,
                                "profile \(p.name) names sso_session \(name), but there is no [sso-session \(name)] section",
                                predicts: usesSSOProvider ? "The specified sso-session does not exist: \"\(name)\"" : nil,
                                fix: remedies.edit(p, key: "sso_session", close.map { Fix([.setKey(at: at, key: "sso_session", value: $0), .prose("   (or add an [sso-session \(name)] section)")]) }
                                    ?? Fix([.addSection(file: index.config.path, header: "sso-session \(name)",
                                                        lines: ["sso_start_url = https://<your portal>.awsapps.com/start", "sso_region = <the Identity Center region>"])]))))
                    continue
                }
                var disagreement = false
                for key in ["sso_region", "sso_start_url"] {
                    guard let mine = p[key], let theirs = session.settings.first(where: { $0.key == key })?.value.string, mine != theirs else { continue }
                    disagreement = true
                    let at = p.setting(key)?.location ?? p.location
                    add(Problem(.ssoProfileSessionDisagree, usesSSOProvider ? .error : .warning, at: at, profile: p.name, session: name,
                                "profile \(p.name) sets \(key) = \(mine) but its sso-session \(name) says \(theirs); botocore refuses the profile",
                                predicts: usesSSOProvider ? "The value for \(key) is inconsistent between profile (\(mine)) and sso-session (\(theirs))." : nil,
                                fix: remedies.delete(p, key: key, Fix([.deleteKey(at: at, key: key), .prose(" (the sso-session's value applies)")]))))
                }
                if usesSSOProvider && !disagreement {
                    var merged = Set(p.settings.map(\.key))
                    for s in session.settings { merged.insert(s.key) }
                    missingKeys(p, present: merged, required: ["sso_role_name", "sso_account_id", "sso_start_url", "sso_region", "sso_session"], session: name)
                }
            } else if p.kind == .ssoLegacy && usesSSOProvider {
                missingKeys(p, present: Set(p.settings.map(\.key)), required: ["sso_role_name", "sso_account_id", "sso_start_url", "sso_region"], session: nil)
            }
        }
        // sso_region values: in sessions, and in legacy profiles.
        var regionCarriers: [(where: SourceLocation, profile: String?, session: String?, url: String?, region: String)] = []
        for s in sessionsInScope {
            if let r = s.settings.first(where: { $0.key == "sso_region" }) , let v = r.value.string {
                regionCarriers.append((r.location, nil, s.name, s.startURL, v))
            }
        }
        for p in scope where p.ssoSession == nil && p.kind == .ssoLegacy {
            if let r = p.setting("sso_region"), let v = r.value.string { regionCarriers.append((r.location, p.name, nil, p.ssoStartURL, v)) }
        }
        for c in regionCarriers {
            let whose = c.session.map { "sso-session \($0)" } ?? "profile \(c.profile ?? "")"
            if !Regions.isKnown(c.region) {
                let suggestion = Regions.suggestion(for: c.region)
                add(Problem(.ssoRegionUnknown, .error, at: c.where, profile: c.profile, session: c.session,
                            "\(whose) has sso_region = '\(c.region)', which is not an AWS region\(suggestion.map { " (did you mean \($0)?)" } ?? ""); aws sso login cannot reach Identity Center there",
                            predicts: "Could not connect to the endpoint URL: \"https://oidc.\(c.region).amazonaws.com/", stage: .login,
                            fix: remedies.setSSO("sso_region", to: suggestion, at: c.where, session: c.session.flatMap(index.ssoSession(named:)),
                                                 profile: c.profile.flatMap(index.profile(named:)))))
                continue
            }
            guard let url = c.url, let hostRegion = Regions.hostRegion(ofStartURL: url) else { continue }
            let wrong: Bool
            let want: String
            switch hostRegion {
            case .exactly(let r): wrong = r != c.region; want = r
            case .partition(let part):
                wrong = Regions.partition(of: c.region) != part
                want = part == "aws-us-gov" ? "us-gov-west-1 (or us-gov-east-1)" : part == "aws-cn" ? "cn-north-1 (or cn-northwest-1)" : "the commercial region of your Identity Center instance"
            }
            if wrong {
                add(Problem(.ssoRegionContradictsStartURL, .error, at: c.where, profile: c.profile, session: c.session,
                            "\(whose): the start URL \(url) belongs to \(want), but sso_region = \(c.region); the browser step of aws sso login fails (device flow: invalid_grant)",
                            predicts: "Invalid callback URL", stage: .login,
                            fix: remedies.setSSO("sso_region", to: want.split(separator: " ").first.map(String.init) ?? want, at: c.where,
                                                 session: c.session.flatMap(index.ssoSession(named:)), profile: c.profile.flatMap(index.profile(named:)))))
            }
        }
        // One start URL, several regions.
        var byURL: [String: [(where: SourceLocation, who: String, profile: String?, session: String?, region: String)]] = [:]
        for c in regionCarriers {
            guard let url = c.url else { continue }
            byURL[Doctor.normalized(url), default: []].append((c.where, c.session.map { "sso-session \($0)" } ?? "profile \(c.profile ?? "")", c.profile, c.session, c.region))
        }
        for (url, carriers) in byURL.sorted(by: { $0.key < $1.key }) {
            let regions = Set(carriers.map(\.region))
            guard regions.count > 1 else { continue }
            var counts: [String: Int] = [:]
            for c in carriers { counts[c.region, default: 0] += 1 }
            let majority = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            for c in carriers where c.region != majority {
                let others = carriers.filter { $0.region != c.region }.map { "\($0.who) (\($0.region), \($0.where))" }.joined(separator: ", ")
                add(Problem(.ssoRegionConflict, .error, at: c.where, profile: c.profile, session: c.session,
                            "\(c.who) uses start URL \(url) with sso_region = \(c.region), but \(others) use the same portal with \(majority); one Identity Center instance lives in one region, and the wrong one makes aws sso login fail in the browser (device flow: invalid_grant)",
                            predicts: "Invalid callback URL", stage: .login,
                            fix: remedies.setSSO("sso_region", to: majority, at: c.where, session: c.session.flatMap(index.ssoSession(named:)),
                                                 profile: c.profile.flatMap(index.profile(named:))) + Fix("   (if \(majority) is the instance's region; otherwise change the others)")))
            }
        }
        startURLSpellings()
    }

    private mutating func missingKeys(_ p: Profile, present: Set<String>, required: [String], session: String?) {
        let missing = required.filter { !present.contains($0) }
        guard !missing.isEmpty else { return }
        let list = missing.joined(separator: ", ")
        let sessionSection = session.flatMap { index.ssoSession(named: $0) }
        let fix = missing.map { key -> Fix in
            if key == "sso_start_url" || key == "sso_region", let s = sessionSection {
                return remedies.setSSO(key, to: nil, at: s.location, session: s, profile: nil, adding: true)
            }
            return remedies.edit(p, key: key, Fix([.addKey(key: key, value: "<value>", section: "profile \(p.name)", at: p.location)]))
        }
        add(Problem(.ssoKeyMissing, .error, at: p.location, profile: p.name, session: session,
                    "profile \(p.name) uses SSO but lacks \(list)",
                    predicts: "The profile \"\(p.name)\" is configured to use SSO but is missing required configuration: \(list)",
                    fix: Fix.joined(fix, separator: "; ")))
    }

    /// A start URL without its trailing `/`, `#` and `#/`, for comparing spellings.
    static func normalized(_ url: String) -> String {
        var u = Substring(url)
        while let last = u.last, last == "/" || last == "#" { u = u.dropLast() }
        return String(u)
    }

    private mutating func startURLSpellings() {
        // Legacy profiles: the URL as written is the cache key.
        var legacy: [String: [Profile]] = [:]
        for p in scope where p.ssoSession == nil && p.kind == .ssoLegacy {
            if let url = p.ssoStartURL { legacy[Doctor.normalized(url), default: []].append(p) }
        }
        for (normal, all) in legacy.sorted(by: { $0.key < $1.key }) {
            var profiles = all
            let spellings = Set(profiles.compactMap(\.ssoStartURL))
            if spellings.count > 1 {
                let listed = spellings.sorted().map { s in "'\(s)' (" + profiles.filter { $0.ssoStartURL == s }.map(\.name).joined(separator: ", ") + ")" }.joined(separator: ", ")
                add(Problem(.startURLSpellings, .warning, at: profiles[0].setting("sso_start_url")?.location, profile: profiles[0].name,
                            "the start URL of one portal is spelt \(spellings.count) ways: \(listed); each spelling is a separate token in ~/.aws/sso/cache, so logging in with one profile does not log in the others",
                            fix: Fix.joined(profiles.filter { $0.ssoStartURL != normal }.map { p in
                                remedies.edit(p, key: "sso_start_url",
                                              Fix([.setKey(at: p.setting("sso_start_url")?.location ?? p.location, key: "sso_start_url", value: normal)]))
                            }, separator: "\n")))
            }
            // Moving profiles to an sso-session is for the ones you write: a generator keeps its layout.
            profiles = all.filter { remedies.owner(of: $0) == .user }
            let session = index.ssoSessions.first { $0.startURL.map(Doctor.normalized) == normal }
            if !profiles.isEmpty && (profiles.count > 1 || session != nil) {
                let names = profiles.map(\.name).joined(separator: ", ")
                let region = profiles.compactMap(\.ssoRegion).first ?? "<region>"
                let fix: Fix
                if let session {
                    fix = "in \(names): replace sso_start_url and sso_region with sso_session = \(session.name)"
                } else {
                    let name = Doctor.sessionName(for: normal)
                    fix = "add [sso-session \(name)] with sso_start_url = \(normal) and sso_region = \(region), then in \(names) replace sso_start_url and sso_region with sso_session = \(name)"
                }
                add(Problem(.legacyCouldShareSession, .info, at: profiles[0].location, profile: profiles[0].name,
                            "legacy SSO profiles \(names) could share \(session.map { "the existing sso-session \($0.name)" } ?? "one sso-session"): one login for all, and tokens that refresh themselves",
                            fix: fix))
            }
        }
    }

    /// A session name derived from the portal host: `https://acme.awsapps.com/start` → `acme`.
    static func sessionName(for url: String) -> String {
        guard let host = Regions.host(of: url) else { return "sso" }
        return String(host.split(separator: ".").first ?? "sso")
    }
}
