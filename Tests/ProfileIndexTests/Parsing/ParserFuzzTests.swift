import Foundation
import PropertyBased
import Testing
@testable import ProfileIndex

#if canImport(Glibc)
import Glibc
#endif

// Properties of the config parser over inputs nobody wrote by hand: random bytes, mutated corpus
// files, and (against botocore itself) small configs built from a grammar of tricky lines.

// MARK: - Inputs

/// Every config/credentials file of the conformance corpus, as mutation seeds.
private let corpus: [[UInt8]] = {
    let cases = ConfigOracle.conformanceDirectory.appendingPathComponent("cases")
    let slugs = ((try? FileManager.default.contentsOfDirectory(atPath: cases.path)) ?? []).sorted()
    return slugs.flatMap { slug in
        ["config", "credentials"].compactMap { name in
            FileManager.default.contents(atPath: cases.appendingPathComponent(slug).appendingPathComponent(name).path).map { [UInt8]($0) }
        }
    }
}()

/// Byte sequences that mean something to configparser, botocore or a UTF-8 decoder.
private let tokens: [[UInt8]] = [
    Array("[".utf8), Array("]".utf8), Array("=".utf8), Array(":".utf8), Array("\r".utf8), Array("\n".utf8),
    Array("\r\n".utf8), Array("\t".utf8), [0], [0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0xED, 0xA0, 0x80],
    Array("#".utf8), Array(";".utf8), Array("\"".utf8), Array("'".utf8), Array("\\".utf8),
    Array("\u{A0}".utf8), Array("\u{3000}".utf8), Array("\u{85}".utf8), Array("\u{2028}".utf8), [0x0B], [0x0C], [0x1C],
    Array("[profile x]\n".utf8), Array("[DEFAULT]\n".utf8), Array("\n  k = v\n".utf8), Array("\ns3 =\n  a = b\n".utf8),
    [UInt8](repeating: 0x20, count: 300), [UInt8](repeating: 0x09, count: 64),
    [UInt8](repeating: 0x61, count: 100_000), Array(("x = " + String(repeating: "v", count: 50_000)).utf8),
]

private func pick<T>(_ items: [T], _ rng: inout some RandomNumberGenerator) -> T {
    items[Int.random(in: 0..<items.count, using: &rng)]
}

/// A corpus file with 1 to 8 random edits: byte flips, token insertions, deletions,
/// duplicated ranges (duplicate keys and sections), truncation.
private let mutatedCorpusFile = Generator<[UInt8], Shrink.None<[UInt8]>>(run: { rng in
    var bytes = pick(corpus.isEmpty ? [[]] : corpus, &rng)
    for _ in 0..<Int.random(in: 1...8, using: &rng) {
        let at = Int.random(in: 0...bytes.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0 where !bytes.isEmpty:
            bytes[min(at, bytes.count - 1)] = UInt8.random(in: 0...255, using: &rng)
        case 1, 2:
            bytes.insert(contentsOf: pick(tokens, &rng), at: at)
        case 3 where at < bytes.count:
            bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
        case 4 where at < bytes.count:
            let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
            bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &rng))
        case 5:
            bytes.removeSubrange(at...)
        default:
            bytes.insert(contentsOf: pick(tokens, &rng), at: at)
        }
    }
    return bytes
})

/// Bytes drawn mostly from what structures an INI file, so that headers and keys do form.
private let structuredNoise = Generator<[UInt8], Shrink.None<[UInt8]>>(run: { rng in
    let alphabet: [UInt8] = Array("[]=:#; \t\r\n\n\n\"'\\profile default DEFAULT sso-session ab".utf8) + [0, 0xFF, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF]
    return (0..<Int.random(in: 0...600, using: &rng)).map { _ in pick(alphabet, &rng) }
})

// MARK: - Invariants

/// Lines as Python's universal newlines split them (\n, \r\n, \r).
private func pythonLines(_ bytes: [UInt8]) -> [Range<Int>] {
    var lines: [Range<Int>] = []
    var start = 0, i = 0
    while i < bytes.count {
        if bytes[i] == 0x0A || bytes[i] == 0x0D {
            lines.append(start..<i)
            i += bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
            start = i
        } else {
            i += 1
        }
    }
    if start < bytes.count { lines.append(start..<bytes.count) }
    return lines
}

private func isPythonStripped(_ text: String) -> Bool {
    PythonText.strip(Substring(text)).unicodeScalars.elementsEqual(text.unicodeScalars)
}

