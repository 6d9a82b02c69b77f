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
    /// For a string-table string, its number: the table holds each code point sequence once, so
    /// two table strings are `==` exactly when these are equal. `notInTable` for names and paths.
    var canonical: Int { Int(tag & SnapshotWriter.canonicalMask) }
    static let notInTable = Int(SnapshotWriter.canonicalMask)
    var isASCII: Bool { tag & SnapshotWriter.notASCII == 0 }
    /// No control character, `"` or `\\`: quoting it for JSON (or C) is putting it in quotes.
    public var isPlain: Bool { tag & SnapshotWriter.notPlain == 0 }

    public var string: String { String(decoding: utf8, as: UTF8.self) }

    /// Code point order (UTF-8 byte order), as Python sorts and as `String.precedesExactly`.
    public static func < (a: SnapshotText, b: SnapshotText) -> Bool { precedes(a.utf8, b.utf8) }

    /// The same code points (Python's `==`), as `String.isExactly`.
    public static func == (a: SnapshotText, b: SnapshotText) -> Bool {
        if a.canonical != notInTable && b.canonical != notInTable { return a.canonical == b.canonical }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// True when `a` sorts before `b` by code points.
    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = min(a.count, b.count)
        if n > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, n)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
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
    public let markersLost: Bool
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
    /// Index.effectiveLoginKey, worked out when the snapshot was written, and whether it is the
    /// profile's own login.
    let login: (id: RecordLoginID, own: Bool)?
}

/// A LoginKey read in place: equal and hashed by the number of its text in the string table, so
/// exactly when the LoginKeys are equal (by code points).
public struct RecordLoginID: Hashable {
    /// The record's LoginFlags without `ownLogin`: which kind of LoginKey.
    let kind: Int
    let text: SnapshotText

    public static func == (a: RecordLoginID, b: RecordLoginID) -> Bool {
        a.kind == b.kind && a.text.canonical == b.text.canonical
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(text.canonical)
    }
}

/// Every profile of a snapshot, read in place. Made only after every record, setting, string
/// and path in the snapshot has been checked (numbers, tags, ranges and UTF-8), so that reading
/// one is plain loads that cannot fail; a snapshot that does not pass has no records, and its
/// index answers with Profiles.
public struct ProfileRecords: ProfileSource, Sendable {
    let snapshot: Snapshot

    public var count: Int { snapshot.profileCount }

    init?(checking snapshot: Snapshot) {
        self.snapshot = snapshot
        do {
            try snapshot.checkStrings()
            try snapshot.checkRecords()
        } catch {
            return nil
        }
    }

    /// String `id` of the table (checked, so the entry reader's own bounds checks always pass).
    @inline(__always)
    func text(_ id: Int) -> SnapshotText {
        do { return try SnapshotReader.text(id, in: snapshot.buffer, table: snapshot.stringTable) } catch {
            preconditionFailure("a checked snapshot string did not read")
        }
    }

    @inline(__always)
    private func optionalText(_ id: Int) -> SnapshotText? {
        id == RecordLayout.noText ? nil : text(id)
    }

    @inline(__always)
    func location(file: Int, line: Int) -> TextLocation {
        switch file {
        case RecordLayout.configFile: TextLocation(file: snapshot.pathBytes.config, line: line)
        case RecordLayout.credentialsFile: TextLocation(file: snapshot.pathBytes.credentials, line: line)
        default: TextLocation(file: text(file - RecordLayout.otherFile), line: line)
        }
    }

    public func record(at position: Int) -> ProfileRecord {
        precondition(position >= 0 && position < count, "no record \(position)")
        typealias W = RecordLayout.Word
        let word = { snapshot.recordWord(position, $0) }
        let credentialsFile = word(W.credentialsFile)
        let login = word(W.login), flags = word(W.loginFlags)
        let origin = RecordLayout.origin(word(W.origin))!  // checkRecords checked it
        return ProfileRecord(
            position: position, name: text(word(W.name)), location: location(file: word(W.file), line: word(W.line)),
            credentialsLocation: credentialsFile == RecordLayout.noFile ? nil : location(file: credentialsFile, line: word(W.credentialsLine)),
            kind: Snapshot.kinds[word(W.kind)], origin: origin.origin, markersLost: origin.markersLost,
            accountID: optionalText(word(W.texts)), roleName: optionalText(word(W.texts + 1)),
            accountName: optionalText(word(W.texts + 2)), region: optionalText(word(W.texts + 3)),
            ssoSession: optionalText(word(W.texts + 4)), ssoStartURL: optionalText(word(W.texts + 5)),
            ssoRegion: optionalText(word(W.texts + 6)), sourceProfile: optionalText(word(W.texts + 7)),
            sourcePosition: word(W.sourcePosition),
            login: login == RecordLayout.noLogin ? nil
                : (RecordLoginID(kind: flags & ~RecordLayout.ownLogin, text: text(login)), flags & RecordLayout.ownLogin != 0))
    }

