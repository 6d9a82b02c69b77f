import Foundation
import ProfileIndex
@testable import Switcher
import TestSupport
import Testing

/// JSON string escaping as RFC 8259 requires and `sw` has always written it: `"` and `\` and the
/// C0 controls escaped (\n \r \t short, the rest as \u00xx with lowercase hex), everything else,
/// DEL and non-ASCII included, copied as UTF-8. Written byte by byte, as the reference.
private func referenceQuoted(_ s: String) -> [UInt8] {
    var out: [UInt8] = [0x22]
    for b in s.utf8 {
        switch b {
        case 0x22: out += Array("\\\"".utf8)
        case 0x5C: out += Array("\\\\".utf8)
        case 0x0A: out += Array("\\n".utf8)
        case 0x0D: out += Array("\\r".utf8)
        case 0x09: out += Array("\\t".utf8)
        case 0..<0x20: out += Array(String(format: "\\u%04x", Int(b)).utf8)
        default: out.append(b)
        }
    }
    out.append(0x22)
    return out
}

private func compact(_ build: (inout JSONWriter) -> Void) -> String {
    var w = JSONWriter(pretty: false)
    build(&w)
    return String(decoding: w.bytes, as: UTF8.self)
}

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("every control byte 0x00-0x1F, quote and backslash are escaped; DEL and non-ASCII are not")
    func escapesEveryByte() {
        let expected: [UInt8: String] = [
            0x00: "\\u0000", 0x01: "\\u0001", 0x02: "\\u0002", 0x03: "\\u0003", 0x04: "\\u0004",
            0x05: "\\u0005", 0x06: "\\u0006", 0x07: "\\u0007", 0x08: "\\u0008", 0x09: "\\t",
            0x0A: "\\n", 0x0B: "\\u000b", 0x0C: "\\u000c", 0x0D: "\\r", 0x0E: "\\u000e",
            0x0F: "\\u000f", 0x10: "\\u0010", 0x11: "\\u0011", 0x12: "\\u0012", 0x13: "\\u0013",
            0x14: "\\u0014", 0x15: "\\u0015", 0x16: "\\u0016", 0x17: "\\u0017", 0x18: "\\u0018",
            0x19: "\\u0019", 0x1A: "\\u001a", 0x1B: "\\u001b", 0x1C: "\\u001c", 0x1D: "\\u001d",
            0x1E: "\\u001e", 0x1F: "\\u001f", 0x22: "\\\"", 0x5C: "\\\\", 0x7F: "\u{7F}",
        ]
        for byte in UInt8(0)...0x7F {
            let s = String(decoding: [byte], as: UTF8.self)
            let escaped = expected[byte] ?? s
            // Alone, and at every offset of a longer string (the 8-byte fast path and the tail).
            #expect(compact { $0.string(s) } == "\"\(escaped)\"", "byte \(byte)")
            for offset in 0..<17 {
                let pad = String(repeating: "a", count: offset)
                #expect(compact { $0.string(pad + s + "bcdefghijklmnop") } == "\"\(pad)\(escaped)bcdefghijklmnop\"",
                        "byte \(byte) at \(offset)")
            }
        }
        for s in ["é", "🦊 profile", "RTL \u{202E}abc עברית", "\u{2028}\u{2029}", "\u{FFFD}", "\u{80}\u{7FF}\u{10FFFF}"] {
            #expect(compact { $0.string(s) } == "\"\(s)\"")
        }
    }

    @Test("random strings escape exactly like the byte-by-byte reference")
    func randomStrings() {
        var rng = SplitMix(seed: 42)
        let alphabet: [String] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}",
                                  "é", "🦊", "\u{202E}", "/", ":", "u"]
        for _ in 0..<2_000 {
            let length = Int(rng.next() % 40)
            let s = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            var w = JSONWriter(pretty: false)
            w.string(s)
            #expect(w.bytes == referenceQuoted(s), "\(s.debugDescription)")
        }
        for s in HostileValues.all {
            var w = JSONWriter(pretty: true)
            w.string(s)
            #expect(w.bytes == referenceQuoted(s))
        }
    }

    @Test("integers, null, nesting, compact and pretty")
    func structure() {
        let build: (inout JSONWriter) -> Void = { w in
            w.beginArray()
            for n in [0, 7, 10, -1, 1234567890, Int.max, Int.min] { w.int(n) }
            w.int(nil)
            w.beginObject()
            w.key("a"); w.string(nil)
            w.key("b"); w.beginArrayValue(); w.endArray()
            w.key("c"); w.beginObjectValue(); w.key("d"); w.string("x"); w.endObject()
            w.key("e"); w.stringMap([("z", "1"), ("y", nil)])
            w.endObject()
            w.endArray()
        }
        #expect(compact(build) == "[0,7,10,-1,1234567890,\(Int.max),\(Int.min),null,{\"a\":null,\"b\":[],\"c\":{\"d\":\"x\"},\"e\":{\"y\":null,\"z\":\"1\"}}]")
        var w = JSONWriter(pretty: true)
        build(&w)
        #expect(String(decoding: w.bytes, as: UTF8.self) == """
            [
              0,
              7,
              10,
              -1,
              1234567890,
              \(Int.max),
              \(Int.min),
              null,
              {
                "a": null,
                "b": [],
                "c": {
                  "d": "x"
                },
                "e": {
                  "y": null,
                  "z": "1"
                }
              }
            ]
            """)
    }

    @Test("every integer is written as Swift prints it: each digit count, each pair of last digits, both signs")
    func integers() {
        var values: [Int] = Array(-1000...10_000) + [Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -power, 7 * power + 42]
        }
        var w = JSONWriter(pretty: false)
        for n in values { w.rawInt(n); w.raw(",") }
        #expect(String(decoding: w.bytes, as: UTF8.self) == values.map { "\($0)," }.joined())
    }

    @Test("in-place text of every length up to 40 is copied whole, quoted, plain or escaped")
    func textOfEveryLength() {
        var rng = SplitMix(seed: 7)
        let alphabet = Array("abcXYZ019-_:/.\"\\\u{1}é")
        for length in 0...40 {
            let s = String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            // ASCII and plain, `length` bytes long.
            let plain = String(s.map { "\"\\\u{1}é".contains($0) ? "a" : $0 })
            for text in [s, plain] {
                var w = JSONWriter(pretty: false)
                Array(text.utf8).withUnsafeBytes { w.rawText($0, plain: !text.contains(where: { "\"\\\u{1}".contains($0) })) }
                #expect(w.bytes == referenceQuoted(text), "\(text.debugDescription)")
            }
        }
    }

    @Test("output larger than the initial buffer and flushes keep every byte")
    func growsAndFlushes() throws {
        let big = String(repeating: "\"é\u{1}", count: 100_000)
        var w = JSONWriter(pretty: false)
        w.beginArray()
        w.string(big)
        w.string("tail")
        w.endArray()
        #expect(w.bytes == [0x5B] + referenceQuoted(big) + [0x2C] + referenceQuoted("tail") + [0x5D])

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sw-json-\(UUID().uuidString)").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { unlink(path) }
        var streamed = JSONWriter(pretty: true)
        streamed.beginArray()
        for i in 0..<5_000 {
            streamed.string("value \(i)")
            if streamed.count >= 1 << 12 { streamed.flush(to: .fd(fd)) }
        }
        streamed.endArray()
        streamed.flush(to: .fd(fd))
        close(fd)
        var whole = JSONWriter(pretty: true)
        whole.beginArray()
        for i in 0..<5_000 { whole.string("value \(i)") }
        whole.endArray()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(whole.bytes))
    }

    @Test("kind and origin literals are their raw values quoted; secret keys match Setting.isSecret")
    func tables() {
        for kind in ProfileKind.allCases {
            #expect(JSONWriter.quoted(kind).description == "\"\(kind.rawValue)\"")
        }
        for origin in Origin.allCases {
            #expect(JSONWriter.quoted(origin).description == "\"\(origin.rawValue)\"")
        }
        // The length check in isSecret is exact only for plain lowercase ASCII secret keys.
        for key in Setting.secretKeys {
            #expect(key.utf8.allSatisfy { (0x61...0x7A).contains($0) || $0 == 0x5F }, "\(key)")
        }
        let keys = Array(Setting.secretKeys) + ["region", "aws_secret_access_ke", "aws_secret_access_keyy",
                                                 "AWS_SESSION_TOKEN", "aws_session_tokeN", "", "aws_security_token\u{301}",
                                                 String(repeating: "k", count: 64), String(repeating: "k", count: 100)]
        for key in keys {
            // Setting.isSecret is this set membership.
            #expect(JSONWriter.isSecret(key) == Setting.secretKeys.contains(key), "\(key)")
            // And read in place from a snapshot, as bytes.
            #expect(Array(key.utf8).withUnsafeBytes(JSONWriter.isSecret) == Setting.secretKeys.contains(key), "\(key)")
        }
    }

    @Test("the stable sort order equals sorted(by:) for short and long lists")
    func sortOrder() {
        var rng = SplitMix(seed: 7)
        for length in [0, 1, 2, 5, 31, 32, 33, 200] {
            let keys = (0..<length).map { _ in ["b", "a", "A", "é", "e\u{301}", "_", "~", "a1"][Int(rng.next() % 8)] }
            let order = withSortedOrder(keys.count, by: { keys[$0] < keys[$1] }) { Array($0) }
            #expect(order == keys.indices.sorted { keys[$0] < keys[$1] }, "\(keys)")
        }
    }
}

/// The profile object as `sw` wrote it through the generic key/string calls, before the
/// hand-written fast path: the reference the fast path must match byte for byte.
private extension JSONWriter {
    mutating func referenceProfile(_ p: Profile, in index: Index, logins: LoginStates) {
        beginObject()
        key("account_id"); string(p.accountID)
        key("account_name"); string(p.accountName)
        key("credentials_file"); string(p.credentialsLocation?.file)
        key("credentials_line"); int(p.credentialsLocation?.line)
        key("file"); string(p.location.file)
        key("kind"); string(p.kind.rawValue)
        key("line"); int(p.location.line)
        key("locations"); stringMap(p.settings.map { ($0.key, $0.location.description) })
        key("login")
        if let status = logins.status(of: p) {
            beginObjectValue()
            key("cache_file"); string(status.cacheFile)
            key("expires_at"); string(status.expiresAt.map(iso8601))
            key("shared_with"); int(logins.sharedWith(p))
            key("state"); string(status.state.rawValue)
            endObject()
        } else {
            string(nil)
        }
        key("name"); string(p.name)
        key("origin"); string(p.origin.rawValue)
        key("origin_markers_lost"); bool(p.markersLost)
        key("region"); string(p.region)
        key("role_name"); string(p.roleName)
        key("settings")
        beginObjectValue()
        for s in p.settings.sorted(by: { $0.key.precedesExactly($1.key) }) {
            key(s.key)
            switch s.value {
            case .string(let v): string(s.isSecret ? JSONWriter.redacted : v)
            case .nested(let entries):
                stringMap(entries.map { ($0.key, s.isSecret || Setting.secretKeys.contains($0.key) ? JSONWriter.redacted : $0.value) })
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

@Suite("profile JSON")
struct ProfileJSONTests {
    static let hostileConfig: String = {
        var config = LoginFixture.config
        config += "[profile chain-a]\nsource_profile = chain-b\nrole_arn = arn:aws:iam::1:role/x\n"
        config += "[profile chain-b]\nsource_profile = chain-a\nrole_arn = arn:aws:iam::1:role/x\n"
        config += "[profile self]\nsource_profile = self\naws_access_key_id = A\naws_secret_access_key = S\n"
        config += "[profile to-missing]\nsource_profile = nope\nrole_arn = r\n"
        config += "[profile long]\nsource_profile = chain-a\nrole_arn = r\nregion = eu-west-1\n"
        config += "[profile nested]\ns3 =\n  z = 1\n  \"q\" = \\\u{1}é\n  a = 2\nregion = us-east-1\n"
        config += "[profile nested-secret]\naws_session_token =\n  b = never-shown\n  a = nor-this\n"
        config += "[profile Zed]\nB = 1\na = 2\n_ = 3\n~ = 4\ne\u{301} = 5\n\u{E9} = 6\n"
        config += "[profile many]\n" + (0..<40).map { "k\(($0 * 7919) % 40) = \($0)\n" }.joined()
        config += "[profile values]\n"
        for (i, v) in HostileValues.all.enumerated() where !v.contains("\n") && !v.contains("\r") {
            config += "v\(i) = x\(v)x\n"
        }
        config += "[profile teleport-awsic-acct-name-Role]\nregion = x\n"
        // One session name spelled precomposed and decomposed: equal Strings, different bytes.
        config += "[profile nfc-login]\nsso_session = caf\u{E9}\nsso_account_id = 1\nsso_role_name = R\n"
        config += "[profile nfd-login]\nsso_session = cafe\u{301}\nsso_account_id = 1\nsso_role_name = R\n"
        return config
    }()

    @Test("every profile's object equals the generic writer's, compact and pretty, in an array and alone, from Profiles and from snapshot records")
    func matchesReference() throws {
        let f = try LoginFixture()
        try f.writeToken(.session("corp"), LoginFixture.future)
        try f.writeToken(.startURL(LoginFixture.legacyURL), LoginFixture.past)
        try Data(ProfileJSONTests.hostileConfig.utf8).write(to: f.home.appendingPathComponent(".aws/config"))
        try Data("[creds \"x\"]\naws_access_key_id = K\naws_secret_access_key = S\naws_session_token = T\n\n[dev]\nregion = eu\n"
            .utf8).write(to: f.home.appendingPathComponent(".aws/credentials"))
        let environment = ["HOME": f.home.path]
        let index = Index.load(environment: environment, fileSystem: LocalFileSystem())
        #expect(index.profiles.count > 15)
        // The same files through sw's index cache, read in place as `sw list --json` reads them.
        let cache = IndexCache(directory: f.home.appendingPathComponent(".cache/sw").path, identity: Array("test".utf8))
        // After the settle time of the files just written, so that the first load writes a snapshot.
        let written = try LocalFileSystem().status(AWSPaths(environment: environment).config).get().changed
        let later = written / 1_000_000_000 + 3600
        _ = Index.load(paths: AWSPaths(environment: environment), fileSystem: LocalFileSystem(), cache: cache, now: later)
        let (cached, outcome) = Index.load(paths: AWSPaths(environment: environment), fileSystem: LocalFileSystem(), cache: cache, now: later)
        #expect(outcome == .hit)
        let records = try #require(cached.profileRecords)
        for pretty in [false, true] {
            var (context, _, _) = Context.forTesting(environment: environment, fileSystem: LocalFileSystem())
            context.stdoutIsTerminal = pretty
            let logins = LoginStates(index: index, context: context)
            // As `sw list --json` writes them (in an array), then as `sw show --json` (top level).
            var fast = JSONWriter(pretty: pretty), reference = JSONWriter(pretty: pretty)
            fast.beginArray(); reference.beginArray()
            for p in index.profiles {
                fast.profile(p, in: index, logins: logins)
                reference.referenceProfile(p, in: index, logins: logins)
            }
            fast.endArray(); reference.endArray()
            #expect(String(decoding: fast.bytes, as: UTF8.self) == String(decoding: reference.bytes, as: UTF8.self))
            var inPlace = JSONWriter(pretty: pretty), renderer = ProfileJSON(records, logins: LoginStates(index: cached, context: context))
            inPlace.beginArray()
            for i in 0..<records.count { renderer.write(records.record(at: i), to: &inPlace) }
            inPlace.endArray()
            #expect(inPlace.bytes == reference.bytes, "records read in place render what the Profiles render")
            // A secret key's nested values are redacted too, from either source.
            for secret in ["never-shown", "nor-this"] {
                #expect(!String(decoding: fast.bytes, as: UTF8.self).contains(secret))
                #expect(!String(decoding: inPlace.bytes, as: UTF8.self).contains(secret))
            }
            for p in index.profiles {
                var one = JSONWriter(pretty: pretty), ref = JSONWriter(pretty: pretty)
                one.profile(p, in: index, logins: logins)
                ref.referenceProfile(p, in: index, logins: logins)
                #expect(one.bytes == ref.bytes, "\(p.name)")
            }
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(fast.bytes)) as? [[String: Any]])
            // The values read back are the index's own, for the hostile ones too.
            let values = try #require(parsed.first { $0["name"] as? String == "values" }?["settings"] as? [String: String])
            let settings = try #require(index.profile(named: "values")).settings
            #expect(settings.count > 40)
            for s in settings { #expect(values[s.key] == s.value.string, "\(s.key)") }
            #expect(parsed.first { $0["name"] as? String == "keys" }?["settings"].map { "\($0)" }?.contains("SECRET") == false)
        }
    }
}
