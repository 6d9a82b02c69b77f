#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A string of sw's index snapshot, read in place: valid UTF-8 (checked when the records were
/// opened), compared the way Swift compares Strings.
public struct SnapshotText: Comparable {
    /// 16 bytes, so that an optional one is too: records copy a dozen of them.
    private let base: UnsafeRawPointer
    private let count: UInt32
    /// The string-table entry's tag (SnapshotWriter.notASCII, .notPlain, .canonicalMask).
    private let tag: UInt32

    init(_ utf8: UnsafeRawBufferPointer, tag: UInt32) {
        base = utf8.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!  // empty: never read
        count = UInt32(utf8.count)
        self.tag = tag
    }

    public var utf8: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: Int(count)) }
    /// For a string-table string, the number of the first table string canonically equal to it:
    /// two table strings are `==` exactly when these are equal. `notInTable` for names and paths.
    var canonical: Int { Int(tag & SnapshotWriter.canonicalMask) }
    static let notInTable = Int(SnapshotWriter.canonicalMask)
    var isASCII: Bool { tag & SnapshotWriter.notASCII == 0 }
    /// No control character, `"` or `\\`: quoting it for JSON (or C) is putting it in quotes.
    public var isPlain: Bool { tag & SnapshotWriter.notPlain == 0 }

    public var string: String { String(decoding: utf8, as: UTF8.self) }

    /// Swift's String order: bytes for ASCII (which is what String compares then), else Strings.
    public static func < (a: SnapshotText, b: SnapshotText) -> Bool {
        precedes((a.utf8, a.isASCII), (b.utf8, b.isASCII))
    }

    public static func == (a: SnapshotText, b: SnapshotText) -> Bool {
        if a.canonical != notInTable && b.canonical != notInTable { return a.canonical == b.canonical }
        return sameString((a.utf8, a.isASCII), (b.utf8, b.isASCII))
    }

    typealias Bytes = (utf8: UnsafeRawBufferPointer, isASCII: Bool)

    /// True when `a` sorts before `b` as Strings.
    static func precedes(_ a: Bytes, _ b: Bytes) -> Bool {
        guard a.isASCII && b.isASCII else {
            return String(decoding: a.utf8, as: UTF8.self) < String(decoding: b.utf8, as: UTF8.self)
        }
        let n = min(a.utf8.count, b.utf8.count)
        if n > 0 {
            let order = memcmp(a.utf8.baseAddress!, b.utf8.baseAddress!, n)
            if order != 0 { return order < 0 }
        }
        return a.utf8.count < b.utf8.count
    }

    /// True when `a` and `b` are equal as Strings (canonical equivalence).
    static func sameString(_ a: Bytes, _ b: Bytes) -> Bool {
        if a.utf8.elementsEqual(b.utf8) { return true }
        guard !(a.isASCII && b.isASCII) else { return false }
        return String(decoding: a.utf8, as: UTF8.self) == String(decoding: b.utf8, as: UTF8.self)
    }

    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool { scan(bytes).ascii }

    /// Whether the bytes are all ASCII, and whether they are plain, eight at a time.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> (ascii: Bool, plain: Bool) {
        var high: UInt64 = 0
        var plain = true
        var i = 0
        while i + 8 <= bytes.count {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            high |= w
            plain = plain && isPlain(word: w)
            i += 8
        }
        if i < bytes.count {
            // The rest, padded with spaces (plain ASCII).
            var w: UInt64 = 0x2020_2020_2020_2020
            for j in i..<bytes.count { w = w & ~(0xFF << UInt64(8 * (j - i))) | UInt64(bytes[j]) << UInt64(8 * (j - i)) }
            high |= w
            plain = plain && isPlain(word: w)
        }
        return (high & 0x8080_8080_8080_8080 == 0, plain)
    }

    /// True when no byte of `w` is a control character, `"` or `\\` (exact: the classic "has a
    /// byte less than" and "has a zero byte" tests, which can only err about which byte).
    @inline(__always)
    public static func isPlain(word w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let q = w ^ (ones &* 0x22)
        let b = w ^ (ones &* 0x5C)
        let control = (w &- (ones &* 0x20)) & (~w)
        let quote = (q &- ones) & (~q)
        let backslash = (b &- ones) & (~b)
        return ((control | quote | backslash) & (ones &* 0x80)) == 0
    }

    /// Text from bytes not yet checked: nil unless they are valid UTF-8.
    static func checked(_ utf8: UnsafeRawBufferPointer) -> SnapshotText? {
        let (ascii, plain) = scan(utf8)
        guard ascii || String(validating: utf8, as: UTF8.self) != nil else { return nil }
        return SnapshotText(utf8, tag: UInt32(notInTable) | (ascii ? 0 : SnapshotWriter.notASCII) | (plain ? 0 : SnapshotWriter.notPlain))
    }
}

