import Foundation
import Synchronization
import Testing
@testable import ProfileIndex
import TestSupport

// sw's index cache (IndexCache): a snapshot answers exactly what parsing the files answers, is
// used only while the files are unchanged, never holds a secret, and a damaged one is never
// believed.

private let caseSlugs = ConfigOracle.caseSlugs

/// A wall clock far after any file in these tests was written, so that every file has settled.
private let later = Int(Date().timeIntervalSince1970) + 3600

/// A temporary home with the AWS files and the cache folder.
private struct Scratch {
    let home: TemporaryHome
    var root: URL { home.root }
    var paths: AWSPaths { AWSPaths(config: root.appendingPathComponent("config").path,
                                   credentials: root.appendingPathComponent("credentials").path, home: root.path) }
    var cache: IndexCache { IndexCache(directory: root.appendingPathComponent("cache/sw").path, identity: Array("test-build-1".utf8)) }

    init(config: String?, credentials: String? = nil) throws {
        try self.init(config: config.map { Array($0.utf8) }, credentials: credentials.map { Array($0.utf8) })
    }

    init(config: [UInt8]?, credentials: [UInt8]?) throws {
        home = try TemporaryHome("sw-cache")
        if let config { try write(config: Data(config)) }
        if let credentials { try Data(credentials).write(to: URL(fileURLWithPath: paths.credentials)) }
    }

    func write(config: Data) throws { try config.write(to: URL(fileURLWithPath: paths.config)) }

    func snapshotBytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: cache.file(for: paths))) }

    /// Deletes the folder now rather than when the last copy goes.
    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The local file system, counting the snapshot mappings it hands out and how many are still held.
private final class MappingRecorder: FileSystem, @unchecked Sendable {
    private let local = LocalFileSystem()
    private let mappings = Mutex<[Weak]>([])

    private struct Weak { weak var mapping: MappedFile? }

    var mapped: Int { mappings.withLock { $0.count } }
    var live: Int { mappings.withLock { $0.filter { $0.mapping != nil }.count } }

    func map(_ path: String) -> MappedFile? {
        guard let mapping = local.map(path) else { return nil }
        mappings.withLock { $0.append(Weak(mapping: mapping)) }
        return mapping
    }

    func status(_ path: String) -> Result<FileStatus, FileError> { local.status(path) }
    func linkStatus(_ path: String) -> Result<FileStatus, FileError> { local.linkStatus(path) }
    func linkTarget(_ path: String) -> String? { local.linkTarget(path) }
    func resolvedPath(_ path: String) -> String? { local.resolvedPath(path) }
    func input(_ path: String, limit: Int) -> Result<[UInt8], FileError> { local.input(path, limit: limit) }
    func contents(_ path: String, limit: Int) -> Result<[UInt8], FileError> { local.contents(path, limit: limit) }
    func entries(ofDirectory path: String) -> Result<[String], FileError> { local.entries(ofDirectory: path) }
    func isExecutable(_ path: String) -> Bool { local.isExecutable(path) }
    func replace(_ path: String, with bytes: [UInt8], permissions: UInt32) -> Result<Void, FileError> {
        local.replace(path, with: bytes, permissions: permissions)
    }
    func append(_ bytes: [UInt8], to path: String, permissions: UInt32) -> Result<Int, FileError> {
        local.append(bytes, to: path, permissions: permissions)
    }
    func createDirectories(_ path: String, permissions: UInt32) -> Result<Void, FileError> {
        local.createDirectories(path, permissions: permissions)
    }
    func withLock<T>(_ path: String, shared: Bool, _ body: (Bool) -> T) -> T { local.withLock(path, shared: shared, body) }
}

/// Everything an Index answers, with secrets shown as a snapshot keeps them.
private struct Answers: Equatable, CustomStringConvertible {
    var config: Index.File
    var credentials: Index.File
    var names: [String]
    var profiles: [Profile]
    var single: [Profile?]
    var sessions: [SSOSession]
    var problems: [Problem]
    var logins: [LoginKey: [String]]
    var groupSizes: [Int]
    var chains: [[String]]
    var regions: [String?]
    var effectiveLogins: [LoginKey?]

