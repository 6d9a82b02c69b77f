/// Logins: SSO tokens in the cache (missing, expired, unusable, under another key, issued in
/// another region, readable by others) and temporary keys past their expiry.
extension Doctor {
    /// Keys with `x_security_token_expires` (saml2aws, gimme-aws-creds, …): expired ones are
    /// still sent, and AWS rejects them. An error for a profile in use, else a warning.
    mutating func temporaryKeyChecks() {
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

    mutating func tokenChecks() {
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
            let loginFix = Fix.command(["aws", "sso", "login"] + (session.map { ["--sso-session", .value($0)] } ?? ["--profile", .value(shown)]))
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
                            fix: loginFix + Fix("   (it rewrites \(status.cacheFile))")))
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
                                + Fix("\nif \(tokenRegion) is where your Identity Center lives; then ") + loginFix))
            }
        }
        if !facts.exposedCacheFiles.isEmpty && (focus == nil || !seen.isEmpty) {
            let dir = facts.tokenCache.directory
            let count = facts.exposedCacheFiles.count
            add(Problem(.tokenCacheExposed, .warning, at: nil,
                        "\(count) item\(count == 1 ? "" : "s") in \(dir) can be read by other users (SSO access and refresh tokens and client secrets): \(facts.exposedCacheFiles.prefix(3).joined(separator: ", "))\(count > 3 ? ", …" : "")",
                        // The files in it: the folder's word with the glob after it, which the shell expands.
                        fix: Fix.command(["chmod", "700", .value(dir)]) + Fix(" && ") + Fix.command(["chmod", "600", .value(dir)]) + Fix("/*")))
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
        case .temporaryKeys, .loginSession:
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
}