/// A file and line, as snapshot text.
public struct TextLocation: LocationFields {
    public let file: SnapshotText
    public let line: Int
}

/// One profile of a snapshot, read in place: what a `Profile` holds, as SnapshotText, without
/// its settings (ProfileRecords.withSettings reads those).
public struct ProfileRecord: ProfileFields {
    public let position: Int
    public let name: SnapshotText
    public let location: TextLocation
    public let credentialsLocation: TextLocation?
    public let kind: ProfileKind
    public let origin: Origin
    public let accountID: SnapshotText?
    public let roleName: SnapshotText?
    public let accountName: SnapshotText?
    public let region: SnapshotText?
    public let ssoSession: SnapshotText?
    public let ssoStartURL: SnapshotText?
    public let ssoRegion: SnapshotText?
    /// Profile.sourceProfile.
    public let sourceProfile: SnapshotText?
    /// The position of the profile `sourceProfile` names (as Index.profile(named:) finds it), or
    /// SnapshotWriter.missingSource.
    let sourcePosition: Int
    let settingsOffset: Int

    /// Profile.loginKey, as an id.
    var loginID: RecordLoginID? {
        if let ssoSession { return RecordLoginID(startURL: false, text: ssoSession) }
        if kind == .ssoLegacy, let ssoStartURL { return RecordLoginID(startURL: true, text: ssoStartURL) }
        return nil
    }
}

/// A LoginKey read in place: equal and hashed by the canonical number of its text, so exactly
/// when the LoginKeys are equal; the key is made from the text of the first profile that asked.
public struct RecordLoginID: Hashable {
    let startURL: Bool
    let text: SnapshotText

    public static func == (a: RecordLoginID, b: RecordLoginID) -> Bool {
        a.startURL == b.startURL && a.text.canonical == b.text.canonical
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(startURL)
        hasher.combine(text.canonical)
    }
}

/// Every profile of a snapshot, read in place. Made only after every record, string and path in
/// the snapshot has been checked (bounds, numbers, tags and UTF-8), so that reading one cannot
/// fail; a snapshot that does not pass has no records, and its index answers with Profiles.
public struct ProfileRecords: ProfileSource, Sendable {
    let snapshot: Snapshot

    public var count: Int { snapshot.profileCount }

    init?(checking snapshot: Snapshot) {
        self.snapshot = snapshot
        do {
            try snapshot.checkStrings()
            for i in 0..<snapshot.profileCount { try snapshot.checkRecord(at: i) }
        } catch {
            return nil
        }
    }

    public func record(at position: Int) -> ProfileRecord {
        do { return try snapshot.record(at: position) } catch { preconditionFailure("a checked snapshot record did not read") }
    }

    public func withSettings<R>(of profile: ProfileRecord, _ body: (UnsafeBufferPointer<SettingFields<SnapshotText>>) -> R) -> R {
        do { return try snapshot.withSettings(at: profile.settingsOffset, body) } catch {
            preconditionFailure("a checked snapshot record did not read")
        }
    }

    private func link(_ profile: ProfileRecord) -> SourceLink<ProfileRecord> {
        guard profile.sourceProfile != nil else { return .none }
        switch profile.sourcePosition {
        case profile.position: return .itself
        case SnapshotWriter.missingSource, SnapshotWriter.noSource: return .missing
        case let position: return .to(record(at: position))
        }
    }

    public func forEachSourceLink(of profile: ProfileRecord, _ body: (SnapshotText) -> Void) {
        // Most profiles have no source_profile: their chain is the profile alone.
        guard profile.sourceProfile != nil else { return }
        for link in SourceLinks.chain(from: profile, id: \.position, link: link).chain.dropFirst() { body(link.name) }
    }