    public func withSettings<R>(of profile: ProfileRecord, _ body: (RecordSettings, RecordNestedEntries) -> R) -> R {
        let start = snapshot.recordWord(profile.position, RecordLayout.Word.settingsStart)
        let count = snapshot.recordWord(profile.position, RecordLayout.Word.settingsCount)
        return body(RecordSettings(records: self, start: start, count: count), RecordNestedEntries(records: self))
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

    public func effectiveLogin(of profile: ProfileRecord) -> (id: RecordLoginID, own: Bool)? { profile.login }

    public func loginKey(_ id: RecordLoginID) -> LoginKey {
        switch id.kind {
        case RecordLayout.startURL: .startURL(id.text.string)
        case RecordLayout.temporaryKeys: .temporaryKeys(profile: id.text.string)
        default: .session(id.text.string)
        }
    }
}

/// A record's settings, read in place as they are asked for (each is a few loads).
public struct RecordSettings: RandomAccessCollection {
    let records: ProfileRecords
    let start: Int
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> SettingFields<SnapshotText> {
        precondition(i >= 0 && i < count, "no setting \(i)")
        typealias S = RecordLayout.SettingWord
        let snapshot = records.snapshot, j = start + i
        let value: SettingFields<SnapshotText>.Value
        if snapshot.settingWord(j, S.value) == RecordLayout.nested {
            let first = snapshot.settingWord(j, S.nestedStart)
            value = .nested(first..<(first + snapshot.settingWord(j, S.nestedCount)))
        } else {
            value = .string(records.text(snapshot.settingWord(j, S.value)))
        }
        let location = records.location(file: snapshot.settingWord(j, S.file), line: snapshot.settingWord(j, S.line))
        return SettingFields(key: records.text(snapshot.settingWord(j, S.key)), value: value,
                             location: .init(file: location.file, line: location.line))
    }
}

/// Every nested entry of a snapshot, by number (a nested setting's value is a range of them).
public struct RecordNestedEntries: RandomAccessCollection {
    let records: ProfileRecords

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.snapshot.nestedCount }

    public subscript(k: Int) -> NestedFields<SnapshotText> {
        precondition(k >= 0 && k < endIndex, "no nested entry \(k)")
        return NestedFields(key: records.text(records.snapshot.nestedWord(k, 0)), value: records.text(records.snapshot.nestedWord(k, 1)))
    }
}

// MARK: Checking records

extension SnapshotReader {
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
}

extension Snapshot {
    /// Checks every string-table entry: in bounds, valid UTF-8, ASCII and plain as its tag says,
    /// and its own number (each code point sequence is stored once).
    func checkStrings() throws(SnapshotDamaged) {
        for id in 0..<stringTable.count {
            let stored = try SnapshotReader.text(id, in: buffer, table: stringTable)
            guard stored.canonical == id, let text = SnapshotText.checked(stored.utf8),
                  text.isASCII == stored.isASCII, text.isPlain == stored.isPlain else { throw SnapshotDamaged() }
        }
    }

    /// Checks every word ProfileRecords reads: string numbers, file codes, kinds and origins,
    /// source positions and the ranges of settings and nested entries. The areas themselves were
    /// found within the buffer when the snapshot was opened. This is the layout
    /// SnapshotWriter.records writes (the mutation tests hold the two together).
    func checkRecords() throws(SnapshotDamaged) {
        typealias W = RecordLayout.Word
        typealias S = RecordLayout.SettingWord
        let strings = stringTable.count
        func file(_ code: Int) -> Bool { code < RecordLayout.otherFile || code - RecordLayout.otherFile < strings }
        for i in 0..<profileCount {
            let credentials = recordWord(i, W.credentialsFile)
            let source = recordWord(i, W.sourcePosition), login = recordWord(i, W.login)
            guard recordWord(i, W.name) < strings, file(recordWord(i, W.file)), credentials == RecordLayout.noFile || file(credentials),
                  recordWord(i, W.kind) < Snapshot.kinds.count, RecordLayout.origin(recordWord(i, W.origin)) != nil,
                  source < profileCount || source >= SnapshotWriter.missingSource, login < strings || login == RecordLayout.noLogin,
                  [0, RecordLayout.startURL, RecordLayout.temporaryKeys].contains(recordWord(i, W.loginFlags) & ~RecordLayout.ownLogin),
                  settingRange(ofRecord: i) != nil else { throw SnapshotDamaged() }
            for k in W.texts..<(W.texts + 8) {
                let id = recordWord(i, k)
                guard id < strings || id == RecordLayout.noText else { throw SnapshotDamaged() }
            }
        }
        for j in 0..<settingCount {
            let value = settingWord(j, S.value)
            guard settingWord(j, S.key) < strings, file(settingWord(j, S.file)) else { throw SnapshotDamaged() }
            if value == RecordLayout.nested {
                let start = settingWord(j, S.nestedStart), count = settingWord(j, S.nestedCount)
                guard start <= nestedCount, count <= nestedCount - start else { throw SnapshotDamaged() }
            } else {
                guard value < strings else { throw SnapshotDamaged() }
            }
        }
        for k in 0..<nestedCount {
            guard nestedWord(k, 0) < strings, nestedWord(k, 1) < strings else { throw SnapshotDamaged() }
        }
    }

    /// The position of the profile named `name`, by binary search in String order.
    func position(of name: UnsafeRawBufferPointer) throws(SnapshotDamaged) -> Int? {
        var low = 0, high = profileCount
        while low < high {
            let mid = (low + high) / 2
            if SnapshotText.precedes(try nameText(at: mid).utf8, name) { low = mid + 1 } else { high = mid }
        }
        guard low < profileCount else { return nil }
        return try nameText(at: low).utf8.elementsEqual(name) ? low : nil
    }
}
