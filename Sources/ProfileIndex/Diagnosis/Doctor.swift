import FoundationEssentials

/// The rules of `sw doctor`: index + facts in, findings out. No printing, no processes.
///
/// Every `predicts` text is botocore 1.43's own message (aws-facts §5) with the names filled in;
/// DoctorPredictionTests runs botocore against each fixture to hold that true.
public struct Doctor {
    public let index: Index
    public let facts: DoctorFacts
    /// `sw doctor NAME`: only what this profile depends on.
    public let focus: String?

    var findings: [Problem] = []
    /// Profiles (and their sessions and logins) the checks look at.
    let scope: [Profile]
    /// Profiles in use right now (`focus`, or `AWS_PROFILE`/`AWS_DEFAULT_PROFILE`) and their
    /// source chains: a login or region they lack is an error; elsewhere a warning.
    let active: Set<String>
    private let sessionsInScope: [SSOSession]
    /// Writes every fix that touches a section, as its owner will keep it.
    let remedies: Remedies

    public static func diagnose(_ index: Index, facts: DoctorFacts, profile: String? = nil) -> [Problem] {
        var doctor = Doctor(index: index, facts: facts, focus: profile)
        doctor.run()
        return doctor.findings.sorted(by: Doctor.order)
    }

    /// Most severe first, then by id, then by place.
    public static func order(_ a: Problem, _ b: Problem) -> Bool {
        let x = (a.severity, a.code.rawValue, a.profile ?? "", a.session ?? "", a.location?.file ?? "", a.location?.line ?? 0)
        let y = (b.severity, b.code.rawValue, b.profile ?? "", b.session ?? "", b.location?.file ?? "", b.location?.line ?? 0)
        return x == y ? a.message < b.message : x < y
    }

    init(index: Index, facts: DoctorFacts, focus: String?) {
        self.index = index
        self.facts = facts
        self.focus = focus
        remedies = Remedies(index: index, swConfigPath: facts.swConfig.path)
        var active: Set<String> = []
        let env = facts.environment
        let current = [focus, env["AWS_PROFILE"], env["AWS_DEFAULT_PROFILE"]].compactMap { $0 }.filter { !$0.isEmpty }
        for name in focus.map({ [$0] }) ?? current {
            for p in Doctor.botocoreChain(of: name, in: index).profiles { active.insert(p.name) }
        }
        self.active = active
        if let focus {
            scope = Doctor.botocoreChain(of: focus, in: index).profiles
            let names = Set(scope.compactMap(\.ssoSession))
            sessionsInScope = index.ssoSessions.filter { names.contains($0.name) }
        } else {
            scope = index.profiles
            sessionsInScope = index.ssoSessions
        }
    }

    mutating func add(_ p: Problem) { findings.append(p) }

    func severity(forProfile name: String) -> Problem.Severity {
        active.contains(name) ? .error : .warning
    }

    mutating func run() {
        fileChecks()
        ssoConfigChecks()
        tokenChecks()
        temporaryKeyChecks()
        environmentChecks()
        profileChecks()
        toolChecks()
        generatorChecks()
        findings += MarkersLost.findings(profiles: scope, sessions: sessionsInScope, index: index)
    }

    // MARK: Files

    private mutating func fileChecks() {
        let inScope = Set(scope.map(\.name))
        let sessions = Set(sessionsInScope.map(\.name))
        let refused = Set([index.config, index.credentials].filter(\.isRefusedByBotocore).map(\.path))
        for var problem in index.problems {
            // The index's fix for a value (an inline comment) goes to the section's owner too.
            if problem.code == .inlineComment, let name = problem.profile, let p = index.profile(named: name),
               let s = p.settings.first(where: { $0.location == problem.location }), let fix = problem.fix {
                problem.fix = remedies.edit(p, key: s.key, fix)
            }
            // In a file botocore refuses, nothing else matters until that is fixed.
            if problem.code != .fileUnparseable, let file = problem.location?.file, refused.contains(file) { continue }
            switch problem.code {
            case .fileUnparseable, .fileUnusable, .defaultsSection:
                add(problem)
            default:
                if focus == nil { add(problem); continue }
                if let p = problem.profile, inScope.contains(p) { add(problem); continue }
                if let s = problem.session, sessions.contains(s) { add(problem) }
            }
        }
        if let mode = facts.credentialsFileMode, mode & 0o077 != 0, index.credentials.state != .missing {
            let path = index.credentials.path
            add(Problem(.credentialsFileExposed, .warning, at: SourceLocation(file: path, line: 0),
                        "\(path) holds secret keys but its permissions are \(octal(mode)): other users on this machine can \(mode & 0o044 != 0 ? "read" : "change") it",
                        fix: "chmod 600 \(shellQuote(path))"))
        }
    }

