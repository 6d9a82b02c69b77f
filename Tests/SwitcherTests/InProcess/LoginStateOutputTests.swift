import Foundation
import ProfileIndex
import Testing

private let corp = LoginKey.session("corp")
private let lab = LoginKey.session("lab")
private let legacy = LoginKey.startURL(LoginFixture.legacyURL)

/// corp valid until 2099 (7h12m after TestClock.now), lab expired in 2001 without a refresh
/// token, the legacy URL missing.
private func fixtureWithTokens() throws -> LoginFixture {
    let f = try LoginFixture()
    try f.writeToken(corp, LoginFixture.future)
    try f.writeToken(lab, LoginFixture.past)
    return f
}

@Suite("login state in sw list, sw show and sw sessions")
struct LoginStateOutputTests {
    @Test("sw list --json gives each SSO profile a login object, and null to the others")
    func listJSON() throws {
        let f = try fixtureWithTokens()
        let r = f.sw(["list", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.leaksSecret)
        let byName = Dictionary(uniqueKeysWithValues: try jsonArray(r.stdout).map { ($0["name"] as! String, $0) })

        let dev = try #require(byName["dev"]?["login"] as? [String: Any])
        #expect(dev["state"] as? String == "valid")
        #expect(dev["expires_at"] as? String == "2099-01-01T00:00:00Z")
        #expect(dev["shared_with"] as? Int == 1)
        #expect(dev["cache_file"] as? String == f.cacheFile(corp).path)
        #expect(Set(dev.keys) == ["cache_file", "expires_at", "shared_with", "state"])

        let labAdmin = try #require(byName["lab-admin"]?["login"] as? [String: Any])
        #expect(labAdmin["state"] as? String == "expired")
        #expect(labAdmin["expires_at"] as? String == "2001-01-01T00:00:00Z")
        #expect(labAdmin["shared_with"] as? Int == 0)

        let old = try #require(byName["old-b"]?["login"] as? [String: Any])
        #expect(old["state"] as? String == "missing")
        #expect(old["expires_at"] is NSNull)
        #expect(old["shared_with"] as? Int == 1)
        #expect(old["cache_file"] as? String == f.cacheFile(legacy).path)

        #expect(byName["keys"]?["login"] is NSNull)
    }

    @Test("the login key sits in sorted order in the profile object")
    func loginKeySorted() throws {
        let f = try fixtureWithTokens()
        let r = f.sw(["show", "--json", "dev"])
        let keys = topLevelKeys(r.stdout)
        #expect(keys.contains("login"))
        #expect(keys == keys.sorted())
    }

    @Test("sw list shows a LOGIN column: state and time left, - for profiles without SSO")
    func listTable() throws {
        let f = try fixtureWithTokens()
        let r = f.sw(["list"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("LOGIN") == true)
        func row(_ name: String) -> String? { lines.first { $0.hasPrefix(name + " ") } }
        #expect(row("dev")?.contains(" valid 7h12m ") == true, "\(lines)")
        #expect(row("lab-admin")?.contains(" expired ") == true)
        #expect(row("old-a")?.contains(" missing ") == true)
        let keysRow = try #require(row("keys"))
        #expect(!keysRow.contains("valid") && !keysRow.contains("missing"))
    }

    @Test("sw show --json carries the same login object as sw list --json")
    func showJSON() throws {
        let f = try fixtureWithTokens()
        let show = f.sw(["show", "--json", "prod"])
        let list = f.sw(["list", "--json", "prod"])
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let listed = try #require(try jsonArray(list.stdout).first { $0["name"] as? String == "prod" })
        #expect(NSDictionary(dictionary: shown["login"] as! [String: Any]).isEqual(to: listed["login"] as! [String: Any]))
        let human = f.sw(["show", "lab-admin"])
        #expect(human.stdout.contains("log in with   aws sso login --sso-session lab"))
    }

    @Test("sw sessions --json lists each sso-session and each distinct legacy start URL with its state")
    func sessionsJSON() throws {
        let f = try fixtureWithTokens()
        let r = f.sw(["sessions", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.leaksSecret)
        let rows = try jsonArray(r.stdout)
        #expect(rows.map { $0["name"] as? String } == ["corp", "lab", LoginFixture.legacyURL])

        #expect(rows[0]["state"] as? String == "valid")
        #expect(rows[0]["expires_at"] as? String == "2099-01-01T00:00:00Z")
        #expect(rows[0]["profiles"] as? Int == 2)
        #expect(rows[0]["start_url"] as? String == "https://d-123.awsapps.com/start")
        #expect(rows[0]["sso_region"] as? String == "us-east-1")
        #expect(rows[0]["origin"] as? String == "hand-written")
        #expect(rows[0]["kind"] as? String == "sso-session")

        #expect(rows[1]["state"] as? String == "expired")
        #expect(rows[1]["sso_region"] as? String == "eu-west-1")
        #expect(rows[1]["profiles"] as? Int == 1)

        #expect(rows[2]["kind"] as? String == "legacy")
        #expect(rows[2]["state"] as? String == "missing")
        #expect(rows[2]["profiles"] as? Int == 2)
        #expect(rows[2]["start_url"] as? String == LoginFixture.legacyURL)
        #expect(rows[2]["cache_file"] as? String == f.cacheFile(legacy).path)
    }

    @Test("sw sessions prints a table for people")
    func sessionsTable() throws {
        let f = try fixtureWithTokens()
        let r = f.sw(["sessions"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("NAME"))
        #expect(lines[1].hasPrefix("corp ") && lines[1].contains("2099-01-01T00:00:00Z"))
        #expect(lines[3].contains(LoginFixture.legacyURL) && lines[3].contains("missing"))
    }
}

/// The keys of a JSON object in the order they are written (JSONSerialization loses the order).
func topLevelKeys(_ json: String) -> [String] {
    var keys: [String] = []
    var depth = 0, inString = false, escaped = false, current = "", expectKey = false
    for c in json {
        if inString {
            if escaped { escaped = false; current.append(c) } else if c == "\\" { escaped = true } else if c == "\"" {
                inString = false
                if expectKey && depth == 1 { keys.append(current) }
                expectKey = false
            } else { current.append(c) }
            continue
        }
        switch c {
        case "\"": inString = true; current = ""
        case "{", "[": depth += 1; expectKey = c == "{"
        case "}", "]": depth -= 1
        case ",": expectKey = depth == 1
        default: break
        }
    }
    return keys
}
