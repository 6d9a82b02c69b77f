#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The built index in a compact binary form, so that a later run can answer from it instead of
/// parsing the AWS files again (see IndexCache for when it is trusted).
///
/// Layout (integers are little-endian UInt32; a string is its number in the string table, or in
/// the key and the files table its length and UTF-8 bytes; nil is 0xFFFFFFFF):
///
///     magic "SWIDX" 0 0 6 | payload length | key | offsets of the six tables |
///     files | profiles | sessions (their names, then each) | problems | logins | strings
///
/// The profiles section is fixed-size words (RecordLayout): a record per profile (name, both
/// locations, kind, origin, the seven optional fields, `source_profile` and the position of the
/// profile it names, the profile's effective login, where its settings are), then every
/// profile's settings in key order (each with its place in the order defined), then the
/// entries of nested settings. So records can be checked once in one linear pass and then read
/// with plain loads (ProfileRecords), and `sw list --json` neither sorts settings nor follows
/// chains to find logins. A string-table entry is its own number (bits 31 and 30 say whether it
/// is ASCII and plain), then its length and bytes: strings are stored once per code point
/// sequence, so `café` written precomposed and decomposed stay two strings, as botocore sees
/// them, and two table strings are equal exactly when their numbers are.
///
/// There is no checksum: hashing 2 MB would cost `sw use` more than everything else it does with
/// the snapshot. A snapshot is written aside and renamed into place (never half-written), its
/// length must match, the sections must lie within it, and every number read is checked before
/// it is used: a record that does not decode makes the index parse the AWS files after all.
///
/// Profiles are stored sorted by name, so one profile is found by a binary search that decodes
/// only names, and `sw use NAME` never decodes the other thousands.
/// Secret values (`aws_secret_access_key`, `aws_session_token`, `aws_security_token`) are never
/// written: they are stored as `<redacted>`, which is all `sw` ever shows of them.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []
    /// Every distinct string once: a config repeats its keys, regions, sessions and roles
    /// thousands of times, and reading the snapshot back makes each String only once. Keyed by
    /// code points, so `caf\u{E9}` and `cafe\u{301}` are two strings, as botocore sees them.
    private var stringIDs: [ExactString: Int] = [:]
    private var strings: [(string: String, ascii: Bool, plain: Bool)] = []

    static let magic: [UInt8] = Array("SWIDX".utf8) + [0, 0, 6]
    /// A string-table entry's tag: its own number (SnapshotText.canonical), bit 31 when it is
    /// not ASCII, bit 30 when it is not plain (SnapshotText.isPlain).
    static let notASCII: UInt32 = 1 << 31
    static let notPlain: UInt32 = 1 << 30
    static let canonicalMask: UInt32 = notPlain - 1
    /// A record's source position when it has no source_profile, or one that names no profile.
    static let noSource = Int(UInt32.max)
    static let missingSource = Int(UInt32.max - 1)
    static let redacted = "<redacted>"

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u32(_ v: Int) {
        let v = UInt32(truncatingIfNeeded: v)
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    mutating func patchU32(at offset: Int, _ v: Int) {
        let v = UInt32(truncatingIfNeeded: v)
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
    }

    /// A string in place: length and UTF-8 bytes.
    mutating func rawStr(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            u32(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A string as its number in the string table.
    mutating func str(_ s: String) { u32(stringID(s)) }

    /// The number of a string in the string table, added if new.
    mutating func stringID(_ s: String) -> Int {
        let key = ExactString(s)
        if let id = stringIDs[key] { return id }
        var s = s
        let (ascii, plain) = s.withUTF8 { SnapshotText.scan(UnsafeRawBufferPointer($0)) }
        strings.append((s, ascii, plain))
        stringIDs[key] = strings.count - 1
        return strings.count - 1
    }

    /// The string table: count, each entry's offset, then the entries (number and tags, string).
    mutating func stringTable() {
        u32(strings.count)
        let offsets = bytes.count
        for _ in strings { u32(0) }
        for (i, s) in strings.enumerated() {
            patchU32(at: offsets + 4 * i, bytes.count)
            u32(i | (s.ascii ? 0 : Int(SnapshotWriter.notASCII)) | (s.plain ? 0 : Int(SnapshotWriter.notPlain)))
            rawStr(s.string)
        }
    }

    mutating func bytes(_ b: [UInt8]) {
        u32(b.count)
        bytes.append(contentsOf: b)
    }

    mutating func optStr(_ s: String?) {
        if let s { str(s) } else { u32(Int(UInt32.max)) }
    }

    /// A location in one of the two AWS files is a tag, not the path again.
    mutating func location(_ l: SourceLocation, _ files: (config: String, credentials: String)) {
        switch l.file {
        case files.config: u8(0)
        case files.credentials: u8(1)
        default: u8(2); str(l.file)
        }
        u32(l.line)
    }

    mutating func optLocation(_ l: SourceLocation?, _ files: (config: String, credentials: String)) {
        guard let l else { return u8(3) }
        location(l, files)
    }

    mutating func settings(_ settings: [Setting], _ files: (config: String, credentials: String)) {
        u32(settings.count)
        for s in settings {
            str(s.key)
            switch s.value {
            case .string(let v):
                u8(0)
                str(s.isSecret ? SnapshotWriter.redacted : v)
            case .nested(let entries):
                u8(1)
                u32(entries.count)
                for e in entries {
                    str(e.key)
                    str(s.isSecret || Setting.secretKeys.contains(e.key) ? SnapshotWriter.redacted : e.value)
                }
            }
            location(s.location, files)
        }
    }
}

/// A damaged or foreign snapshot: never trusted, the files are parsed instead.
struct SnapshotDamaged: Error {}

/// The profiles section: a count and that many records of `Word.count` little-endian UInt32s;
/// a count and the settings (`SettingWord.count` words each; a profile's settings are
/// consecutive, in key order); a count and the entries of nested settings (key, value).
/// Fixed sizes let a record be checked once and then read with plain loads (ProfileRecords).
enum RecordLayout {
    /// A record's words.
    enum Word {
        static let name = 0, file = 1, line = 2, credentialsFile = 3, credentialsLine = 4, kind = 5, origin = 6
        /// accountID, roleName, accountName, region, ssoSession, ssoStartURL, ssoRegion, sourceProfile.
        static let texts = 7
        /// The position of the profile `source_profile` names (SnapshotWriter.noSource, .missingSource).
        static let sourcePosition = 15
        /// The text of Index.effectiveLoginKey (a session name or start URL) and its LoginFlags.
        static let login = 16, loginFlags = 17
        static let settingsStart = 18, settingsCount = 19
        static let count = 20
    }

    /// A setting's words: the value is a string number, or `nested` and the range of its entries.
    enum SettingWord {
        static let key = 0, value = 1, nestedStart = 2, nestedCount = 3, file = 4, line = 5
        /// Its position among the profile's settings as defined (a Profile keeps that order).
        static let rank = 6
        static let count = 7
    }

    /// A missing optional string (as everywhere in a snapshot).
    static let noText = Int(UInt32.max)
    static let nested = Int(UInt32.max)
    /// The file of a location: one of the two AWS files, or a string number plus `otherFile`;
    /// `noFile` for a missing credentials location.
    static let configFile = 0, credentialsFile = 1, otherFile = 2
    static let noFile = Int(UInt32.max)
    static let noLogin = Int(UInt32.max)
    /// The origin word: the origin's position in Snapshot.origins, plus this bit when the
    /// generator's markers are lost (Profile.markersLost).
    static let markersLost = 0x100

    /// The origin and markers-lost flag of an origin word, or nil for a word no writer makes.
    static func origin(_ word: Int) -> (origin: Origin, markersLost: Bool)? {
        let position = word & ~markersLost
        guard position < Snapshot.origins.count else { return nil }
        return (Snapshot.origins[position], word & markersLost != 0)
    }
    /// LoginFlags.
    /// LoginFlags: the kind of login (none for an sso-session), and whether it is the profile's own.
    static let startURL = 1, ownLogin = 2, temporaryKeys = 4
}

/// Bounds-checked reads from a snapshot's bytes; any read past the end throws. Every field is
/// trivial (no reference counting), since a reader is made for each record and string.
struct SnapshotReader {
    let buffer: UnsafeRawBufferPointer
    var offset: Int
    /// Where the string table is, and the Strings already made from it.
    let table: (offset: Int, count: Int)
    /// StringMemo's buffer, used while its owner holds the lock (a plain pointer: no retain and
    /// release of the memo on each of ~70,000 strings), followed by the two AWS files' paths.
    let memo: UnsafeMutablePointer<String?>?

    init(_ buffer: UnsafeRawBufferPointer, at offset: Int, table: (offset: Int, count: Int) = (0, 0),
         memo: UnsafeMutablePointer<String?>? = nil) {
        self.buffer = buffer
        self.offset = offset
        self.table = table
        self.memo = memo
    }

    mutating func u8() throws(SnapshotDamaged) -> UInt8 {
        guard offset < buffer.count else { throw SnapshotDamaged() }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func u32() throws(SnapshotDamaged) -> Int {
        guard offset >= 0, offset + 4 <= buffer.count else { throw SnapshotDamaged() }
        defer { offset += 4 }
        return Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// A count of items that follow, each at least `bytesEach` long: a count the rest of the
    /// snapshot cannot hold is damage, not a reason to allocate.
    mutating func count(bytesEach: Int = 1) throws(SnapshotDamaged) -> Int {
        let n = try u32()
        guard n <= (buffer.count - offset) / bytesEach else { throw SnapshotDamaged() }
        return n
    }

    /// A count, then that many elements read by `element`.
    mutating func list<T>(_ element: (inout SnapshotReader) throws(SnapshotDamaged) -> T) throws(SnapshotDamaged) -> [T] {
        let n = try count()
        var result: [T] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try element(&self)) }
        return result
    }

    /// The raw bytes of the next string, without making a String.
    mutating func strBytes() throws(SnapshotDamaged) -> UnsafeRawBufferPointer {
        let count = try u32()
        guard count <= buffer.count - offset else { throw SnapshotDamaged() }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
    }

    mutating func rawStr() throws(SnapshotDamaged) -> String {
        String(decoding: try strBytes(), as: UTF8.self)
    }

    /// A string from the table, made once per snapshot.
    mutating func str() throws(SnapshotDamaged) -> String {
        try string(try u32())
    }

    /// String `id` of the table, made once per snapshot.
    func string(_ id: Int) throws(SnapshotDamaged) -> String {
        guard id < table.count, let memo else { throw SnapshotDamaged() }
        if let s = memo[id] { return s }
        let s = try SnapshotReader.text(id, in: buffer, table: table).string
        memo[id] = s
        return s
    }

    /// A location from a record's words (RecordLayout.configFile, ...).
    func location(file: Int, line: Int) throws(SnapshotDamaged) -> SourceLocation {
        switch file {
        case RecordLayout.configFile, RecordLayout.credentialsFile:
            guard let path = memo?[table.count + file] else { throw SnapshotDamaged() }
            return SourceLocation(file: path, line: line)
        default: return SourceLocation(file: try string(file - RecordLayout.otherFile), line: line)
        }
    }

    /// A count, then that many items of `bytesEach` bytes: where they start, and the count.
    mutating func area(bytesEach: Int) throws(SnapshotDamaged) -> (offset: Int, count: Int) {
        let n = try count(bytesEach: bytesEach)
        defer { offset += n * bytesEach }
        return (offset, n)
    }

    mutating func optStr() throws(SnapshotDamaged) -> String? {
        guard offset + 4 <= buffer.count else { throw SnapshotDamaged() }
        if buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self) == UInt32.max {
            offset += 4
            return nil
        }
        return try str()
    }

    mutating func location() throws(SnapshotDamaged) -> SourceLocation {
        let file: String
        switch try u8() {
        case let tag where tag < 2:
            guard let path = memo?[table.count + Int(tag)] else { throw SnapshotDamaged() }
            file = path
        case 2: file = try str()
        default: throw SnapshotDamaged()
        }
        return SourceLocation(file: file, line: try u32())
    }

    mutating func optLocation() throws(SnapshotDamaged) -> SourceLocation? {
        guard offset < buffer.count else { throw SnapshotDamaged() }
        if buffer[offset] == 3 {
            offset += 1
            return nil
        }
        return try location()
    }

    mutating func settings() throws(SnapshotDamaged) -> [Setting] {
        let settingCount = try count()
        var result: [Setting] = []
        result.reserveCapacity(settingCount)
        for _ in 0..<settingCount {
            let key = try str()
            let value: SettingValue
            switch try u8() {
            case 0: value = .string(try str())
            case 1:
                value = .nested(try list { r throws(SnapshotDamaged) in SettingValue.NestedEntry(key: try r.str(), value: try r.str()) })
            default: throw SnapshotDamaged()
            }
            result.append(Setting(key: key, value: value, location: try location()))
        }
        return result
    }

    mutating func raw<T: RawRepresentable>(_: T.Type) throws(SnapshotDamaged) -> T where T.RawValue == String {
        guard let value = T(rawValue: try str()) else { throw SnapshotDamaged() }
        return value
    }
}

// MARK: The model, written

extension SnapshotWriter {
    /// Everything an Index holds once built, after `key` (what the snapshot is valid for).
    /// `effectiveLogins` holds each profile's Index.effectiveLoginKey.
    static func encode(key: [UInt8], config: Index.File, credentials: Index.File, profiles: [Profile],
                       effectiveLogins: [LoginKey?], sessions: [SSOSession], problems: [Problem]) -> [UInt8] {
        var w = SnapshotWriter()
        let files = (config: config.path, credentials: credentials.path)
        w.bytes.append(contentsOf: magic)
        w.u32(0)  // payload length
        let payloadStart = w.bytes.count
        w.bytes(key)
        let tables = w.bytes.count
        for _ in 0..<6 { w.u32(0) }

        w.patchU32(at: tables, w.bytes.count)
        w.file(config)
        w.file(credentials)

        w.patchU32(at: tables + 4, w.bytes.count)
        w.records(profiles, logins: effectiveLogins, files)
        var logins: [LoginKey: [Int]] = [:]
        for i in profiles.indices {
            if let key = profiles[i].loginKey { logins[key, default: []].append(i) }
        }

        w.patchU32(at: tables + 8, w.bytes.count)
        // The names first: `sw use` checks that a session exists without decoding the sessions.
        w.u32(sessions.count)
        for s in sessions { w.str(s.name) }
        w.u32(sessions.count)
        for s in sessions {
            w.str(s.name)
            w.location(s.location, files)
            w.settings(s.settings, files)
            w.str(s.origin.rawValue)
            w.u32(s.markersLost ? 1 : 0)
            w.u32(s.profiles.count)
            for name in s.profiles { w.str(name) }
        }

        w.patchU32(at: tables + 12, w.bytes.count)
        w.u32(problems.count)
        for p in problems {
            w.str(p.code.rawValue)
            w.str(p.severity.rawValue)
            w.optLocation(p.location, files)
            w.optStr(p.profile)
            w.optStr(p.session)
            w.str(p.message)
            w.optStr(p.predicts)
            w.optStr(p.stage?.rawValue)
            w.optStr(p.fix?.prose)  // the index writes prose fixes only
        }

        // Logins by profile position: `sw use` needs only a group's size.
        w.patchU32(at: tables + 16, w.bytes.count)
        w.u32(logins.count)
        for (key, positions) in logins.sorted(by: { $0.value[0] < $1.value[0] }) {
            switch key {
            case .session(let name): w.u8(0); w.str(name)
            case .startURL(let url): w.u8(1); w.str(url)
            case .temporaryKeys(let profile): w.u8(2); w.str(profile)
            }
            w.u32(positions.count)
            for i in positions { w.u32(i) }
        }

        w.patchU32(at: tables + 20, w.bytes.count)
        w.stringTable()

        w.patchU32(at: magic.count, w.bytes.count - payloadStart)
        return w.bytes
    }

    /// The profiles section (RecordLayout): fixed-size records, then their settings in key
    /// order, then the entries of nested settings. One pass: settings and entries are gathered
    /// as words and appended after the records.
    private mutating func records(_ profiles: [Profile], logins: [LoginKey?], _ files: (config: String, credentials: String)) {
        u32(profiles.count)
        // Where each source_profile leads, so that a record read in place follows its chain
        // without a search (names are unique by code points; the dictionary compares the same way).
        var positions: [ExactString: Int] = [:]
        positions.reserveCapacity(profiles.count)
        for i in profiles.indices { positions[ExactString(profiles[i].name)] = positions[ExactString(profiles[i].name)] ?? i }
        var settingWords: [Int] = [], nestedWords: [Int] = []
        for i in profiles.indices {
            let p = profiles[i]
            u32(stringID(p.name))
            locationWords(p.location, files)
            locationWords(p.credentialsLocation, files)
            u32(Snapshot.kinds.firstIndex(of: p.kind)!)
            u32(Snapshot.origins.firstIndex(of: p.origin)! | (p.markersLost ? RecordLayout.markersLost : 0))
            for field in [p.accountID, p.roleName, p.accountName, p.region, p.ssoSession, p.ssoStartURL, p.ssoRegion,
                          p.sourceProfile] {
                optStr(field)
            }
            u32(p.sourceProfile.map { positions[ExactString($0)] ?? SnapshotWriter.missingSource } ?? SnapshotWriter.noSource)
            let own = p.loginKey == logins[i] ? RecordLayout.ownLogin : 0
            switch logins[i] {
            case nil: u32(RecordLayout.noLogin); u32(0)
            case .session(let name)?: str(name); u32(own)
            case .startURL(let url)?: str(url); u32(RecordLayout.startURL | own)
            case .temporaryKeys(let profile)?: str(profile); u32(RecordLayout.temporaryKeys | own)
            }
            u32(settingWords.count / RecordLayout.SettingWord.count)
            u32(p.settings.count)
            // Key order, stable (as `sorted` keeps equal keys): what `sw list --json` writes.
            let settings = p.settings
            withSortedOrder(settings.count, by: { settings[$0].key.precedesExactly(settings[$1].key) }) { order in
                for rank in order {
                    let s = settings[rank]
                    settingWords.append(stringID(s.key))
                    switch s.value {
                    case .string(let v):
                        settingWords.append(stringID(s.isSecret ? SnapshotWriter.redacted : v))
                        settingWords.append(0)
                        settingWords.append(0)
                    case .nested(let entries):
                        settingWords.append(RecordLayout.nested)
                        settingWords.append(nestedWords.count / 2)
                        settingWords.append(entries.count)
                        for e in entries {
                            nestedWords.append(stringID(e.key))
                            nestedWords.append(stringID(s.isSecret || Setting.secretKeys.contains(e.key) ? SnapshotWriter.redacted : e.value))
                        }
                    }
                    settingWords.append(fileCode(s.location, files))
                    settingWords.append(s.location.line)
                    settingWords.append(rank)
                }
            }
        }
        u32(settingWords.count / RecordLayout.SettingWord.count)
        for word in settingWords { u32(word) }
        u32(nestedWords.count / 2)
        for word in nestedWords { u32(word) }
    }

    /// A location as two words: which file (RecordLayout.configFile, .credentialsFile, else a
    /// string number plus RecordLayout.otherFile) and the line; none is RecordLayout.noFile.
    private mutating func locationWords(_ l: SourceLocation?, _ files: (config: String, credentials: String)) {
        guard let l else { u32(RecordLayout.noFile); u32(0); return }
        u32(fileCode(l, files))
        u32(l.line)
    }

    private mutating func fileCode(_ l: SourceLocation, _ files: (config: String, credentials: String)) -> Int {
        switch l.file {
        case files.config: RecordLayout.configFile
        case files.credentials: RecordLayout.credentialsFile
        default: RecordLayout.otherFile + stringID(l.file)
        }
    }

    private mutating func file(_ f: Index.File) {
        rawStr(f.path)
        switch f.state {
        case .read(let count): u8(1); u32(count)
        default: u8(0)  // missing: a snapshot is never written for an unusable file
        }
        u32(f.failures.count)
        for failure in f.failures {
            u32(failure.line)
            switch failure.failure {
            case .byteOrderMark: u8(0)
            case .textBeforeFirstSection: u8(1)
            case .lineWithoutDelimiter: u8(2)
            case .emptyKey: u8(3)
            case .duplicateSection(let name): u8(4); rawStr(name)
            case .duplicateKey(let section, let key): u8(5); rawStr(section); rawStr(key)
            case .notUTF8: u8(6)
            case .nestedLineWithoutEquals(let key): u8(7); rawStr(key)
            }
        }
    }
}

// MARK: The model, read back

/// A snapshot in memory (usually a read-only mapping of the cache file, kept for the life of the
/// process). Header and tables are checked when it is opened; records are decoded on demand.
final class Snapshot: @unchecked Sendable {  // immutable after init
    let buffer: UnsafeRawBufferPointer
    let config: Index.File
    let credentials: Index.File
    let profileCount: Int
    /// The two AWS files' paths as stored, for records read in place.
    let pathBytes: (config: SnapshotText, credentials: SnapshotText)
    let stringTable: (offset: Int, count: Int)
    /// Strings made from the table so far; readers take the lock once per record, not per string.
    private let memo = Mutex<StringMemo?>(nil)
    /// Where the records, the settings and the nested entries start (RecordLayout); all three
    /// areas were found within the buffer when the snapshot was opened.
    let recordsOffset: Int
    let settingsOffset: Int
    let settingCount: Int
    let nestedOffset: Int
    let nestedCount: Int
    private let sessionsOffset: Int
    private let problemsOffset: Int
    private let loginsOffset: Int

    /// The key the snapshot was written for, or nil when the bytes are not a whole snapshot.
    static func key(in buffer: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let magic = SnapshotWriter.magic
        guard buffer.count >= magic.count + 4, buffer.prefix(magic.count).elementsEqual(magic) else { return nil }
        var r = SnapshotReader(buffer, at: magic.count)
        guard let length = try? r.u32(), length == buffer.count - (magic.count + 4) else { return nil }
        return try? r.strBytes()
    }

    /// A record's kind and origin are their positions in these (`allCases` makes a new array on
    /// every call).
    static let kinds = ProfileKind.allCases
    static let origins = Origin.allCases

    /// Opens a snapshot whose key has been checked; nil when its tables are out of bounds.
    init?(_ buffer: UnsafeRawBufferPointer) {
        var r = SnapshotReader(buffer, at: SnapshotWriter.magic.count + 4)
        self.buffer = buffer
        do {
            _ = try r.strBytes()
            let filesOffset = try r.u32()
            let profilesOffset = try r.u32()
            sessionsOffset = try r.u32()
            problemsOffset = try r.u32()
            loginsOffset = try r.u32()
            let stringsOffset = try r.u32()
            r.offset = stringsOffset
            let stringCount = try r.u32()
            guard stringCount <= (buffer.count - r.offset) / 4 else { return nil }
            stringTable = (r.offset, stringCount)
            r.offset = filesOffset
            var configPath = r
            config = try Snapshot.file(&r)
            var credentialsPath = r
            credentials = try Snapshot.file(&r)
            guard let configText = SnapshotText.checked(try configPath.strBytes()),
                  let credentialsText = SnapshotText.checked(try credentialsPath.strBytes()) else { return nil }
            pathBytes = (configText, credentialsText)
            r.offset = profilesOffset
            (recordsOffset, profileCount) = try r.area(bytesEach: 4 * RecordLayout.Word.count)
            (settingsOffset, settingCount) = try r.area(bytesEach: 4 * RecordLayout.SettingWord.count)
            (nestedOffset, nestedCount) = try r.area(bytesEach: 8)
        } catch {
            return nil
        }
    }

    private static func file(_ r: inout SnapshotReader) throws(SnapshotDamaged) -> Index.File {
        let path = try r.rawStr()
        let state: FileState
        switch try r.u8() {
        case 0: state = .missing
        case 1: state = .read(byteCount: try r.u32())
        default: throw SnapshotDamaged()
        }
        let count = try r.count()
        var failures: [INIFailure] = []
        for _ in 0..<count {
            let line = try r.u32()
            let failure: ParseFailure
            switch try r.u8() {
            case 0: failure = .byteOrderMark
            case 1: failure = .textBeforeFirstSection
            case 2: failure = .lineWithoutDelimiter
            case 3: failure = .emptyKey
            case 4: failure = .duplicateSection(try r.rawStr())
            case 5: failure = .duplicateKey(section: try r.rawStr(), key: try r.rawStr())
            case 6: failure = .notUTF8
            case 7: failure = .nestedLineWithoutEquals(key: try r.rawStr())
            default: throw SnapshotDamaged()
            }
            failures.append(INIFailure(failure: failure, line: line))
        }
        return Index.File(path: path, state: state, failures: failures)
    }

    /// Runs `body` with a reader at `offset` that can resolve table strings, under the memo's lock.
    private func reading<T>(at offset: Int, _ body: (inout SnapshotReader) throws(SnapshotDamaged) -> T) throws(SnapshotDamaged) -> T {
        let result: Result<T, SnapshotDamaged> = memo.withLock { memo in
            let strings = memo ?? StringMemo(count: stringTable.count, files: (config.path, credentials.path))
            memo = strings
            var r = SnapshotReader(buffer, at: offset, table: stringTable, memo: strings.values)
            do throws(SnapshotDamaged) { return .success(try body(&r)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Word `word` of record `i` (< profileCount): in bounds, but not yet checked.
    @inline(__always)
    func recordWord(_ i: Int, _ word: Int) -> Int {
        Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: recordsOffset + 4 * (RecordLayout.Word.count * i + word),
                                                      as: UInt32.self)))
    }

    /// Word `word` of setting `j` (< settingCount).
    @inline(__always)
    func settingWord(_ j: Int, _ word: Int) -> Int {
        Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: settingsOffset + 4 * (RecordLayout.SettingWord.count * j + word),
                                                      as: UInt32.self)))
    }

    /// The key (0) or value (1) of nested entry `k` (< nestedCount).
    @inline(__always)
    func nestedWord(_ k: Int, _ word: Int) -> Int {
        Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: nestedOffset + 4 * (2 * k + word), as: UInt32.self)))
    }

    /// The range of settings record `i` says it has; nil when it is not within the settings.
    func settingRange(ofRecord i: Int) -> Range<Int>? {
        let start = recordWord(i, RecordLayout.Word.settingsStart), count = recordWord(i, RecordLayout.Word.settingsCount)
        guard start <= settingCount, count <= settingCount - start else { return nil }
        return start..<(start + count)
    }

    /// Record `i`'s name as stored (its tag not yet checked against its bytes).
    func nameText(at i: Int) throws(SnapshotDamaged) -> SnapshotText {
        try SnapshotReader.text(recordWord(i, RecordLayout.Word.name), in: buffer, table: stringTable)
    }

    func name(at i: Int) throws(SnapshotDamaged) -> String {
        try nameText(at: i).string
    }

    func profile(at i: Int) throws(SnapshotDamaged) -> Profile {
        try reading(at: 0) { r throws(SnapshotDamaged) in try profile(&r, at: i) }
    }

    private func profile(_ r: inout SnapshotReader, at i: Int) throws(SnapshotDamaged) -> Profile {
        typealias W = RecordLayout.Word
        func text(_ word: Int) throws(SnapshotDamaged) -> String? {
            let id = recordWord(i, word)
            return id == RecordLayout.noText ? nil : try r.string(id)
        }
        let credentialsFile = recordWord(i, W.credentialsFile)
        let kind = recordWord(i, W.kind), originWord = recordWord(i, W.origin)
        guard kind < Snapshot.kinds.count, let origin = RecordLayout.origin(originWord) else { throw SnapshotDamaged() }
        var p = Profile(name: try r.string(recordWord(i, W.name)),
                        location: try r.location(file: recordWord(i, W.file), line: recordWord(i, W.line)),
                        credentialsLocation: credentialsFile == RecordLayout.noFile ? nil
                            : try r.location(file: credentialsFile, line: recordWord(i, W.credentialsLine)),
                        settings: [], kind: Snapshot.kinds[kind], origin: origin.origin, markersLost: origin.markersLost,
                        accountID: try text(W.texts), roleName: try text(W.texts + 1), accountName: try text(W.texts + 2),
                        region: try text(W.texts + 3), ssoSession: try text(W.texts + 4), ssoStartURL: try text(W.texts + 5),
                        ssoRegion: try text(W.texts + 6))
        // The settings are stored in key order, each with its place in the order they were defined.
        guard let range = settingRange(ofRecord: i) else { throw SnapshotDamaged() }
        var settings = [Setting?](repeating: nil, count: range.count)
        for j in range {
            typealias S = RecordLayout.SettingWord
            let rank = settingWord(j, S.rank)
            guard rank < settings.count, settings[rank] == nil else { throw SnapshotDamaged() }
            let value: SettingValue
            if settingWord(j, S.value) == RecordLayout.nested {
                let start = settingWord(j, S.nestedStart), count = settingWord(j, S.nestedCount)
                guard start <= nestedCount, count <= nestedCount - start else { throw SnapshotDamaged() }
                var entries: [SettingValue.NestedEntry] = []
                for k in start..<(start + count) { entries.append(.init(key: try r.string(nestedWord(k, 0)), value: try r.string(nestedWord(k, 1)))) }
                value = .nested(entries)
            } else {
                value = .string(try r.string(settingWord(j, S.value)))
            }
            settings[rank] = Setting(key: try r.string(settingWord(j, S.key)), value: value,
                                     location: try r.location(file: settingWord(j, S.file), line: settingWord(j, S.line)))
        }
        p.settings = settings.map { $0! }
        p.hasLegacyLogin = Builder.hasLegacyLogin { key in p.setting(key)?.value }
        return p
    }

    /// Binary search by name, in the order the profiles were stored (String's `<`).
    func position(of name: String) throws(SnapshotDamaged) -> Int? {
        var name = name
        let found = name.withUTF8 { utf8 in
            Result { () throws(SnapshotDamaged) in try position(of: UnsafeRawBufferPointer(utf8)) }
        }
        return try found.get()
    }

    func names() throws(SnapshotDamaged) -> [String] {
        var names: [String] = []
        names.reserveCapacity(profileCount)
        for i in 0..<profileCount { names.append(try name(at: i)) }
        return names
    }

    func profiles() throws(SnapshotDamaged) -> [Profile] {
        // One lock for all of them.
        try reading(at: 0) { r throws(SnapshotDamaged) in
            var profiles: [Profile] = []
            profiles.reserveCapacity(profileCount)
            for i in 0..<profileCount { profiles.append(try profile(&r, at: i)) }
            return profiles
        }
    }

    func sessions() throws(SnapshotDamaged) -> [SSOSession] {
        try reading(at: sessionsOffset) { r throws(SnapshotDamaged) in
            _ = try r.list { r throws(SnapshotDamaged) in try r.u32() }
            return try Snapshot.sessions(&r)
        }
    }

    /// The names of the sessions, without the rest of them.
    func sessionNames() throws(SnapshotDamaged) -> [String] {
        try reading(at: sessionsOffset) { r throws(SnapshotDamaged) in try r.list { r throws(SnapshotDamaged) in try r.str() } }
    }

    private static func sessions(_ r: inout SnapshotReader) throws(SnapshotDamaged) -> [SSOSession] {
        try r.list { r throws(SnapshotDamaged) in
            SSOSession(name: try r.str(), location: try r.location(), settings: try r.settings(), origin: try r.raw(Origin.self),
                       markersLost: try r.u32() != 0, profiles: try r.list { r throws(SnapshotDamaged) in try r.str() })
        }
    }

    func problems() throws(SnapshotDamaged) -> [Problem] {
        try reading(at: problemsOffset) { r throws(SnapshotDamaged) in try Snapshot.problems(&r) }
    }

    private static func problems(_ r: inout SnapshotReader) throws(SnapshotDamaged) -> [Problem] {
        try r.list { r throws(SnapshotDamaged) in
            let code = try r.raw(Problem.Code.self)
            let severity = try r.raw(Problem.Severity.self)
            var p = Problem(code, severity, at: try r.optLocation(), profile: try r.optStr(), session: try r.optStr(), try r.str(),
                            predicts: try r.optStr())
            p.stage = nil
            if let raw = try r.optStr() {
                guard let stage = Problem.Stage(rawValue: raw) else { throw SnapshotDamaged() }
                p.stage = stage
            }
            p.fix = try r.optStr().map { Fix($0) }
            return p
        }
    }

    /// Each login with the positions of its profiles (as stored: the order they were built in).
    func logins() throws(SnapshotDamaged) -> [LoginKey: [Int]] {
        try reading(at: loginsOffset) { r throws(SnapshotDamaged) in try logins(&r) }
    }

    private func logins(_ r: inout SnapshotReader) throws(SnapshotDamaged) -> [LoginKey: [Int]] {
        let count = try r.count()
        var logins: [LoginKey: [Int]] = [:]
        for _ in 0..<count {
            let tag = try r.u8()
            let value = try r.str()
            let key: LoginKey
            switch tag {
            case 0: key = .session(value)
            case 1: key = .startURL(value)
            case 2: key = .temporaryKeys(profile: value)
            default: throw SnapshotDamaged()
            }
            let n = try r.count(bytesEach: 4)
            var positions: [Int] = []
            positions.reserveCapacity(n)
            for _ in 0..<n {
                let i = try r.u32()
                guard i < profileCount else { throw SnapshotDamaged() }
                positions.append(i)
            }
            logins[key] = positions
        }
        return logins
    }
}

/// The Strings made from a snapshot's string table, by number, then the config and credentials
/// paths (locations name them by tag). Used only under Snapshot's lock.
final class StringMemo: @unchecked Sendable {
    /// A plain buffer: an array in a class costs an exclusivity check on every access, and
    /// `sw list` makes ~70,000 of them for 5,000 profiles.
    let values: UnsafeMutablePointer<String?>
    let count: Int

    init(count: Int, files: (config: String, credentials: String)) {
        self.count = count + 2
        values = .allocate(capacity: count + 2)
        values.initialize(repeating: nil, count: count)
        (values + count).initialize(to: files.config)
        (values + count + 1).initialize(to: files.credentials)
    }

    deinit {
        values.deinitialize(count: count)
        values.deallocate()
    }
}