    init(_ index: Index, askingSingleFirst: Bool) {
        config = index.config
        credentials = index.credentials
        // One profile at a time before (or after) all of them: both paths of the store.
        let names = index.profileNames
        if askingSingleFirst {
            single = names.map { index.profile(named: $0) }
            profiles = index.profiles
        } else {
            profiles = index.profiles
            single = names.map { index.profile(named: $0) }
        }
        self.names = names
        single = single.map { $0.map(redacted) }
        profiles = profiles.map(redacted)
        sessions = index.ssoSessions.map { s in var s = s; s.settings = s.settings.map(redacted); return s }
        problems = index.problems
        logins = index.logins
        groupSizes = index.logins.keys.sorted { $0.cacheKey < $1.cacheKey }.map { index.loginGroupSize($0) }
        chains = names.map { index.sourceChain(of: $0).chain.map(\.name) }
        regions = names.map { index.effectiveRegion(of: $0) }
        effectiveLogins = index.profiles.map { index.effectiveLoginKey(of: $0) }
    }

    var description: String { "\(names.count) profiles, \(sessions.count) sessions, \(problems.count) problems" }
}

/// Everything a profile's record read in place answers, as exact bytes (secrets as a snapshot
/// keeps them), from either kind of ProfileSource.
private struct RecordAnswers: Equatable {
    var fields: [[UInt8]?]
    var kind: ProfileKind
    var origin: Origin
    var markersLost: Bool
    var settings: [[[UInt8]]]
    var links: [[UInt8]]
    var login: LoginKey?
    var ownLogin: Bool?

    init<S: ProfileSource>(_ p: S.Fields, in source: S, bytes: (S.Fields.Text) -> [UInt8]) {
        let location = p.location, credentials = p.credentialsLocation
        fields = [bytes(p.name), bytes(location.file), Array("\(location.line)".utf8), credentials.map { bytes($0.file) },
                  credentials.map { Array("\($0.line)".utf8) }]
            + [p.accountID, p.accountName, p.roleName, p.region, p.ssoSession, p.ssoStartURL, p.ssoRegion].map { $0.map(bytes) }
        kind = p.kind
        origin = p.origin
        markersLost = p.markersLost
        settings = source.withSettings(of: p) { settings, nested in
            settings.map { s in
                let key = bytes(s.key)
                let redact = Setting.secretKeys.contains(String(decoding: key, as: UTF8.self))
                var row = [key, bytes(s.location.file), Array("\(s.location.line)".utf8)]
                switch s.value {
                case .string(let v): row.append(redact ? Array("<redacted>".utf8) : bytes(v))
                case .nested(let range):
                    for e in range.map({ nested[$0] }) {
                        let secret = redact || Setting.secretKeys.contains(String(decoding: bytes(e.key), as: UTF8.self))
                        row += [bytes(e.key), secret ? Array("<redacted>".utf8) : bytes(e.value)]
                    }
                }
                return row
            }
        }
        var links: [[UInt8]] = []
        source.forEachSourceLink(of: p) { links.append(bytes($0)) }
        self.links = links
        let login = source.effectiveLogin(of: p)
        self.login = login.map { source.loginKey($0.id) }
        ownLogin = login?.own
    }
}

private func redacted(_ p: Profile) -> Profile {
    var p = p
    p.settings = p.settings.map(redacted)
    return p
}

/// Secret values at every depth: a secret key's values, and secret keys nested under any key.
private func redacted(_ s: Setting) -> Setting {
    var s = s
    switch s.value {
    case .string: if s.isSecret { s.value = .string("<redacted>") }
    case .nested(let entries):
        s.value = .nested(entries.map { .init(key: $0.key, value: s.isSecret || Setting.secretKeys.contains($0.key) ? "<redacted>" : $0.value) })
    }
    return s
}