    // MARK: SSO configuration

    private mutating func ssoConfigChecks() {
        for p in scope {
            let usesSSOProvider = p.setting("sso_role_name") != nil || p.setting("sso_account_id") != nil
            if let name = p.ssoSession {
                guard let session = index.ssoSession(named: name) else {
                    let at = p.setting("sso_session")?.location ?? p.location
                    let close = index.ssoSessions.map(\.name).min { editDistance($0, name) < editDistance($1, name) }
                    add(Problem(.ssoSessionMissing, usesSSOProvider ? .error : .warning, at: at, profile: p.name, session: name,
                                "profile \(p.name) names sso_session \(name), but there is no [sso-session \(name)] section",
                                predicts: usesSSOProvider ? "The specified sso-session does not exist: \"\(name)\"" : nil,
                                fix: remedies.edit(p, key: "sso_session", close.map { "\(at): sso_session = \($0)   (or add an [sso-session \(name)] section)" }
                                    ?? "add to \(index.config.path):\n[sso-session \(name)]\nsso_start_url = https://<your portal>.awsapps.com/start\nsso_region = <the Identity Center region>")))
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
                                fix: remedies.delete(p, key: key, "\(at): delete the \(key) line (the sso-session's value applies)")))
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
                                                 profile: c.profile.flatMap(index.profile(named:))) + "   (if \(majority) is the instance's region; otherwise change the others)"))
            }
        }
        startURLSpellings()
    }

    private mutating func missingKeys(_ p: Profile, present: Set<String>, required: [String], session: String?) {
        let missing = required.filter { !present.contains($0) }
        guard !missing.isEmpty else { return }
        let list = missing.joined(separator: ", ")
        let sessionSection = session.flatMap { index.ssoSession(named: $0) }
        let fix = missing.map { key -> String in
            if key == "sso_start_url" || key == "sso_region", let s = sessionSection {
                return remedies.setSSO(key, to: nil, at: s.location, session: s, profile: nil, adding: true)
            }
            return remedies.edit(p, key: key, "add \(key) = <value> to [profile \(p.name)] (\(p.location))")
        }.joined(separator: "; ")
        add(Problem(.ssoKeyMissing, .error, at: p.location, profile: p.name, session: session,
                    "profile \(p.name) uses SSO but lacks \(list)",
                    predicts: "The profile \"\(p.name)\" is configured to use SSO but is missing required configuration: \(list)",
                    fix: fix))
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
                            fix: profiles.filter { $0.ssoStartURL != normal }.map { p in
                                remedies.edit(p, key: "sso_start_url", "\(p.setting("sso_start_url")?.location ?? p.location): sso_start_url = \(normal)")
                            }.joined(separator: "\n")))
            }
            // Moving profiles to an sso-session is for the ones you write: a generator keeps its layout.
            profiles = all.filter { remedies.owner(of: $0) == .user }
            let session = index.ssoSessions.first { $0.startURL.map(Doctor.normalized) == normal }
            if !profiles.isEmpty && (profiles.count > 1 || session != nil) {
                let names = profiles.map(\.name).joined(separator: ", ")
                let region = profiles.compactMap(\.ssoRegion).first ?? "<region>"
                let fix: String
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

    // MARK: Temporary keys

    /// Keys with `x_security_token_expires` (saml2aws, gimme-aws-creds, …): expired ones are
    /// still sent, and AWS rejects them. An error for a profile in use, else a warning.
    private mutating func temporaryKeyChecks() {
        for p in scope {
            guard case .temporaryKeys(let name)? = p.loginKey else { continue }
            let status = TemporaryKeys.status(of: p, now: facts.now)
            let at = p.setting(TemporaryKeys.expiryKey)?.location ?? p.location
            switch status.state {
            case .expired:
                add(Problem(.temporaryKeysExpired, severity(forProfile: name), at: at, profile: name,
                            "profile \(name)'s temporary keys expired at \(Doctor.stamp(status.expiresAt)) (\(TemporaryKeys.expiryKey)); botocore still sends them and AWS rejects them as expired (ExpiredToken)",
                            fix: TemporaryKeys.renewal(profile: name)))
            case .invalid:
                add(Problem(.temporaryKeysExpiryUnreadable, .warning, at: at, profile: name,
                            "when profile \(name)'s temporary keys expire is unknown: \(status.problem ?? "")",
                            fix: TemporaryKeys.renewal(profile: name)))
            default:
                break
            }
        }
    }

    // MARK: Token cache

    private mutating func tokenChecks() {
        var seen: Set<LoginKey> = []
        for p in scope {
            guard let key = p.loginKey, seen.insert(key).inserted else { continue }
            // Only logins botocore would load: an SSO provider profile whose config is complete.
            guard p.setting("sso_role_name") != nil || p.setting("sso_account_id") != nil else { continue }
            if case .session(let name) = key, index.ssoSession(named: name) == nil { continue }
            guard p.ssoStartURL != nil, p.ssoRegion != nil else { continue }
            if p.ssoSession != nil, (p["sso_region"].map { $0 != p.ssoRegion } ?? false) || (p["sso_start_url"].map { $0 != p.ssoStartURL } ?? false) { continue }
            let users = focus == nil ? (index.logins[key] ?? [p.name]) : (index.logins[key] ?? [p.name]).filter { n in scope.contains { $0.name == n } }
            let isActive = users.contains { active.contains($0) }
            let sev: Problem.Severity = isActive ? .error : .warning
            let status = facts.tokenCache.status(for: key, now: facts.now)
            let session: String? = if case .session(let s) = key { s } else { nil }
            let display = session ?? p.ssoStartURL ?? ""
            let shown = users.first(where: { active.contains($0) }) ?? users.first ?? p.name
            let who = users.count == 1 ? "profile \(users[0])" : "profiles \(users.prefix(5).joined(separator: ", "))\(users.count > 5 ? " and \(users.count - 5) more" : "")"
            let loginFix = session.map { "aws sso login --sso-session \(shellQuote($0))" } ?? "aws sso login --profile \(shellQuote(shown))"
            let at = session.flatMap { index.ssoSession(named: $0)?.location } ?? p.setting("sso_start_url")?.location ?? p.location
            let expiredText = session != nil
                ? "Error when retrieving token from sso: Token has expired and refresh failed"
                : "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile."

            switch status.state {
            case .missing:
                if let other = otherKeyToken(for: key, profile: p) {
                    add(Problem(.tokenUnderOtherKey, sev, at: at, profile: shown, session: session,
                                "you are logged in, but under \(other.describe) (\(other.file)); \(who) read\(users.count == 1 ? "s" : "") \(session.map { "the sso-session key '\($0)'" } ?? "the start URL key '\(display)'"), whose token file \(status.cacheFile) does not exist",
                                predicts: "Error loading SSO Token: Token for \(display) does not exist",
                                fix: loginFix))
                } else {
                    let why = facts.cacheDirectoryExists ? "there is no cached token \(status.cacheFile)" : "the token cache folder \(facts.tokenCache.directory) does not exist (no aws sso login on this machine yet)"
                    add(Problem(.tokenMissing, sev, at: at, profile: shown, session: session,
                                "\(who) need\(users.count == 1 ? "s" : "") an SSO login: \(why)\(status.problem.map { "; \($0)" } ?? "")",
                                predicts: "Error loading SSO Token: Token for \(display) does not exist",
                                fix: loginFix))
                }
            case .expired:
                var why = "the cached token expired at \(Doctor.stamp(status.expiresAt))"
                if session == nil {
                    why += " and legacy profiles (sso_start_url in the profile) never refresh"
                } else if let reg = status.registrationExpiresAt, reg <= facts.now {
                    why += " and cannot be refreshed: the client registration expired at \(Doctor.stamp(reg))"
                } else {
                    why += " and the cache holds no usable refresh token"
                }
                add(Problem(.tokenExpired, sev, at: at, profile: shown, session: session, "\(who): \(why)",
                            predicts: expiredText, fix: loginFix))
            case .invalid:
                let problem = status.problem ?? "botocore cannot use it"
                let invalidText = problem.hasPrefix("the token file has no") ? "Error loading SSO Token: Token for \(p.ssoStartURL ?? display) is invalid" : nil
                add(Problem(.tokenCorrupt, sev, at: at, profile: shown, session: session,
                            "\(who): the token file \(status.cacheFile) is unusable: \(problem)",
                            predicts: invalidText,
                            fix: "\(loginFix)   (it rewrites \(status.cacheFile))"))
            case .broken:
                break  // sessions without a section are skipped above (SW201 says so)
            case .valid, .refreshable:
                if session != nil, let reg = status.registrationExpiresAt, reg <= facts.now, let expires = status.expiresAt {
                    add(Problem(.registrationExpired, .warning, at: at, profile: shown, session: session,
                                "\(who): the token works until \(Doctor.stamp(expires)), but the client registration expired at \(Doctor.stamp(reg)), so it cannot be refreshed; after that, a new login is needed",
                                fix: loginFix))
                }
            }
            if let tokenRegion = status.tokenRegion, let ssoRegion = p.ssoRegion, !tokenRegion.isEmpty, tokenRegion != ssoRegion,
               status.state != .missing {
                add(Problem(.ssoRegionContradictsToken, .warning, at: at, profile: shown, session: session,
                            "the cached token for \(display) was issued by Identity Center in \(tokenRegion), but sso_region = \(ssoRegion): if \(ssoRegion) is wrong, the next aws sso login fails in the browser (device flow: invalid_grant); if \(tokenRegion) was wrong, log in again",
                            predicts: "Invalid callback URL", stage: .login,
                            fix: remedies.setSSO("sso_region", to: tokenRegion,
                                                 at: session.flatMap { index.ssoSession(named: $0)?.settings.first { $0.key == "sso_region" }?.location } ?? p.setting("sso_region")?.location ?? at,
                                                 session: session.flatMap(index.ssoSession(named:)), profile: session == nil ? p : nil)
                                + "\nif \(tokenRegion) is where your Identity Center lives; then \(loginFix)"))
            }
        }
        if !facts.exposedCacheFiles.isEmpty && (focus == nil || !seen.isEmpty) {
            let dir = facts.tokenCache.directory
            let count = facts.exposedCacheFiles.count
            add(Problem(.tokenCacheExposed, .warning, at: nil,
                        "\(count) item\(count == 1 ? "" : "s") in \(dir) can be read by other users (SSO access and refresh tokens and client secrets): \(facts.exposedCacheFiles.prefix(3).joined(separator: ", "))\(count > 3 ? ", …" : "")",
                        fix: "chmod 700 \(shellQuote(dir)) && chmod 600 \(shellQuote(dir))/*"))
        }
    }

    private struct OtherKey {
        var describe: String
        var file: String
    }

    /// A usable token under the key the user probably logged in with instead.
    private func otherKeyToken(for key: LoginKey, profile p: Profile) -> OtherKey? {
        var candidates: [(LoginKey, String)] = []
        switch key {
        case .session:
            if let url = p.ssoStartURL {
                let n = Doctor.normalized(url)
                for spelling in [url, n, n + "/", n + "#", n + "#/"] where !candidates.contains(where: { $0.0 == .startURL(spelling) }) {
                    candidates.append((.startURL(spelling), "the start URL '\(spelling)' (a legacy profile's login)"))
                }
            }
        case .startURL(let url):
            let n = Doctor.normalized(url)
            for s in index.ssoSessions where s.startURL.map(Doctor.normalized) == n {
                candidates.append((.session(s.name), "sso-session '\(s.name)'"))
            }
            for spelling in [n, n + "/", n + "#", n + "#/"] where spelling != url {
                candidates.append((.startURL(spelling), "the start URL spelling '\(spelling)'"))
            }
        case .temporaryKeys:
            break
        }
        for (other, describe) in candidates {
            let status = facts.tokenCache.status(for: other, now: facts.now)
            if status.state == .valid || status.state == .refreshable {
                return OtherKey(describe: describe, file: status.cacheFile)
            }
        }
        return nil
    }

    // MARK: Environment

    private mutating func environmentChecks() {
        let env = facts.environment
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        let configUsable = !index.isRefusedByBotocore
        for variable in ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"] {
            guard configUsable, let name = value(variable), index.profile(named: name) == nil else { continue }
            let who = variable == "AWS_PROFILE" ? "the AWS CLI v2 and most SDKs" : "boto3 and the AWS CLI v1 (it wins over AWS_PROFILE there)"
            let close = index.profiles.map(\.name).min { editDistance($0, name) < editDistance($1, name) }
            add(Problem(.envProfileUnknown, .error, at: nil, profile: name,
                        "\(variable)=\(name), but no profile has that name in \(index.config.path) or \(index.credentials.path); \(who) fail",
                        predicts: "The config profile (\(name)) could not be found",
                        fix: close.map { "sw use \(shellQuote($0))   (or: unset \(variable))" } ?? "unset \(variable)"))
        }
        if let a = value("AWS_PROFILE"), let d = value("AWS_DEFAULT_PROFILE"), a != d {
            add(Problem(.envProfilesDisagree, .warning, at: nil, profile: a,
                        "AWS_PROFILE=\(a) but AWS_DEFAULT_PROFILE=\(d): the AWS CLI v2 uses \(a), boto3 and the AWS CLI v1 use \(d)",
                        fix: "export AWS_DEFAULT_PROFILE=\(shellQuote(a))   (or: unset AWS_DEFAULT_PROFILE; sw use sets both)"))
        }
        let credentialVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"].filter { value($0) != nil }
        if !credentialVariables.isEmpty, let chosen = value("AWS_PROFILE") ?? value("AWS_DEFAULT_PROFILE") {
            add(Problem(.envCredentialsOverride, .warning, at: nil, profile: chosen,
                        "\(credentialVariables.joined(separator: ", ")) \(credentialVariables.count == 1 ? "is" : "are") set: every AWS tool uses \(credentialVariables.count == 1 ? "it" : "them") instead of profile \(chosen), silently (only --profile on the command line beats them)",
                        fix: "unset \(credentialVariables.joined(separator: " "))"))
        }
        let region = value("AWS_REGION"), defaultRegion = value("AWS_DEFAULT_REGION")
        if let region, let defaultRegion, region != defaultRegion {
            add(Problem(.envRegionsDisagree, .warning, at: nil,
                        "AWS_REGION=\(region) but AWS_DEFAULT_REGION=\(defaultRegion): the AWS CLI v2 and the Go/JS SDKs use \(region), boto3 and the AWS CLI v1 use \(defaultRegion)",
                        fix: "export AWS_DEFAULT_REGION=\(shellQuote(region))"))
        }
        for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            guard let r = value(variable), !Regions.isKnown(r) else { continue }
            let suggestion = Regions.suggestion(for: r)
            add(Problem(.envRegionUnknown, .warning, at: nil,
                        "\(variable)=\(r) is not an AWS region\(suggestion.map { " (did you mean \($0)?)" } ?? "")",
                        fix: "export \(variable)=\(suggestion ?? "<region>")"))
        }
        for (variable, file) in [("AWS_CONFIG_FILE", index.config), ("AWS_SHARED_CREDENTIALS_FILE", index.credentials)] {
            guard let raw = value(variable), file.state == .missing else { continue }
            add(Problem(.envFileMissing, .warning, at: nil,
                        "\(variable)=\(raw) names \(file.path), which does not exist: the AWS tools see no \(variable == "AWS_CONFIG_FILE" ? "config" : "credentials") file at all",
                        fix: "unset \(variable)   (or create \(file.path))"))
        }
        switch facts.shellIntegration {
        case .active, .configured: break
        case .missing(let shell, let rcFile):
            let line: String
            if let shell, let rcFile {
                line = shell == "fish" ? "echo 'sw init fish | source' >> \(rcFile)" : "echo 'eval \"$(sw init \(shell))\"' >> \(rcFile)"
            } else {
                line = "add eval \"$(sw init bash)\" (or zsh; fish: sw init fish | source) to your shell's rc file"
            }
            add(Problem(.shellIntegrationMissing, .info, at: nil,
                        "the sw shell function is not set up\(rcFile.map { " in \($0)" } ?? ""), so sw use and sw pick cannot change your shell's variables",
                        fix: line))
        }
    }

    // MARK: Profiles

    /// botocore's assume-role walk (`AssumeRoleProvider._validate_source_profile`).
    struct Chain {
        var profiles: [Profile]
        /// The profile that names a missing source_profile, and that name.
        var missing: (parent: String, name: String)?
        /// The profile that was visited twice.
        var cycle: String?
        var visited: [String]
    }

    static func botocoreChain(of name: String, in index: Index) -> Chain {
        guard let start = index.profile(named: name) else { return Chain(profiles: [], visited: []) }
        var chain = Chain(profiles: [start], visited: [name])
        var current = start
        while current.setting("role_arn") != nil, let source = current.sourceProfile {
            guard let next = index.profile(named: source) else {
                chain.missing = (current.name, source)
                return chain
            }
            if chain.visited.contains(source) {
                let hasStatic = next.setting("aws_access_key_id") != nil && next.setting("aws_secret_access_key") != nil
                if source != current.name || !hasStatic { chain.cycle = source }
                return chain
            }
            chain.visited.append(source)
            chain.profiles.append(next)
            current = next
        }
        return chain
    }

    private mutating func profileChecks() {
        let env = facts.environment
        let defaultRegion = env["AWS_DEFAULT_REGION"].flatMap { $0.isEmpty ? nil : $0 }
        let cliRegion = env["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 }
        var reported: Set<String> = []
        for p in scope {
            if p.kind == .assumeRole, p.sourceProfile != nil {
                let chain = Doctor.botocoreChain(of: p.name, in: index)
                if let missing = chain.missing, reported.insert("missing:" + missing.parent).inserted {
                    let parent = index.profile(named: missing.parent)
                    let at = parent?.setting("source_profile")?.location ?? p.location
                    let close = index.profiles.map(\.name).filter { $0 != missing.parent }.min { editDistance($0, missing.name) < editDistance($1, missing.name) }
                    add(Problem(.sourceProfileMissing, .error, at: at, profile: missing.parent,
                                "profile \(missing.parent) takes its credentials from source_profile \(missing.name), which does not exist\(missing.parent == p.name ? "" : " (profile \(p.name) depends on it)")",
                                predicts: "The source_profile \"\(missing.name)\" referenced in the profile \"\(missing.parent)\" does not exist.",
                                fix: parent.map { remedies.edit($0, key: "source_profile", "\(at): source_profile = \(close ?? "<an existing profile>")") }
                                    ?? "\(at): source_profile = \(close ?? "<an existing profile>")"))
                }
                // Each profile on a loop has its own (botocore names where its walk closed the
                // loop); `sw doctor NAME` reports only NAME's.
                if let cycle = chain.cycle, focus == nil || focus == p.name {
                    let loop = chain.visited + [cycle]
                    add(Problem(.sourceProfileCycle, .error, at: p.setting("source_profile")?.location ?? p.location, profile: p.name,
                                "the source_profile chain of \(p.name) loops: \(loop.joined(separator: " -> "))\(loop.count == 2 && cycle == p.name ? " (a profile may name itself only when it has aws_access_key_id and aws_secret_access_key)" : "")",
                                predicts: "Infinite loop in credential configuration detected. Attempting to load from profile \(cycle) which has already been visited.",
                                fix: remedies.edit(index.profile(named: chain.visited.last ?? p.name) ?? p, key: "source_profile",
                                                   "point source_profile of \(chain.visited.last ?? p.name) at a profile with its own credentials")))
                }
            }
            if p.kind == .credentialProcess, let command = p["credential_process"] {
                let program = PythonText.shlexSplit(command)?.first ?? String(command.split(separator: " ").first ?? "")
                if !program.isEmpty && !facts.isRunnable(program) {
                    let at = p.setting("credential_process")?.location ?? p.location
                    add(Problem(.credentialProcessMissing, .error, at: at, profile: p.name,
                                "profile \(p.name) runs '\(program)' for credentials (credential_process), but \(program.contains("/") ? "that file is not an executable" : "it is not on PATH")",
                                predicts: "[Errno 2] No such file or directory: '\(program)'",
                                fix: Doctor.installHint(program)))
                }
            }
            if p.kind == .invalid, let invalid = p.credentialProblem {
                add(Problem(.credentialsInvalid, severity(forProfile: p.name), at: p.location, profile: p.name,
                            "profile \(p.name) cannot get credentials: \(invalid.problem)", predicts: invalid.botocore,
                            fix: "\(p.location): \(invalid.fix)"))
            }
            let usable = p.kind != .empty && p.kind != .noCredentials && p.kind != .invalid
            if usable && p.region == nil && defaultRegion == nil {
                let generated = p.origin == .teleportIdentityCenter ? " (tsh aws-profile writes no region)" : ""
                let overlay = facts.swConfig.region(for: p.name)
                if let cliRegion {
                    add(Problem(.regionMissing, .warning, at: p.location, profile: p.name,
                                "profile \(p.name) has no region\(generated) and only AWS_REGION=\(cliRegion) is set: the AWS CLI v2 works, but boto3 and the AWS CLI v1 read only AWS_DEFAULT_REGION",
                                predicts: "You must specify a region.", stage: .region,
                                fix: "export AWS_DEFAULT_REGION=\(shellQuote(cliRegion))\nor, to keep it: "
                                    + remedies.setRegion(of: p, evidence: RegionEvidence(region: cliRegion, source: "your AWS_REGION"))))
                } else if let overlay {
                    // sw use sets both variables from sw's config: only a shell that chose the profile
                    // without sw use lacks them.
                    if [env["AWS_PROFILE"], env["AWS_DEFAULT_PROFILE"]].contains(p.name) {
                        add(Problem(.regionMissing, .error, at: p.location, profile: p.name,
                                    "profile \(p.name) has no region\(generated); sw's config gives it \(overlay.value) (\(overlay.location)), but this shell was not switched with sw use, so neither AWS_REGION nor AWS_DEFAULT_REGION is set",
                                    predicts: "You must specify a region.", stage: .region,
                                    fix: "sw use \(shellQuote(p.name))"))
                    }
                } else {
                    add(Problem(.regionMissing, severity(forProfile: p.name), at: p.location, profile: p.name,
                                "profile \(p.name) has no region\(generated), and neither AWS_REGION nor AWS_DEFAULT_REGION is set; a named profile never takes the region of [default]",
                                predicts: "You must specify a region.", stage: .region,
                                fix: remedies.setRegion(of: p, evidence: RegionEvidence.find(for: p, index: index, environment: env))))
                }
            }
            if let r = p.setting("region"), let v = r.value.string, !Regions.isKnown(v) {
                let suggestion = Regions.suggestion(for: v)
                // botocore.utils.validate_region_name refuses anything else before any call.
                let wellFormed = Doctor.isWellFormedRegionName(v)
                let evidence = suggestion.map { RegionEvidence(region: $0, source: "the region name nearest to '\(v)'") }
                    ?? RegionEvidence.find(for: p, index: index, environment: env)
                add(Problem(.regionUnknown, wellFormed ? .warning : severity(forProfile: p.name), at: r.location, profile: p.name,
                            "profile \(p.name) has region = '\(v)', which is not an AWS region\(suggestion.map { " (did you mean \($0)?)" } ?? "")",
                            predicts: wellFormed ? nil : "Provided region_name '\(v)' doesn't match a supported format.", stage: .region,
                            fix: remedies.setRegion(of: p, evidence: evidence, replacing: r.location)))
            }
            if p.name.hasPrefix("teleport-awsic-"), p.origin != .teleportIdentityCenter, p.location.file == index.config.path {
                add(Problem(.teleportNameUnmarked, .warning, at: p.location, profile: p.name,
                            "[profile \(p.name)] has a name Teleport manages but not Teleport's marker comment: the next tsh aws-profile refuses to run",
                            predicts: "section \"profile \(p.name)\" is not managed by Teleport, remove the section and try again", stage: .tool,
                            fix: "rename the section (e.g. [profile \(p.name.dropFirst("teleport-awsic-".count))]) or delete it and run tsh aws-profile"))
            }
        }
        for s in sessionsInScope where s.name.hasPrefix("teleport-") && s.origin != .teleportIdentityCenter
            && s.profiles.contains(where: { index.profile(named: $0)?.origin == .teleportIdentityCenter }) {
            add(Problem(.teleportNameUnmarked, .warning, at: s.location, session: s.name,
                        "[sso-session \(s.name)] is used by Teleport's profiles but lacks Teleport's marker comment: the next tsh aws-profile refuses to run",
                        predicts: "section \"sso-session \(s.name)\" is not managed by Teleport, remove the section and try again", stage: .tool,
                        fix: "delete [sso-session \(s.name)] (\(s.location)) and run tsh aws-profile again"))
        }
    }

    /// `^[a-zA-Z0-9](?:[a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?$`, botocore's region-name check.
    static func isWellFormedRegionName(_ v: String) -> Bool {
        let b = Array(v.utf8)
        func alnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        guard !b.isEmpty, b.count <= 63, alnum(b[0]), alnum(b[b.count - 1]) else { return false }
        return b.allSatisfy { alnum($0) || $0 == 0x2D }
    }

    static func installHint(_ program: String) -> String {
        let name = program.split(separator: "/").last.map(String.init) ?? program
        switch name {
        case "tsh": return "install Teleport's tsh (https://goteleport.com/download/) or add its folder to PATH"
        case "granted", "assumego": return "install granted (brew install common-fate/granted/granted; https://docs.commonfate.io/granted/getting-started) or add its folder to PATH"
        case "aws-sso": return "install aws-sso-cli (brew install aws-sso-cli; https://github.com/synfinatic/aws-sso-cli) or add its folder to PATH"
        case "aws-sso-util": return "pipx install aws-sso-util   (or add its folder to PATH)"
        case "leapp": return "npm install -g @noovolari/leapp-cli   (or add its folder to PATH)"
        default: return "install \(name) or fix the credential_process line"
        }
    }

    // MARK: Tools

    private mutating func toolChecks() {
        // Temporary keys (saml2aws, gimme-aws-creds) are renewed by their tool, not by aws sso login.
        let ssoProfiles = scope.filter { $0.loginKey?.isSSO == true }
        guard !ssoProfiles.isEmpty else { return }
        switch facts.awsCLI {
        case .missing:
            add(Problem(.awsCLIMissing, .warning, at: nil,
                        "aws is not on PATH: \(ssoProfiles.count) SSO profile\(ssoProfiles.count == 1 ? "" : "s") need\(ssoProfiles.count == 1 ? "s" : "") aws sso login from the AWS CLI v2",
                        fix: "install the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"))
        case .version1(let version):
            add(Problem(.awsCLIVersion1, .warning, at: nil,
                        "aws is the AWS CLI v1 (\(version)), which has no aws sso login: \(ssoProfiles.count) SSO profile\(ssoProfiles.count == 1 ? "" : "s") cannot be logged in with it",
                        fix: "install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) ahead of v1 on PATH"))
        case .present, .version2:
            break
        }
    }

    // MARK: Text

    static func stamp(_ date: Date?) -> String {
        guard let date else { return "?" }
        return date.formatted(.iso8601)
    }
}

func octal(_ mode: UInt32) -> String {
    String(mode, radix: 8).count < 3 ? "0" + String(mode, radix: 8) : "0" + String(mode, radix: 8)
}

/// A word a POSIX shell reads back as itself.
func shellQuote(_ s: String) -> String {
    let safe = s.utf8.allSatisfy { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x2F || b == 0x3A || b == 0x40 || b == 0x2B || b == 0x3D || b == 0x2C
    }
    if safe && !s.isEmpty { return s }
    return "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}