/// What must hold for any input, with a message naming the input when it does not.
private func checkInvariants(config: [UInt8], credentials: [UInt8]? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let index = Index(config: config, credentials: credentials)
    let again = Index(config: config, credentials: credentials)
    let shown = "config \(String(decoding: config.prefix(600), as: UTF8.self).debugDescription)"
    #expect(index.profiles == again.profiles && index.ssoSessions == again.ssoSessions && index.config == again.config
            && index.credentials == again.credentials, "parsing the same bytes twice differs: \(shown)", sourceLocation: sourceLocation)

    let files: [(String, [UInt8], Index.File)] = [("config", config, index.config)]
        + (credentials.map { [("credentials", $0, index.credentials)] } ?? [])
    var lineCount: [String: Int] = [:]
    for (name, bytes, file) in files {
        let lines = pythonLines(bytes)
        lineCount[name] = lines.count
        for (failure, line) in file.parseFailures {
            #expect((1...max(1, lines.count)).contains(line), "\(name): \(failure) at line \(line) of \(lines.count): \(shown)",
                    sourceLocation: sourceLocation)
            if failure == .notUTF8, (1...lines.count).contains(line) {
                #expect(String(validating: bytes[lines[line - 1]], as: UTF8.self) == nil,
                        "\(name): not-UTF-8 reported at line \(line), which is valid UTF-8: \(shown)", sourceLocation: sourceLocation)
            }
        }
    }
    func within(_ location: ProfileIndex.SourceLocation) -> Bool {
        guard let count = lineCount[location.file] else { return false }
        return (1...max(1, count)).contains(location.line)
    }
    for profile in index.profiles {
        let locations = [profile.location] + (profile.credentialsLocation.map { [$0] } ?? []) + profile.settings.map(\.location)
        for location in locations {
            #expect(within(location), "profile \(profile.name.debugDescription) points at \(location), outside the file: \(shown)",
                    sourceLocation: sourceLocation)
        }
        for setting in profile.settings {
            let key = setting.key.utf8
            #expect(!key.contains(0x3D) && !key.contains(0x3A), "key \(setting.key.debugDescription) holds a delimiter: \(shown)",
                    sourceLocation: sourceLocation)
        }
    }
    for session in index.ssoSessions {
        #expect(within(session.location), "sso-session \(session.name.debugDescription) at \(session.location): \(shown)",
                sourceLocation: sourceLocation)
    }
    // In a file botocore reads, configparser has stripped every key and value (and botocore every
    // sub-key and sub-value).
    if !index.isRefusedByBotocore {
        for setting in index.profiles.flatMap(\.settings) + index.ssoSessions.flatMap(\.settings) {
            var texts = [setting.key]
            switch setting.value {
            case .string(let v): texts.append(v)
            case .nested(let entries): texts += entries.flatMap { [$0.key, $0.value] }
            }
            for text in texts {
                #expect(isPythonStripped(text), "\(setting.key) holds unstripped text \(text.debugDescription): \(shown)",
                        sourceLocation: sourceLocation)
            }
        }
    }
}

// MARK: - Properties

@Suite("Parser fuzzing")
struct ParserFuzzTests {
    @Test("the corpus is there to mutate")
    func corpusLoaded() {
        #expect(corpus.count >= 78)
    }

    @Test("random bytes never crash the parser and keep every invariant")
    func randomBytes() async {
        await propertyCheck(count: 500, input: Gen<UInt8>.value(in: 0...255).array(of: 0...2_000)) { bytes in
            checkInvariants(config: bytes)
        }
    }

    @Test("INI-flavoured noise never crashes the parser and keeps every invariant")
    func structuredNoiseKeepsInvariants() async {
        await propertyCheck(count: 1_000, input: structuredNoise, structuredNoise.optional()) { config, credentials in
            checkInvariants(config: config, credentials: credentials)
        }
    }

    @Test("mutated corpus files never crash the parser and keep every invariant")
    func mutatedCorpus() async {
        await propertyCheck(count: 1_500, input: mutatedCorpusFile, mutatedCorpusFile.optional()) { config, credentials in
            checkInvariants(config: config, credentials: credentials)
        }
    }

    @Test("a not-UTF-8 failure names the line that holds the bad byte, whatever the line endings",
          arguments: ["\n", "\r\n", "\r"])
    func notUTF8Line(ending: String) {
        // GIVEN a bad byte on the third line
        let bytes = Array("[default]\(ending)region = x\(ending)output = ".utf8) + [0xFC] + Array("\(ending)".utf8)
        // WHEN parsed
        let failures = Index(config: bytes).config.parseFailures
        // THEN the failure is on line 3
        #expect(failures.contains { $0.0 == .notUTF8 && $0.1 == 3 }, "\(failures)")
    }

