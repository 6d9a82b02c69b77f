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
/// the key, the files table and profile names its length and UTF-8 bytes; nil is 0xFFFFFFFF):
///
///     magic "SWIDX" 0 0 3 | payload length | key | offsets of the six tables |
///     files | profiles | sessions | problems | logins | strings
///
/// A profile record is its name, locations, kind, origin, the seven optional fields,
/// `source_profile` and the position of the profile it names, then its settings: the fixed part first, so that a record can be read in place (ProfileRecord) without
/// walking its settings. A string-table entry is the number of the first string canonically
/// equal to it (Swift's `==`; bits 31 and 30 say whether it is ASCII and plain), then its length and bytes: strings are stored once per exact byte
/// sequence, so `café` written precomposed and decomposed stay two strings, as botocore sees them.
///
/// There is no checksum: hashing 2 MB would cost `sw use` more than everything else it does with
/// the snapshot. A snapshot is written aside and renamed into place (never half-written), its
/// length must match, and every read is bounds-checked: a record that does not decode makes the
/// index parse the AWS files after all.
///
/// Profiles are stored sorted by name with a table of their offsets, so one profile is found by a
/// binary search that decodes only names, and `sw use NAME` never decodes the other thousands.
/// Secret values (`aws_secret_access_key`, `aws_session_token`, `aws_security_token`) are never
/// written: they are stored as `<redacted>`, which is all `sw` ever shows of them.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []
    /// Every distinct string once: a config repeats its keys, regions, sessions and roles
    /// thousands of times, and reading the snapshot back makes each String only once.
    /// Keyed by String, so canonically equal strings find the first of them; `variants` holds the
    /// others (different bytes, same String), which are rare.
    private var stringIDs: [String: Int] = [:]
    private var variants: [Int: [Int]] = [:]
    private var strings: [(string: String, canonical: Int, ascii: Bool, plain: Bool)] = []

    static let magic: [UInt8] = Array("SWIDX".utf8) + [0, 0, 3]
    /// A string-table entry's tag: its canonical number, bit 31 when it is not ASCII, bit 30
    /// when it is not plain (SnapshotText.isPlain).
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
    mutating func str(_ s: String) {
        guard let first = stringIDs[s] else {
            stringIDs[s] = strings.count
            return newString(s, canonical: strings.count)
        }
        // A string canonically equal to an ASCII one with as many UTF-8 bytes has its bytes: the
        // only non-ASCII characters equivalent to ASCII ones (U+037E, U+1FEF, U+212A) are longer.
        if strings[first].ascii && strings[first].string.utf8.count == s.utf8.count { return u32(first) }
        if SnapshotWriter.sameBytes(strings[first].string, s) { return u32(first) }
        if let id = variants[first]?.first(where: { SnapshotWriter.sameBytes(strings[$0].string, s) }) { return u32(id) }
        variants[first, default: []].append(strings.count)
        newString(s, canonical: first)
    }

    private mutating func newString(_ s: String, canonical: Int) {
        var s = s
        let (ascii, plain) = s.withUTF8 { SnapshotText.scan(UnsafeRawBufferPointer($0)) }
        u32(strings.count)
        strings.append((s, canonical, ascii, plain))
    }

    /// Exact byte equality (String's `==` is canonical equivalence).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { a in b.withUTF8 { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
    }

    /// The string table: count, each entry's offset, then the entries (canonical number, string).
    mutating func stringTable() {
        u32(strings.count)
        let offsets = bytes.count
        for _ in strings { u32(0) }
        for (i, s) in strings.enumerated() {
            patchU32(at: offsets + 4 * i, bytes.count)
            u32(s.canonical | (s.ascii ? 0 : Int(SnapshotWriter.notASCII)) | (s.plain ? 0 : Int(SnapshotWriter.notPlain)))
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
                    str(s.isSecret ? SnapshotWriter.redacted : e.value)
                }
            }
            location(s.location, files)
        }
    }
}

/// A damaged or foreign snapshot: never trusted, the files are parsed instead.
struct SnapshotDamaged: Error {}

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
        let id = try u32()
        guard id < table.count, let memo else { throw SnapshotDamaged() }
        if let s = memo[id] { return s }
        let s = try SnapshotReader.text(id, in: buffer, table: table).string
        memo[id] = s
        return s
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

    /// An enum case written as its position in `allCases` (passed in: `allCases` makes a new
    /// array on every call).
    mutating func caseOf<T>(_ allCases: [T]) throws(SnapshotDamaged) -> T {
        let i = Int(try u8())
        guard i < allCases.count else { throw SnapshotDamaged() }
        return allCases[i]
    }

    mutating func raw<T: RawRepresentable>(_: T.Type) throws(SnapshotDamaged) -> T where T.RawValue == String {
        guard let value = T(rawValue: try str()) else { throw SnapshotDamaged() }
        return value
    }
}

// MARK: The model, written