    public func effectiveLogin(of profile: ProfileRecord) -> (id: RecordLoginID, own: Bool)? {
        guard profile.kind == .assumeRole else { return profile.loginID.map { ($0, true) } }
        guard let login = SourceLinks.loginSource(of: profile, profileCount: count, assumesRole: { $0.kind == .assumeRole },
                                                  link: link)?.loginID else { return nil }
        return (login, profile.loginID == login)
    }

    public func loginKey(_ id: RecordLoginID) -> LoginKey {
        id.startURL ? .startURL(id.text.string) : .session(id.text.string)
    }
}

// MARK: Reading records in place

extension SnapshotReader {
    /// A string-table string in place.
    mutating func text(table: (offset: Int, count: Int)) throws(SnapshotDamaged) -> SnapshotText {
        try SnapshotReader.text(try u32(), in: buffer, table: table)
    }

    /// String `id` of the table. The table's offsets were bounds-checked when the snapshot was
    /// opened; the entry they lead to is checked here.
    static func text(_ id: Int, in buffer: UnsafeRawBufferPointer, table: (offset: Int, count: Int)) throws(SnapshotDamaged) -> SnapshotText {
        guard id < table.count else { throw SnapshotDamaged() }
        let entry = Int(buffer.loadUnaligned(fromByteOffset: table.offset + 4 * id, as: UInt32.self).littleEndian)
        guard entry <= buffer.count - 8 else { throw SnapshotDamaged() }
        let tag = buffer.loadUnaligned(fromByteOffset: entry, as: UInt32.self).littleEndian
        let count = Int(buffer.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self).littleEndian)
        guard count <= buffer.count - entry - 8 else { throw SnapshotDamaged() }
        return SnapshotText(UnsafeRawBufferPointer(rebasing: buffer[(entry + 8)..<(entry + 8 + count)]), tag: tag)
    }

    mutating func optText(table: (offset: Int, count: Int)) throws(SnapshotDamaged) -> SnapshotText? {
        guard offset + 4 <= buffer.count else { throw SnapshotDamaged() }
        if buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self) == UInt32.max {
            offset += 4
            return nil
        }
        return try text(table: table)
    }

    mutating func textLocation(table: (offset: Int, count: Int), paths: (SnapshotText, SnapshotText)) throws(SnapshotDamaged) -> TextLocation {
        let file: SnapshotText
        switch try u8() {
        case 0: file = paths.0
        case 1: file = paths.1
        case 2: file = try text(table: table)
        default: throw SnapshotDamaged()
        }
        return TextLocation(file: file, line: try u32())
    }
}

extension Snapshot {
    /// Checks every string-table entry: in bounds, valid UTF-8, ASCII and plain as its tag says,
    /// and a canonical number that names an entry no later than itself.
    func checkStrings() throws(SnapshotDamaged) {
        for id in 0..<stringTable.count {
            let stored = try SnapshotReader.text(id, in: buffer, table: stringTable)
            guard stored.canonical <= id, let text = SnapshotText.checked(stored.utf8),
                  text.isASCII == stored.isASCII, text.isPlain == stored.isPlain else { throw SnapshotDamaged() }
        }
    }

    /// Checks record `position` without making anything of it: every length, tag and string
    /// number in bounds, and a UTF-8 name. This is the layout SnapshotWriter.encode writes and
    /// `record(at:)` and `withSettings(at:)` read (the mutation tests hold the three together).
    func checkRecord(at position: Int) throws(SnapshotDamaged) {
        var r = SnapshotReader(buffer, at: try recordOffset(position))
        let strings = stringTable.count
        func string(_ r: inout SnapshotReader, orNil: Bool = false) throws(SnapshotDamaged) {
            let id = try r.u32()
            guard id < strings || (orNil && id == Int(UInt32.max)) else { throw SnapshotDamaged() }
        }
        func location(_ r: inout SnapshotReader, tag: UInt8) throws(SnapshotDamaged) {
            switch tag {
            case 0, 1: break
            case 2: try string(&r)
            default: throw SnapshotDamaged()
            }
            _ = try r.u32()
        }
        guard SnapshotText.checked(try r.strBytes()) != nil else { throw SnapshotDamaged() }
        try location(&r, tag: try r.u8())
        let credentials = try r.u8()
        if credentials != 3 { try location(&r, tag: credentials) }
        guard Int(try r.u8()) < Snapshot.kinds.count, Int(try r.u8()) < Snapshot.origins.count else { throw SnapshotDamaged() }
        for _ in 0..<8 { try string(&r, orNil: true) }
        let source = try r.u32()
        guard source < profileCount || source >= SnapshotWriter.missingSource else { throw SnapshotDamaged() }
        for _ in 0..<(try r.count(bytesEach: 10)) {
            try string(&r)
            switch try r.u8() {
            case 0: try string(&r)
            case 1: for _ in 0..<(2 * (try r.count(bytesEach: 8))) { try string(&r) }
            default: throw SnapshotDamaged()
            }
            try location(&r, tag: try r.u8())
        }
    }