/// A config with every kind of snapshot field: sessions, both locations, all optional fields, a
/// chain, nested values, a credentials-only profile, a non-ASCII name and a problem.
private let mutationFiles = (config: """
    [sso-session corp]
    sso_start_url = https://d-1.awsapps.com/start
    sso_region = us-east-1
    [profile a]
    sso_session = corp
    sso_account_id = 111111111111
    sso_role_name = Admin
    region = eu-west-1
    [profile teleport-awsic-acct-Role]
    sso_start_url = https://d-2.awsapps.com/start
    sso_region = us-east-1
    sso_account_id = 2
    sso_role_name = Role
    [profile b]
    source_profile = a
    role_arn = arn:aws:iam::222222222222:role/Deploy
    [profile c]
    s3 =
      max_concurrent_requests = 10
    [profile d\u{E9}]
    region = "quoted\\"
    [profile e]
    region = us-east-2 # not a comment
    [oops]
    """, credentials: "[a]\naws_access_key_id = AKIA1\n[only-creds]\naws_access_key_id = AKIA2\n")

/// Where a snapshot's key ends: the bytes after it are what the mutation tests change.
private func snapshotKeyEnd(_ snapshot: [UInt8]) -> Int {
    SnapshotFormat.magic.count + 4 + 4 + Int(snapshot[SnapshotFormat.magic.count + 4]) + Int(snapshot[SnapshotFormat.magic.count + 5]) << 8
}

/// The mutation tests' start: `mutationFiles` in a scratch folder, their snapshot written, its
/// bytes and where its key ends (bytes after it can change while the snapshot is still opened).
private func validMutationSnapshot() throws -> (scratch: Scratch, bytes: [UInt8], keyEnd: Int) {
    let scratch = try Scratch(config: mutationFiles.config, credentials: mutationFiles.credentials)
    #expect(Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later).1 == .written)
    let bytes = [UInt8](try scratch.snapshotBytes())
    return (scratch, bytes, snapshotKeyEnd(bytes))
}

@Suite("Index cache")
struct IndexCacheTests {
    @Test("a snapshot answers exactly what parsing the files answers, for every conformance case", arguments: caseSlugs)
    func snapshotAgreesWithParsing(slug: String) throws {
        // GIVEN a conformance case's files
        let paths = ConfigOracle.paths(ofCase: slug)
        let scratch = try Scratch(config: nil)
        defer { scratch.remove() }
        let cache = scratch.cache

        // WHEN it is loaded once (parsed, snapshot written) and again (from the snapshot)
        let (parsed, first) = Index.load(paths: paths, fileSystem: LocalFileSystem(), cache: cache, now: later)
        let (cached, second) = Index.load(paths: paths, fileSystem: LocalFileSystem(), cache: cache, now: later)

        // THEN the second load came from the snapshot, and both answer the same, asked either way
        #expect(first == .written)
        #expect(second == .hit)
        #expect(Answers(cached, askingSingleFirst: true) == Answers(parsed, askingSingleFirst: false))
        #expect(Answers(cached, askingSingleFirst: false) == Answers(parsed, askingSingleFirst: true))
    }