extension SnapshotWriter {
    /// Everything an Index holds once built, after `key` (what the snapshot is valid for).
    static func encode(key: [UInt8], config: Index.File, credentials: Index.File, profiles: [Profile],
                       sessions: [SSOSession], problems: [Problem]) -> [UInt8] {
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
        w.u32(profiles.count)
        let offsets = w.bytes.count
        for _ in profiles { w.u32(0) }
        var logins: [LoginKey: [Int]] = [:]
        // Where each source_profile leads, so that a record read in place follows its chain
        // without a search (names are unique as Strings; the dictionary compares the same way).
        let positions = Dictionary(profiles.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (i, p) in profiles.enumerated() {
            if let key = p.loginKey { logins[key, default: []].append(i) }
            w.patchU32(at: offsets + 4 * i, w.bytes.count)
            w.rawStr(p.name)
            w.location(p.location, files)
            w.optLocation(p.credentialsLocation, files)
            w.u8(UInt8(ProfileKind.allCases.firstIndex(of: p.kind)!))
            w.u8(UInt8(Origin.allCases.firstIndex(of: p.origin)!))
            for field in [p.accountID, p.roleName, p.accountName, p.region, p.ssoSession, p.ssoStartURL, p.ssoRegion,
                          p.sourceProfile] {
                w.optStr(field)
            }
            w.u32(p.sourceProfile.map { positions[$0] ?? SnapshotWriter.missingSource } ?? SnapshotWriter.noSource)
            w.settings(p.settings, files)
        }

        w.patchU32(at: tables + 8, w.bytes.count)
        w.u32(sessions.count)
        for s in sessions {
            w.str(s.name)
            w.location(s.location, files)
            w.settings(s.settings, files)
            w.str(s.origin.rawValue)
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
            w.optStr(p.fix)
        }

        // Logins by profile position: `sw use` needs only a group's size.
        w.patchU32(at: tables + 16, w.bytes.count)
        w.u32(logins.count)
        for (key, positions) in logins.sorted(by: { ($0.key.cacheKey, $0.value[0]) < ($1.key.cacheKey, $1.value[0]) }) {
            switch key {
            case .session(let name): w.u8(0); w.str(name)
            case .startURL(let url): w.u8(1); w.str(url)
            }
            w.u32(positions.count)
            for i in positions { w.u32(i) }
        }

        w.patchU32(at: tables + 20, w.bytes.count)
        w.stringTable()

        w.patchU32(at: magic.count, w.bytes.count - payloadStart)
        return w.bytes
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
    private let profileOffsets: Int
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

    static let kinds = ProfileKind.allCases
    static let origins = Origin.allCases

    /// Opens a snapshot whose key has been checked; nil when its tables are out of bounds.
    init?(_ buffer: UnsafeRawBufferPointer) {
        var r = SnapshotReader(buffer, at: SnapshotWriter.magic.count + 4)
        self.buffer = buffer
        do {
            _ = try r.strBytes()
            let filesOffset = try r.u32()
            profileOffsets = try r.u32() + 4
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
            r.offset = profileOffsets - 4
            profileCount = try r.u32()
            guard profileCount <= (buffer.count - profileOffsets) / 4 else { return nil }
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

    func recordOffset(_ i: Int) throws(SnapshotDamaged) -> Int {
        var r = SnapshotReader(buffer, at: profileOffsets + 4 * i)
        return try r.u32()
    }

    func nameBytes(at i: Int) throws(SnapshotDamaged) -> UnsafeRawBufferPointer {
        var r = SnapshotReader(buffer, at: try recordOffset(i))
        return try r.strBytes()
    }

    func name(at i: Int) throws(SnapshotDamaged) -> String {
        String(decoding: try nameBytes(at: i), as: UTF8.self)
    }

    func profile(at i: Int) throws(SnapshotDamaged) -> Profile {
        try reading(at: try recordOffset(i)) { r throws(SnapshotDamaged) in try Snapshot.profile(&r) }
    }

    private static func profile(_ r: inout SnapshotReader) throws(SnapshotDamaged) -> Profile {
        let name = try r.rawStr()
        let location = try r.location()
        let credentialsLocation = try r.optLocation()
        // All fields at once (arguments are evaluated left to right, in the order they were written).
        var p = Profile(name: name, location: location, credentialsLocation: credentialsLocation, settings: [],
                        kind: try r.caseOf(Snapshot.kinds), origin: try r.caseOf(Snapshot.origins), accountID: try r.optStr(),
                        roleName: try r.optStr(), accountName: try r.optStr(), region: try r.optStr(), ssoSession: try r.optStr(),
                        ssoStartURL: try r.optStr(), ssoRegion: try r.optStr())
        // source_profile and where it leads, for records read in place; a Profile finds it in its settings.
        _ = try r.optStr()
        _ = try r.u32()
        p.settings = try r.settings()
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
        guard profileCount > 0 else { return [] }
        // One lock for all of them.
        return try reading(at: try recordOffset(0)) { r throws(SnapshotDamaged) in
            var profiles: [Profile] = []
            profiles.reserveCapacity(profileCount)
            for i in 0..<profileCount {
                r.offset = try recordOffset(i)
                profiles.append(try Snapshot.profile(&r))
            }
            return profiles
        }
    }

    func sessions() throws(SnapshotDamaged) -> [SSOSession] {
        try reading(at: sessionsOffset) { r throws(SnapshotDamaged) in try Snapshot.sessions(&r) }
    }

    private static func sessions(_ r: inout SnapshotReader) throws(SnapshotDamaged) -> [SSOSession] {
        try r.list { r throws(SnapshotDamaged) in
            SSOSession(name: try r.str(), location: try r.location(), settings: try r.settings(), origin: try r.raw(Origin.self),
                       profiles: try r.list { r throws(SnapshotDamaged) in try r.str() })
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
            p.fix = try r.optStr()
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