    func record(at position: Int) throws(SnapshotDamaged) -> ProfileRecord {
        var r = SnapshotReader(buffer, at: try recordOffset(position))
        let t = stringTable
        guard let name = SnapshotText.checked(try r.strBytes()) else { throw SnapshotDamaged() }
        let location = try r.textLocation(table: t, paths: pathBytes)
        var credentialsLocation: TextLocation?
        guard r.offset < buffer.count else { throw SnapshotDamaged() }
        if buffer[r.offset] == 3 { r.offset += 1 } else { credentialsLocation = try r.textLocation(table: t, paths: pathBytes) }
        // Arguments are evaluated left to right, in the order they were written.
        return ProfileRecord(position: position, name: name, location: location,
                             credentialsLocation: credentialsLocation, kind: try r.caseOf(Snapshot.kinds),
                             origin: try r.caseOf(Snapshot.origins), accountID: try r.optText(table: t), roleName: try r.optText(table: t),
                             accountName: try r.optText(table: t), region: try r.optText(table: t), ssoSession: try r.optText(table: t),
                             ssoStartURL: try r.optText(table: t), ssoRegion: try r.optText(table: t),
                             sourceProfile: try r.optText(table: t), sourcePosition: try r.u32(), settingsOffset: r.offset)
    }

    /// The settings of the record whose settings start at `offset`, on the stack.
    func withSettings<R>(at offset: Int, _ body: (UnsafeBufferPointer<SettingFields<SnapshotText>>) -> R) throws(SnapshotDamaged) -> R {
        var r = SnapshotReader(buffer, at: offset)
        let t = stringTable
        // Each setting takes at least 10 bytes.
        let count = try r.count(bytesEach: 10)
        return try withUnsafeTemporaryAllocation(of: SettingFields<SnapshotText>.self, capacity: count) { buffer throws(SnapshotDamaged) in
            var made = 0
            defer { buffer.baseAddress?.deinitialize(count: made) }
            while made < count {
                let key = try r.text(table: t)
                let value: SettingFields<SnapshotText>.Value
                switch try r.u8() {
                case 0: value = .string(try r.text(table: t))
                case 1:
                    let n = try r.count(bytesEach: 8)
                    var entries: [(key: SnapshotText, value: SnapshotText)] = []
                    for _ in 0..<n { entries.append((try r.text(table: t), try r.text(table: t))) }
                    value = .nested(entries)
                default: throw SnapshotDamaged()
                }
                let location = try r.textLocation(table: t, paths: pathBytes)
                (buffer.baseAddress! + made).initialize(to: SettingFields(key: key, value: value,
                                                                          location: .init(file: location.file, line: location.line)))
                made += 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// The position of the profile named `name`, by binary search in String order.
    func position(of name: UnsafeRawBufferPointer) throws(SnapshotDamaged) -> Int? {
        let target = (name, SnapshotText.isASCII(name))
        var low = 0, high = profileCount
        while low < high {
            let mid = (low + high) / 2
            let other = try nameBytes(at: mid)
            if SnapshotText.precedes((other, SnapshotText.isASCII(other)), target) { low = mid + 1 } else { high = mid }
        }
        guard low < profileCount else { return nil }
        let found = try nameBytes(at: low)
        return SnapshotText.sameString((found, SnapshotText.isASCII(found)), target) ? low : nil
    }
}
