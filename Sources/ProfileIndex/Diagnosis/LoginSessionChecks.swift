/// `aws login` sessions (profiles with `login_session`): the cache file botocore's LoginProvider
/// reads is missing, unusable, or holds credentials whose session is over.
extension Doctor {
    mutating func loginSessionChecks() {
        var seen: Set<LoginKey> = []
        for p in scope {
            loginSessionConflicts(p)
            // Only profiles whose credentials botocore takes from LoginProvider (kind login-session:
            // no role_arn, SSO keys or keys in the credentials file, which win over it).
            guard case .loginSession(let session)? = p.loginKey, seen.insert(p.loginKey!).inserted else { continue }
            let key = LoginKey.loginSession(session)
            let all = index.logins[key] ?? [p.name]
            let users = focus == nil ? all : all.filter { n in scope.contains { $0.name == n } }
            let sev: Problem.Severity = users.contains { active.contains($0) } ? .error : .warning
            let shown = users.first(where: { active.contains($0) }) ?? users.first ?? p.name
            let who = users.count == 1 ? "profile \(users[0])" : "profiles \(users.prefix(5).joined(separator: ", "))\(users.count > 5 ? " and \(users.count - 5) more" : "")"
            let at = p.setting("login_session")?.location ?? p.location
            let status = facts.tokenCache.status(for: key, now: facts.now)
            // aws login has no option naming the session: it logs in a profile (and keeps its
            // login_session when the same console session is chosen).
            let fix = Fix.command(["aws", "login", "--profile", .value(shown)])
                + Fix(" (on a machine without a browser, e.g. over SSH: ") + Fix.command(["aws", "login", "--remote", "--profile", .value(shown)]) + Fix(")")
            switch status.state {
            case .missing:
                add(Problem(.loginSessionMissing, sev, at: at, profile: shown,
                            "\(who) need\(users.count == 1 ? "s" : "") an aws login: there is no login cache file \(status.cacheFile) for login_session \(session)\(status.problem.map { "; \($0)" } ?? "")",
                            predicts: "Unable to load a existing login session for session \(session). Please reauthenticate with 'aws login'.",
                            fix: fix))
            case .invalid:
                let problem = status.problem ?? "botocore cannot use it"
                add(Problem(.loginSessionInvalid, sev, at: at, profile: shown,
                            "\(who): the login cache file \(status.cacheFile) is unusable: \(problem)",
                            predicts: Self.botocoreText(in: problem),
                            fix: fix + Fix("   (it rewrites \(status.cacheFile))")))
            case .expired:
                // botocore's text comes from the sign-in service's answer to the refresh, so it is
                // quoted in the message rather than predicted (no offline check can reproduce it).
                add(Problem(.loginSessionExpired, sev, at: at, profile: shown,
                            "\(who): the cached credentials of login_session \(session) expired at \(Doctor.stamp(status.expiresAt)), more than 12 hours ago, so the session is over: botocore's refresh fails with \"Your session has expired or credentials have changed. Please reauthenticate using 'aws login'.\"",
                            fix: fix))
            case .valid, .refreshable, .broken:
                break
            }
        }
    }

    /// botocore's resolver tries web identity, SSO, the credentials file's keys, then aws login,
    /// credential_process and the config file's keys (ProfileProviderBuilder.providers, after
    /// AssumeRoleProvider). `aws login --profile` refuses a profile with any other kind of
    /// credentials (LoginCommand.ensure_profile_does_not_have_existing_credentials).
    mutating func loginSessionConflicts(_ p: Profile) {
        guard let setting = p.setting("login_session"), p.kind != .invalid else { return }
        if p.kind != .loginSession {
            add(Problem(.loginSessionIgnored, .warning, at: setting.location, profile: p.name,
                        "profile \(p.name) has login_session, but botocore takes its credentials from its \(p.kind.rawValue) settings, whose provider comes first: the aws login session is never used, and aws login --profile \(p.name) refuses the profile",
                        fix: Fix("remove login_session (\(setting.location)), or the other credentials if the aws login session is what you want")))
            return
        }
        // botocore uses the session; only aws login's check sees these keys.
        let other: (key: String, style: String)? = p.setting("aws_access_key_id") != nil ? ("aws_access_key_id", "Access Key")
            : p.setting("credential_process") != nil ? ("credential_process", "Credential Process") : nil
        guard let other, let where_ = p.setting(other.key)?.location else { return }
        add(Problem(.loginSessionProfileRefused, .warning, at: where_, profile: p.name,
                    "profile \(p.name) gets its credentials from its aws login session (botocore ignores its \(other.key)), but aws login --profile \(p.name) refuses it: \"Profile '\(p.name)' is already configured with \(other.style) credentials.\"",
                    predicts: nil,
                    fix: Fix("remove \(other.key) (\(where_)), which botocore does not use for this profile")))
    }

    /// The botocore message a problem quotes as `(botocore: …)`, if it does.
    static func botocoreText(in problem: String) -> String? {
        guard let start = problem.firstRange(of: "(botocore: "), problem.hasSuffix(")") else { return nil }
        return String(problem[start.upperBound..<problem.index(before: problem.endIndex)])
    }
}