    // MARK: Differential against botocore

    @Test("sw and botocore agree exactly on 300 configs built from a grammar of tricky lines")
    func agreesWithBotocoreOnGeneratedConfigs() async throws {
        await propertyCheck(count: 1, input: generatedCase.array(of: 300)) { cases in
            // GIVEN the cases written to a temporary folder, one case folder each
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("sw-fuzz-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            for (i, c) in cases.enumerated() {
                let folder = root.appendingPathComponent(String(format: "case-%03d", i))
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(c.config).write(to: folder.appendingPathComponent("config"))
                if let credentials = c.credentials { try Data(credentials).write(to: folder.appendingPathComponent("credentials")) }
            }
            // WHEN botocore reads them all (one python3 run) and sw reads each
            let verdicts: [String: ConfigOutcome]
            switch ConfigOracle.run(cases: root) {
            case .success(let v): verdicts = v
            case .failure(let error):
                Issue.record("\(error)")
                return
            }
            // THEN they agree case by case
            var loaded = 0
            for (i, c) in cases.enumerated() {
                let slug = String(format: "case-%03d", i)
                let botocore = try #require(verdicts[slug])
                let sw = ConfigOutcome(Index(config: c.config, credentials: c.credentials))
                if botocore.isLoaded { loaded += 1 }
                #expect(sw == botocore, """
                    \(slug): \(sw.difference(from: botocore) ?? "")
                    config:      \(String(decoding: c.config, as: UTF8.self).debugDescription)
                    credentials: \(c.credentials.map { String(decoding: $0, as: UTF8.self).debugDescription } ?? "none")
                    sw:       \(sw)
                    botocore: \(botocore)
                    """)
            }
            // The grammar must give both readable and refused files, or the comparison proves little.
            #expect(loaded >= cases.count / 4, "only \(loaded) of \(cases.count) generated configs are readable by botocore")
            #expect(loaded <= cases.count * 9 / 10, "\(loaded) of \(cases.count) generated configs are readable: too few fatal ones")
        }
    }
}

// MARK: - The grammar of tricky lines

struct GeneratedCase: Sendable {
    var config: [UInt8]
    var credentials: [UInt8]?
}

// Names and keys include spellings of one text in two Unicode normalisation forms (NFC and NFD):
// botocore, and so sw, compare them by code points, so they are two.
private let names = ["a", "b", "Dev", "x y", "ü", "default", "a.b", "123456789012:Admin", "", "q\"", "d\\e", "n\u{303}", "ΟΔΟΣ",
                     "caf\u{E9}", "cafe\u{301}", "\u{F1}"]
private let keys = ["region", "output", "s3", "sso_session", "sso_start_url", "k", "x_y", "ΑΣ", "\u{212A}ey", "Ü", "U\u{308}",
                    "k\u{E9}", "ke\u{301}"]
private let values = ["us-east-1", "", "v # c", "v ; c", "a=b", "x:y", "\"q\"", "%(x)s", "ü", "\u{3000}wide\u{3000}",
                      "https://d-1.awsapps.com/start#/", "\u{A0}nb", "t\tab", "[x]", "x\u{1C}", "\u{85}y", "v\u{2028}w",
                      "a\u{0B}b=c", "\u{0}", "é", "=\u{301}"]

private func header(_ rng: inout some RandomNumberGenerator, credentials: Bool) -> String {
    let n = pick(names, &rng)
    let forms = credentials
        ? ["[\(n)]", "[\(n)]", "[profile \(n)]", "[default]", "[DEFAULT]", "[ \(n)]", "[\(n)] ; c"]
        : ["[profile \(n)]", "[profile \(n)]", "[profile \(n)]", "[profile  \(n)]", "[profile\t\(n)]", "[profile \"\(n)\"]",
           "[profile '\(n)']", "[profile \(n) ]", "[default]", "[DEFAULT]", "[Default]", "[\(n)]", "[sso-session \(n)]",
           "[services \(n)]", "[ profile \(n)]", "[profile \(n)] ; note", "[profile \(n)]x]", "[profile \(n)]]", "  [profile \(n)]",
           "\t[default]", "[profile \"\(n)]", "[profile \(n)\\]", "[profile a\\ \(n)]", "[profile\u{A0}\(n)]", "[profile \(n)\u{3000}]",
           "[sso-session '\(n)']", "[profile-\(n) x]"]
    return pick(forms, &rng)
}

private func keyLine(_ key: String, _ rng: inout some RandomNumberGenerator) -> String {
    let k = Bool.random(using: &rng) ? key : pick([key.uppercased(), key.capitalized, key], &rng)
    let v = pick(values, &rng)
    return pick(["\(k) = \(v)", "\(k)=\(v)", "\(k): \(v)", "\(k):\(v)", "\(k)\t=\t\(v)", "\(k) =", "\(k) :", "\(k)  =  \(v)  ",
                 "\(k) = \(v)\t", "  \(k) = \(v)"], &rng)
}

private func continuation(_ rng: inout some RandomNumberGenerator) -> String {
    pick(["  \(pick(values, &rng))", "\t\(pick(values, &rng))", "  sub = 1", "  Sub=2", "    deeper = x", "  sub: 3",
          "\u{A0}cont", "   nested=\(pick(values, &rng))", "  [profile z]", "  = v", "  x = \(pick(values, &rng))", "\u{3000}w = 1",
          "  k = 1\u{0C}j = 2", "\u{2003}z = 3", "  \u{FEFF}bom = 1", "\u{1C}fs = 1"], &rng)
}

private let fillers = ["", "   ", "\t", "# c", "; c", "  # indented", "#", "; Do not edit. Section managed by Teleport."]
private let junk = ["junk", "= v", "[", "[]", "[x", "\u{FEFF}[default]", "k", ": v"]

/// One file: sections with unique-ish keys (mostly readable), or a free mix of lines (often fatal).
private func file(_ rng: inout some RandomNumberGenerator, credentials: Bool) -> [UInt8] {
    var lines: [String] = []
    if Int.random(in: 0..<10, using: &rng) < 6 {
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            if Bool.random(using: &rng) { lines.append(pick(fillers, &rng)) }
            lines.append(header(&rng, credentials: credentials))
            var unused = keys.shuffled(using: &rng)
            for _ in 0..<Int.random(in: 0...4, using: &rng) where !unused.isEmpty {
                lines.append(keyLine(unused.removeLast(), &rng))
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    lines.append(Int.random(in: 0..<3, using: &rng) == 0 ? pick(fillers, &rng) : continuation(&rng))
                }
            }
        }
    } else {
        if Int.random(in: 0..<10, using: &rng) < 9 { lines.append(header(&rng, credentials: credentials)) }
        for _ in 0..<Int.random(in: 1...14, using: &rng) {
            switch Int.random(in: 0..<20, using: &rng) {
            case 0..<4: lines.append(header(&rng, credentials: credentials))
            case 4..<10: lines.append(keyLine(pick(keys, &rng), &rng))
            case 10..<14: lines.append(continuation(&rng))
            case 14..<19: lines.append(pick(fillers, &rng))
            default: lines.append(pick(junk, &rng))
            }
        }
    }
    let ending = pick(["\n", "\n", "\n", "\r\n", "\r", "mixed"], &rng)
    var text = ""
    for line in lines {
        text += line
        text += ending == "mixed" ? pick(["\n", "\r\n", "\r"], &rng) : ending
    }
    if Bool.random(using: &rng), Int.random(in: 0..<4, using: &rng) == 0 { text.removeLast() }
    return Array(text.utf8)
}

/// A config, and sometimes a credentials file, from the grammar of tricky lines.
func grammarFiles(_ rng: inout some RandomNumberGenerator) -> (config: [UInt8], credentials: [UInt8]?) {
    let config = file(&rng, credentials: false)
    let credentials = Int.random(in: 0..<10, using: &rng) < 3 ? file(&rng, credentials: true) : nil
    return (config, credentials)
}

private let generatedCase = Generator<GeneratedCase, Shrink.None<GeneratedCase>>(run: { rng in
    let (config, credentials) = grammarFiles(&rng)
    return GeneratedCase(config: config, credentials: credentials)
})

// MARK: - Files that are not ordinary small files

@Suite("Reading unusual files")
struct UnusualFileTests {
    let root: URL
    let credentials: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sw-unusual-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        credentials = root.appendingPathComponent("credentials")
        try Data("[c]\naws_access_key_id = AKIAFAKE\n".utf8).write(to: credentials)
    }

    private func load(config: URL) -> Index {
        Index.load(paths: AWSPaths(config: config.path, credentials: credentials.path, home: root.path), fileSystem: LocalFileSystem())
    }

    @Test("a 50 MB config file is read completely")
    func fiftyMegabytes() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        // GIVEN 20,000 profiles with 2.3 KB values and nested blocks, then one 5 MB line
        let config = root.appendingPathComponent("config")
        var text = ""
        text.reserveCapacity(52_000_000)
        let long = String(repeating: "x", count: 2_300)
        for i in 0..<20_000 {
            text += "[profile p\(i)]\nregion = us-east-1\ncredential_process = \(long)\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n\n"
        }
        text += "[profile last]\nlong = " + String(repeating: "y", count: 5_000_000) + "\n"
        try Data(text.utf8).write(to: config)
        #expect(text.utf8.count > 50_000_000)
        // WHEN sw reads it
        let index = load(config: config)
        // THEN every profile is there and the long line is intact
        #expect(index.config.state == .read(byteCount: text.utf8.count))
        #expect(!index.isRefusedByBotocore)
        #expect(index.profiles.count == 20_002)
        #expect(index.profile(named: "p19999")?["credential_process"] == long)
        #expect(index.profile(named: "last")?["long"]?.utf8.count == 5_000_000)
    }

    @Test("a directory where the config file should be is skipped, as botocore skips it (os.path.isfile)")
    func directory() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: false)
        let index = load(config: config)
        #expect(index.config.state == .unusable(.directory))
        #expect(!index.isRefusedByBotocore)
        #expect(index.profiles.map(\.name) == ["c"])
    }

    @Test("a dangling symlink as the config file is skipped and reported with its target")
    func danglingSymlink() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("config")
        try FileManager.default.createSymbolicLink(atPath: config.path, withDestinationPath: root.appendingPathComponent("gone").path)
        let index = load(config: config)
        #expect(index.config.state == .unusable(.danglingSymlink(target: root.appendingPathComponent("gone").path)))
        #expect(!index.isRefusedByBotocore)
        #expect(index.profiles.map(\.name) == ["c"])
    }

    @Test("a FIFO as the config file is skipped without being opened or read")
    func fifo() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        // GIVEN a FIFO holding bytes, kept open by the test (so a read by sw would block for EOF)
        let config = root.appendingPathComponent("config")
        #expect(mkfifo(config.path, 0o600) == 0)
        let fd = open(config.path, O_RDWR | O_NONBLOCK)
        try #require(fd >= 0)
        defer { close(fd) }
        let payload = Array("[profile from-fifo]\nregion = x\n".utf8)
        #expect(write(fd, payload, payload.count) == payload.count)
        // WHEN sw loads (this returns at all only because sw does not open the FIFO)
        let index = load(config: config)
        // THEN it is skipped, and the bytes are still in the FIFO: sw did not consume them
        #expect(index.config.state == .unusable(.notRegular))
        #expect(index.profile(named: "from-fifo") == nil)
        var back = [UInt8](repeating: 0, count: 256)
        #expect(read(fd, &back, back.count) == payload.count)
    }

    @Test("a config file without read permission: skipped when unreadable, read when the user can read it anyway (root)")
    func noReadPermission() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("config")
        try Data("[profile secret]\nregion = x\n".utf8).write(to: config)
        #expect(chmod(config.path, 0o000) == 0)
        let index = load(config: config)
        // Whether the bytes can be read depends on who runs the tests: root (as in CI) reads a 000
        // file, and so does botocore, so the observable contract differs. Decide by trying.
        let readable = open(config.path, O_RDONLY)
        if readable >= 0 {
            close(readable)
            #expect(index.config.state == .read(byteCount: 28))
            #expect(index.profile(named: "secret") != nil)
        } else {
            // botocore's configparser skips files it cannot open, so the profile does not exist.
            #expect(index.config.state == .unusable(.permissionDenied))
            #expect(index.profile(named: "secret") == nil)
            #expect(!index.isRefusedByBotocore)
        }
    }

    @Test("binary garbage is refused as not UTF-8, without a crash")
    func binaryGarbage() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("config")
        var rng = SystemRandomNumberGenerator()
        var bytes = (0..<1_000_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[500_000] = 0xFF  // never valid in UTF-8
        try Data(bytes).write(to: config)
        let index = load(config: config)
        #expect(index.config.isRefusedByBotocore)
        #expect(index.config.parseFailures.contains { $0.0 == .notUTF8 })
    }
}