    @Test("a snapshot answers exactly what a fresh parse of the same bytes answers, for 150 configs built from a grammar of tricky lines")
    func snapshotAgreesWithParsingOnGeneratedConfigs() throws {
        var rng = SplitMix(seed: 14)
        for round in 0..<150 {
            // GIVEN generated files, loaded once (snapshot written) and again (from the snapshot)
            let (config, credentials) = grammarFiles(&rng)
            let scratch = try Scratch(config: config, credentials: credentials)
            defer { scratch.remove() }
            let (_, first) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
            let (cached, second) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
            #expect(first == .written)
            #expect(second == .hit)

            // WHEN the same bytes are parsed afresh, without any file
            let fresh = Index(config: config, configPath: scratch.paths.config, credentials: credentials,
                              credentialsPath: scratch.paths.credentials)

            // THEN every answer is the same: profiles, kinds, origins, problems, sessions, logins,
            // effective regions and chains, asked either way round; and every record read in place
            #expect(Answers(cached, askingSingleFirst: round % 2 == 0) == Answers(fresh, askingSingleFirst: round % 2 == 1),
                    "\(String(decoding: config, as: UTF8.self))")
            let records = try #require(cached.profileRecords)
            let profiles = fresh.profiles
            #expect(records.count == profiles.count)
            for (i, profile) in profiles.enumerated() where i < records.count {
                #expect(RecordAnswers(records.record(at: i), in: records, bytes: { Array($0.utf8) })
                    == RecordAnswers(profile, in: fresh, bytes: { Array($0.utf8) }), "\(profile.name)")
            }
        }
    }

    @Test("a snapshot's mapping is released with the last index that reads it, and at once when its key does not match")
    func snapshotMappingIsReleased() throws {
        let scratch = try Scratch(config: "[profile a]\nregion = eu-west-1\n[profile b]\nsource_profile = a\n")
        defer { scratch.remove() }
        let files = MappingRecorder()
        #expect(Index.load(paths: scratch.paths, fileSystem: files, cache: scratch.cache, now: later).1 == .written)

        // WHEN the snapshot answers, and the index is dropped
        do {
            let (index, outcome) = Index.load(paths: scratch.paths, fileSystem: files, cache: scratch.cache, now: later)
            #expect(outcome == .hit)
            #expect(index.effectiveRegion(of: "b") == "eu-west-1")
            #expect(files.mapped == 1 && files.live == 1)
            withExtendedLifetime(index) {}
        }
        // THEN its mapping is gone
        #expect(files.live == 0)

        // AND a snapshot of another build is unmapped as soon as its key is read
        var other = scratch.cache
        other.identity = Array("test-build-2".utf8)
        let (_, outcome) = Index.load(paths: scratch.paths, fileSystem: files, cache: other, now: later)
        #expect(outcome == .written)
        #expect(files.mapped == 2 && files.live == 0)
    }

    @Test("records read in place from a snapshot answer exactly what the parsed Profiles answer, byte for byte, for every conformance case",
          arguments: caseSlugs)
    func recordsAgreeWithProfiles(slug: String) throws {
        // GIVEN a conformance case's files, parsed and then loaded from their snapshot
        let paths = ConfigOracle.paths(ofCase: slug)
        let scratch = try Scratch(config: nil)
        defer { scratch.remove() }
        let (parsed, _) = Index.load(paths: paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        let (cached, outcome) = Index.load(paths: paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        #expect(outcome == .hit)
        #expect(parsed.profileRecords == nil)

        // WHEN each profile is read in place
        let records = try #require(cached.profileRecords)

        // THEN in the same order, with the same fields, settings, chain and login as the Profile
        #expect(records.count == parsed.profiles.count)
        for (i, profile) in parsed.profiles.enumerated() where i < records.count {
            let record = records.record(at: i)
            #expect(RecordAnswers(record, in: records, bytes: { Array($0.utf8) })
                == RecordAnswers(profile, in: parsed, bytes: { Array($0.utf8) }), "\(profile.name)")
        }

        // AND the snapshot decodes every Profile itself, settings in the order defined (a writer
        // bug would otherwise go unseen: the index quietly parses the files instead)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: scratch.cache.file(for: paths))))
        try bytes.withUnsafeBytes { buffer in
            let snapshot = try #require(Snapshot(buffer))
            #expect(try snapshot.profiles() == parsed.profiles.map(redacted))
        }
    }

    @Test("strings that differ only in Unicode normalisation keep their own bytes in a snapshot and stay two, read in place, as for botocore")
    func canonicallyEqualStringsKeepTheirBytes() throws {
        // GIVEN values and session names written precomposed and decomposed
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}"
        let scratch = try Scratch(config: """
            [profile a]
            sso_session = \(nfc)
            sso_account_id = 1
            role_arn = \(nfc)
            [profile b]
            sso_session = \(nfd)
            sso_account_id = 1
            role_arn = \(nfd)
            [profile c]
            source_profile = b
            role_arn = x
            sso_session = \(nfc)
            """)
        defer { scratch.remove() }
        let (parsed, _) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)

        // WHEN the snapshot is read back, as Profiles and in place
        let (cached, outcome) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        #expect(outcome == .hit)
        let records = try #require(cached.profileRecords)

        // THEN each value has the bytes it was written with
        let bytes = { (name: String) in cached.profile(named: name).flatMap { $0["role_arn"] }.map { Array($0.utf8) } }
        #expect(bytes("a") == Array(nfc.utf8))
        #expect(bytes("b") == Array(nfd.utf8))
        #expect(cached.profiles.map { $0.ssoSession.map { Array($0.utf8) } } == parsed.profiles.map { $0.ssoSession.map { Array($0.utf8) } })
        // AND read in place, the two spellings are two sessions and two logins (code points, as
        // LoginKey's `==` and botocore have it), and c's own session (NFC) is not the login its
        // source b (NFD) gives it, exactly as for Profiles
        let (a, b, c) = (records.record(at: 0), records.record(at: 1), records.record(at: 2))
        #expect(a.ssoSession != b.ssoSession)
        #expect(records.effectiveLogin(of: a)?.id != records.effectiveLogin(of: b)?.id)
        #expect(records.loginKey(records.effectiveLogin(of: c)!.id) == .session(nfd))
        #expect(records.effectiveLogin(of: c)?.own == parsed.effectiveLogin(of: parsed.profiles[2])?.own)
        #expect(records.effectiveLogin(of: c)?.own == false)
    }

    @Test("a snapshot keeps which sections lost their generator's markers, and the account names the files give")
    func snapshotKeepsMarkersLostAndAccountNames() throws {
        // GIVEN a home Leapp rewrote (Teleport's comments and aws-sso-cli's block lines gone) and
        // profiles whose account names come from sso_account_name, granted and aws-sso-cli names
        let scratch = try Scratch(config: teleportStripped + """
            [profile billing]
            credential_process=tsh apps config --format aws-credential-process billing

            [profile research:Admin]
            credential_process = aws-sso -u open -S "Default" process --arn arn:aws:iam::333344445555:role/Admin

            [profile util]
            sso_account_name = Billing
            sso_account_id = 123456789012
            sso_role_name = Admin
            sso_start_url = https://x.awsapps.com/start

            [profile Sandbox/Admin]
            granted_sso_account_id = 222233334444
            granted_sso_role_name = Admin
            common_fate_generated_from = aws-sso
            """, credentials: "[saml]\nx_principal_arn = arn:aws:sts::444455556666:assumed-role/Dev/me\n")
        defer { scratch.remove() }

        // WHEN it is parsed (snapshot written) and loaded again from the snapshot
        let (parsed, first) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        let (cached, second) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        #expect(first == .written && second == .hit)

        // THEN the snapshot answers the same, flags and names included, as Profiles and as records
        #expect(Answers(cached, askingSingleFirst: true) == Answers(parsed, askingSingleFirst: false))
        #expect(cached.profiles.filter(\.markersLost).map(\.name) == ["billing", "research:Admin", "teleport-awsic-dev-admin"])
        #expect(cached.ssoSession(named: "teleport-d-123")?.markersLost == true)
        #expect(cached.profiles.compactMap(\.accountName) == ["Sandbox", "research", "dev", "Billing"])
        #expect(cached.profile(named: "saml")?.accountID == "444455556666")
        let records = try #require(cached.profileRecords)
        for i in 0..<records.count {
            #expect(records.record(at: i).markersLost == parsed.profiles[i].markersLost, "\(parsed.profiles[i].name)")
        }
    }

    @Test("a changed config is parsed again, even with the same size and modification time")
    func changedFileIsParsedAgain() throws {
        // GIVEN a snapshot of a config
        let scratch = try Scratch(config: "[profile a]\nregion = eu-west-1\n")
        defer { scratch.remove() }
        let mtime = try FileManager.default.attributesOfItem(atPath: scratch.paths.config)[.modificationDate] as! Date
        #expect(Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later).1 == .written)

        // WHEN the file is rewritten with other bytes of the same length and its old mtime
        try scratch.write(config: Data("[profile b]\nregion = us-east-1\n".utf8))
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: scratch.paths.config)
        let (index, outcome) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)

        // THEN the snapshot is not used (the change time and inode data differ) and the new file is read
        #expect(outcome == .written)
        #expect(index.profileNames == ["b"])
        #expect(index.profile(named: "b")?.region == "us-east-1")
    }

    @Test("a file changed in the last seconds is parsed and not cached, so a second edit in the same tick is never missed")
    func recentlyChangedFileIsNotCached() throws {
        let scratch = try Scratch(config: "[profile a]\n")
        defer { scratch.remove() }
        let (index, outcome) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: Int(Date().timeIntervalSince1970))
        #expect(outcome == .parsed("an AWS file changed in the last 2 seconds"))
        #expect(index.profileNames == ["a"])
        #expect(!FileManager.default.fileExists(atPath: scratch.cache.file(for: scratch.paths)))
    }

    @Test("a snapshot written by another sw build is not used")
    func otherBuildIsNotTrusted() throws {
        let scratch = try Scratch(config: "[profile a]\n")
        defer { scratch.remove() }
        #expect(Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later).1 == .written)
        var other = scratch.cache
        other.identity = Array("test-build-2".utf8)
        #expect(Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: other, now: later).1 == .written)
    }

    @Test("a credentials file appearing, or a config disappearing, invalidates the snapshot")
    func fileAppearingOrDisappearing() throws {
        let scratch = try Scratch(config: "[profile a]\n")
        defer { scratch.remove() }
        #expect(Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later).1 == .written)
        try Data("[a]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n".utf8).write(to: URL(fileURLWithPath: scratch.paths.credentials))
        let (withCredentials, outcome) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        #expect(outcome == .written)
        #expect(withCredentials.profile(named: "a")?.kind == .staticKeys)
        try FileManager.default.removeItem(atPath: scratch.paths.config)
        let (withoutConfig, third) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        #expect(third == .written)
        #expect(withoutConfig.config.state == .missing)
    }

    @Test("the snapshot never holds a secret value, is mode 0600 in a 0700 folder")
    func noSecretsAndPrivateFile() throws {
        // GIVEN secrets in both files
        let scratch = try Scratch(config: "[profile a]\naws_session_token = CANARY-CONFIG-TOKEN\n",
                                  credentials: "[a]\naws_access_key_id = AKIAVISIBLE\naws_secret_access_key = CANARY-SECRET-KEY\naws_security_token =\n  CANARY-NESTED\n")
        defer { scratch.remove() }
        // WHEN a snapshot is written
        #expect(Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later).1 == .written)
        // THEN no secret is in it, the key id is, and only the owner can read it
        let bytes = try scratch.snapshotBytes()
        for secret in ["CANARY-CONFIG-TOKEN", "CANARY-SECRET-KEY", "CANARY-NESTED"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the snapshot")
        }
        #expect(bytes.range(of: Data("AKIAVISIBLE".utf8)) != nil)
        let fileMode = try FileManager.default.attributesOfItem(atPath: scratch.cache.file(for: scratch.paths))[.posixPermissions] as! Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: scratch.cache.directory)[.posixPermissions] as! Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
    }

    @Test("a truncated or foreign snapshot is not used", arguments: ["truncated", "empty", "garbage", "longer"])
    func damagedSnapshotIsNotUsed(damage: String) throws {
        let scratch = try Scratch(config: "[profile a]\nregion = eu-west-1\n[profile b]\nsource_profile = a\n")
        defer { scratch.remove() }
        #expect(Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later).1 == .written)
        let file = URL(fileURLWithPath: scratch.cache.file(for: scratch.paths))
        var bytes = try scratch.snapshotBytes()
        switch damage {
        case "truncated": bytes = bytes.prefix(bytes.count - 3)
        case "empty": bytes = Data()
        case "garbage": bytes = Data((0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 131) })
        default: bytes.append(0)
        }
        try bytes.write(to: file)
        let (index, outcome) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        #expect(outcome == .written)
        #expect(index.effectiveRegion(of: "b") == "eu-west-1")
    }

    @Test("a snapshot whose records are damaged (right length and key) answers from the files instead")
    func damagedRecordFallsBackToTheFiles() throws {
        // GIVEN a valid snapshot whose first profile record is overwritten with bytes that do not decode
        let scratch = try Scratch(config: "[profile alpha]\nregion = eu-west-1\n[profile beta]\nregion = us-east-2\n")
        defer { scratch.remove() }
        #expect(Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later).1 == .written)
        var bytes = try scratch.snapshotBytes()
        let name = try #require(bytes.range(of: Data("alpha".utf8)))
        bytes.replaceSubrange((name.lowerBound - 4)..<name.upperBound, with: Data(repeating: 0xFF, count: 9))
        try bytes.write(to: URL(fileURLWithPath: scratch.cache.file(for: scratch.paths)))

        // WHEN it is loaded (the header still matches) and asked about the profiles
        let (index, outcome) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)

        // THEN every answer is the files' own
        #expect(outcome == .hit)
        #expect(index.profile(named: "beta")?.region == "us-east-2")
        #expect(index.profileNames == ["alpha", "beta"])
        #expect(index.profiles.map(\.region) == ["eu-west-1", "us-east-2"])
    }

    @Test("a snapshot with random bytes changed after its key never crashes sw: every question gets an answer")
    func mutatedSnapshotsNeverCrash() throws {
        // GIVEN a valid snapshot of a config with sessions, chains, nested values and problems
        let (scratch, valid, keyEnd) = try validMutationSnapshot()
        defer { scratch.remove() }
        var rng = SplitMix(seed: 2026)
        for round in 0..<300 {
            // WHEN 1 to 8 bytes after the key are replaced (so the snapshot is still opened)
            var bytes = valid
            for _ in 0...(round % 8) {
                bytes[Int.random(in: keyEnd..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: scratch.cache.file(for: scratch.paths)))
            let (index, _) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
            // THEN records read in place either do not check out or read whole
            if let records = index.profileRecords {
                for i in 0..<records.count {
                    _ = RecordAnswers(records.record(at: i), in: records, bytes: { Array($0.utf8) })
                }
            }
            // AND every question returns (from the snapshot or, when it does not decode, the files)
            _ = Answers(index, askingSingleFirst: round % 2 == 0)
            _ = index.profiles.map { index.effectiveLoginKey(of: $0) }
            _ = index.ssoSession(named: "corp")
        }
    }

    @Test("every single-byte change to a snapshot either fails the records' check or leaves every record readable in place")
    func everyByteChangeIsCheckedForRecords() throws {
        // GIVEN a valid snapshot with every kind of record field
        let (scratch, valid, keyEnd) = try validMutationSnapshot()
        defer { scratch.remove() }
        var checkedOut = 0
        for position in keyEnd..<valid.count {
            for value in Set<UInt8>([0, 1, 2, 3, 4, 0x22, 0x7F, 0x80, 0xFF, valid[position] ^ 1, valid[position] &+ 1]) {
                // WHEN one byte after the key is changed and the records are checked
                var bytes = valid
                bytes[position] = value
                try bytes.withUnsafeBytes { buffer in
                    guard let snapshot = Snapshot(buffer), let records = ProfileRecords(checking: snapshot) else { return }
                    // THEN every record reads whole (a read that fails after the check would stop the process)
                    checkedOut += 1
                    for i in 0..<records.count {
                        let answers = RecordAnswers(records.record(at: i), in: records, bytes: { Array($0.utf8) })
                        for field in answers.fields.compactMap({ $0 }) + answers.settings.joined() + answers.links {
                            try #require(String(validating: field, as: UTF8.self) != nil)
                        }
                    }
                }
            }
        }
        // Changes the check cannot see (line numbers, a string's number) still read whole.
        #expect(checkedOut > 0)
    }

    @Test("an unreadable AWS file is reported as such and never cached")
    func unusableFileIsNotCached() throws {
        let scratch = try Scratch(config: nil)
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.paths.config, withIntermediateDirectories: true)
        let (index, outcome) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        #expect(outcome == .parsed("an AWS file is not a readable regular file"))
        #expect(index.config.state == .unusable(.directory))
        #expect(!FileManager.default.fileExists(atPath: scratch.cache.file(for: scratch.paths)))
    }

    @Test("a cache folder that cannot be created leaves the index parsed and correct")
    func unwritableCacheFolder() throws {
        let scratch = try Scratch(config: "[profile a]\n")
        defer { scratch.remove() }
        // A regular file where the cache folder's parent should be.
        try Data().write(to: scratch.root.appendingPathComponent("cache"))
        let (index, outcome) = Index.load(paths: scratch.paths, fileSystem: LocalFileSystem(), cache: scratch.cache, now: later)
        #expect(outcome == .parsed("cannot write \(scratch.cache.file(for: scratch.paths))"))
        #expect(index.profileNames == ["a"])
    }
}
