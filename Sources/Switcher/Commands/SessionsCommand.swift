import ArgumentParser
import ProfileIndex

extension SwitcherCommand {
    struct Sessions: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "sessions",
            abstract: "List every login: sso-session sections, legacy start URLs and aws login sessions, with their state.",
            discussion: "An aws login session (profiles with login_session) is a row of kind login-session named by its login_session value; it has no start URL or SSO region, and its cache file is in ~/.aws/login/cache (AWS_LOGIN_CACHE_DIRECTORY moves it).")

        @Flag(help: "Print a JSON array of login objects (sorted keys, no tokens).")
        var json = false

        func run(_ context: Context) throws {
            let index = try context.loadUsableIndex()
            let logins = LoginStates(index: index, context: context)
            let rows = SessionRow.all(in: index)
            if json {
                var writer = context.jsonWriter()
                writer.beginArray()
                for row in rows {
                    let status = logins.status(for: row.key)
                    writer.beginObject()
                    writer.key("cache_file"); writer.string(status.cacheFile)
                    writer.key("expires_at"); writer.string(status.expiresAt.map(iso8601))
                    writer.key("kind"); writer.string(row.kind)
                    writer.key("name"); writer.string(LoginStates.name(row.key))
                    writer.key("origin"); writer.string(row.origin)
                    writer.key("problem"); writer.string(status.problem)
                    writer.key("profiles"); writer.int(logins.profiles(using: row.key).count)
                    writer.key("sso_region"); writer.string(row.ssoRegion)
                    writer.key("start_url"); writer.string(row.startURL)
                    writer.key("state"); writer.string(status.state.rawValue)
                    writer.endObject()
                }
                writer.endArray()
                context.stdout.write(writer)
            } else {
                var table = Table(headers: ["NAME", "START URL", "SSO REGION", "LOGIN", "EXPIRES", "PROFILES", "ORIGIN"],
                                  color: context.colorStdout)
                for row in rows {
                    let status = logins.status(for: row.key)
                    let name: String = switch row.key {
                    case .session(let s), .loginSession(let s): s
                    default: "(legacy)"
                    }
                    table.rows.append([name, row.startURL, row.ssoRegion, logins.summary(status),
                                       status.expiresAt.map(iso8601), String(logins.profiles(using: row.key).count),
                                       row.origin])
                }
                context.stdout.write(table.render())
            }
            context.reportFileProblems(index)
        }
    }
}

/// One line of `sw sessions`: an `[sso-session]` section, a session name profiles use without a
/// section, a distinct legacy start URL, or a distinct `aws login` session.
struct SessionRow {
    var key: LoginKey
    var kind: String
    var startURL: String?
    var ssoRegion: String?
    var origin: String?

    /// Sessions by name, then legacy start URLs, then login sessions by name.
    static func all(in index: Index) -> [SessionRow] {
        var rows: [SessionRow] = []
        var seen: Set<String> = []
        for session in index.ssoSessions {
            seen.insert(session.name)
            rows.append(SessionRow(key: .session(session.name), kind: "sso-session", startURL: session.startURL,
                                   ssoRegion: session.region, origin: session.origin.rawValue))
        }
        var legacy: [SessionRow] = []
        var loginSessions: [SessionRow] = []
        for (key, names) in index.logins {
            let profiles = names.compactMap(index.profile(named:))
            let origins = Set(profiles.map(\.origin.rawValue))
            let origin = origins.count == 1 ? origins.first : "mixed"
            switch key {
            case .session(let name) where !seen.contains(name):
                // `sso_session = name` without an [sso-session name] section: botocore fails, but
                // the login is still worth listing so the mistake is visible.
                rows.append(SessionRow(key: key, kind: "sso-session (no section)", startURL: nil, ssoRegion: nil,
                                       origin: origin))
            case .startURL(let url):
                let regions = Set(profiles.compactMap(\.ssoRegion))
                legacy.append(SessionRow(key: key, kind: "legacy", startURL: url,
                                         ssoRegion: regions.count <= 1 ? regions.first : regions.sorted().joined(separator: ","),
                                         origin: origin))
            case .loginSession:
                loginSessions.append(SessionRow(key: key, kind: "login-session", startURL: nil, ssoRegion: nil, origin: origin))
            default:
                break
            }
        }
        rows.sort { LoginStates.name($0.key) < LoginStates.name($1.key) }
        legacy.sort { $0.startURL ?? "" < $1.startURL ?? "" }
        loginSessions.sort { $0.key.cacheKey.precedesExactly($1.key.cacheKey) }
        return rows + legacy + loginSessions
    }
}
