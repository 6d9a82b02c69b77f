import Synchronization

/// A snapshot in memory (SnapshotFormat), usually a read-only mapping of the cache file. Header
/// and sections are checked when it is opened; records are decoded on demand.
final class Snapshot: @unchecked Sendable {  // immutable after init
    let buffer: UnsafeRawBufferPointer
    /// The mapping `buffer` points into, released with the last Snapshot (and so the last Index,
    /// ProfileRecords or ProfileRecord) that reads it.
    private let mapping: MappedFile?
    let config: Index.File
    let credentials: Index.File
    let profileCount: Int
    /// The two AWS files' paths as stored, for records read in place.
    let pathBytes: (config: SnapshotText, credentials: SnapshotText)
    let stringTable: (offset: Int, count: Int)
    /// Strings made from the table so far; readers take the lock once per record, not per string.
    private let memo = Mutex<StringMemo?>(nil)
    /// Where the profile records, the settings and the nested entries start; all three areas
    /// were found within the buffer when the snapshot was opened.
    let recordsOffset: Int
    let settingsOffset: Int
    let settingCount: Int
    let nestedOffset: Int
    let nestedCount: Int
    private let sessionRecords: (offset: Int, count: Int)
    private let sessionProfiles: (offset: Int, count: Int)
    private let problemsOffset: Int
    private let loginsOffset: Int

    /// The key the snapshot was written for, or nil when the bytes are not a whole snapshot.
    static func key(in buffer: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let magic = SnapshotFormat.magic
        guard buffer.count >= magic.count + 4, buffer.prefix(magic.count).elementsEqual(magic) else { return nil }
        var r = SnapshotReader(buffer, at: magic.count)
        guard let length = try? r.u32(), length == buffer.count - (magic.count + 4) else { return nil }
        return try? r.strBytes()
    }

    /// Opens a mapped snapshot whose key has been checked; nil when its sections are out of bounds.
    convenience init?(_ mapping: MappedFile) {
        self.init(mapping.bytes, keeping: mapping)
    }

    /// A snapshot in `buffer`, which must outlive it unless `mapping` owns it.
    init?(_ buffer: UnsafeRawBufferPointer, keeping mapping: MappedFile? = nil) {
        var r = SnapshotReader(buffer, at: SnapshotFormat.magic.count + 4)
        self.buffer = buffer
        self.mapping = mapping
        do {
            _ = try r.strBytes()
            let filesOffset = try r.u32()
            let profilesOffset = try r.u32()
            let sessionsOffset = try r.u32()
            problemsOffset = try r.u32()
            loginsOffset = try r.u32()
            let stringsOffset = try r.u32()
            r.offset = stringsOffset
            let table = try r.area(bytesEach: 4)
            stringTable = table
            r = SnapshotReader(buffer, at: filesOffset, table: table)
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
            r.offset = sessionsOffset
            sessionRecords = try r.area(bytesEach: 4 * RecordLayout.SessionWord.count)
            sessionProfiles = try r.area(bytesEach: 4)
        } catch {
            return nil
        }
    }

    private static func file(_ r: inout SnapshotReader) throws(SnapshotDamaged) -> Index.File {
        let path = try r.rawStr()
        let state: FileState
        switch (try r.u32(), try r.u32()) {
        case (0, _): state = .missing
        case (1, let count): state = .read(byteCount: count)
        default: throw SnapshotDamaged()
        }
        let count = try r.count(bytesEach: 8)
        var failures: [INIFailure] = []
        for _ in 0..<count {
            let line = try r.u32()
            let failure: ParseFailure
            switch try r.u32() {
            case 0: failure = .byteOrderMark
            case 1: failure = .textBeforeFirstSection
            case 2: failure = .lineWithoutDelimiter
            case 3: failure = .emptyKey
            case 4: failure = .duplicateSection(try r.str())
            case 5: failure = .duplicateKey(section: try r.str(), key: try r.str())
            case 6: failure = .notUTF8
            case 7: failure = .nestedLineWithoutEquals(key: try r.str())
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

    /// Word `word` of the fixed-size record `i` of an area that starts at `offset`; the caller
    /// knows `i` is within the area.
    @inline(__always)
    private func word(_ offset: Int, _ size: Int, _ i: Int, _ word: Int) -> Int {
        Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 4 * (size * i + word), as: UInt32.self)))
    }

    /// Word `word` of profile record `i` (< profileCount): in bounds, but not yet checked.
    @inline(__always)
    func recordWord(_ i: Int, _ word: Int) -> Int { self.word(recordsOffset, RecordLayout.Word.count, i, word) }

    /// Word `word` of setting `j` (< settingCount).
    @inline(__always)
    func settingWord(_ j: Int, _ word: Int) -> Int { self.word(settingsOffset, RecordLayout.SettingWord.count, j, word) }

    /// The key (0) or value (1) of nested entry `k` (< nestedCount).
    @inline(__always)
    func nestedWord(_ k: Int, _ word: Int) -> Int { self.word(nestedOffset, 2, k, word) }

    /// A range of settings (or nested entries, with `within: nestedCount`), checked.
    func range(start: Int, count: Int, within total: Int) -> Range<Int>? {
        guard start <= total, count <= total - start else { return nil }
        return start..<(start + count)
    }

    /// The range of settings record `i` says it has; nil when it is not within the settings.
    func settingRange(ofRecord i: Int) -> Range<Int>? {
        range(start: recordWord(i, RecordLayout.Word.settingsStart), count: recordWord(i, RecordLayout.Word.settingsCount),
              within: settingCount)
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
        guard kind < RecordLayout.kinds.count, let origin = RecordLayout.origin(originWord),
              let range = settingRange(ofRecord: i) else { throw SnapshotDamaged() }
        var p = Profile(name: try r.string(recordWord(i, W.name)),
                        location: try r.location(file: recordWord(i, W.file), line: recordWord(i, W.line)),
                        credentialsLocation: credentialsFile == RecordLayout.noFile ? nil
                            : try r.location(file: credentialsFile, line: recordWord(i, W.credentialsLine)),
                        settings: try settings(range, &r), kind: RecordLayout.kinds[kind], origin: origin.origin,
                        markersLost: origin.markersLost,
                        accountID: try text(W.texts), roleName: try text(W.texts + 1), accountName: try text(W.texts + 2),
                        region: try text(W.texts + 3), ssoSession: try text(W.texts + 4), ssoStartURL: try text(W.texts + 5),
                        ssoRegion: try text(W.texts + 6))
        p.hasLegacyLogin = Builder.hasLegacyLogin { key in p.setting(key)?.value }
        return p
    }

    /// Settings stored in key order, each with its place in the order they were defined: in
    /// that order again.
    private func settings(_ range: Range<Int>, _ r: inout SnapshotReader) throws(SnapshotDamaged) -> [Setting] {
        typealias S = RecordLayout.SettingWord
        var settings = [Setting?](repeating: nil, count: range.count)
        for j in range {
            let rank = settingWord(j, S.rank)
            guard rank < settings.count, settings[rank] == nil else { throw SnapshotDamaged() }
            let value: SettingValue
            if settingWord(j, S.value) == RecordLayout.nested {
                guard let entries = self.range(start: settingWord(j, S.nestedStart), count: settingWord(j, S.nestedCount),
                                               within: nestedCount) else { throw SnapshotDamaged() }
                var nested: [SettingValue.NestedEntry] = []
                for k in entries { nested.append(.init(key: try r.string(nestedWord(k, 0)), value: try r.string(nestedWord(k, 1)))) }
                value = .nested(nested)
            } else {
                value = .string(try r.string(settingWord(j, S.value)))
            }
            settings[rank] = Setting(key: try r.string(settingWord(j, S.key)), value: value,
                                     location: try r.location(file: settingWord(j, S.file), line: settingWord(j, S.line)))
        }
        return settings.map { $0! }
    }

    /// Binary search by name, in the order the profiles were stored (String's `<`).
    func position(of name: String) throws(SnapshotDamaged) -> Int? {
        var name = name
        let found = name.withUTF8 { utf8 in
            Result { () throws(SnapshotDamaged) in try position(of: UnsafeRawBufferPointer(utf8)) }
        }
        return try found.get()
    }

    /// The position of the profile named `name`, by binary search in String order.
    private func position(of name: UnsafeRawBufferPointer) throws(SnapshotDamaged) -> Int? {
        var low = 0, high = profileCount
        while low < high {
            let mid = (low + high) / 2
            if SnapshotText.precedes(try nameText(at: mid).utf8, name) { low = mid + 1 } else { high = mid }
        }
        guard low < profileCount else { return nil }
        return try nameText(at: low).utf8.elementsEqual(name) ? low : nil
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

    /// Word `word` of session record `i` (< sessionRecords.count).
    private func sessionWord(_ i: Int, _ word: Int) -> Int { self.word(sessionRecords.offset, RecordLayout.SessionWord.count, i, word) }

    func sessions() throws(SnapshotDamaged) -> [SSOSession] {
        try reading(at: 0) { r throws(SnapshotDamaged) in
            typealias W = RecordLayout.SessionWord
            var result: [SSOSession] = []
            result.reserveCapacity(sessionRecords.count)
            for i in 0..<sessionRecords.count {
                guard let origin = RecordLayout.origin(sessionWord(i, W.origin)),
                      let settings = range(start: sessionWord(i, W.settingsStart), count: sessionWord(i, W.settingsCount), within: settingCount),
                      let profiles = range(start: sessionWord(i, W.profilesStart), count: sessionWord(i, W.profilesCount),
                                           within: sessionProfiles.count) else { throw SnapshotDamaged() }
                var names: [String] = []
                names.reserveCapacity(profiles.count)
                for k in profiles { names.append(try r.string(word(sessionProfiles.offset, 1, k, 0))) }
                result.append(SSOSession(name: try r.string(sessionWord(i, W.name)),
                                         location: try r.location(file: sessionWord(i, W.file), line: sessionWord(i, W.line)),
                                         settings: try self.settings(settings, &r), origin: origin.origin,
                                         markersLost: origin.markersLost, profiles: names))
            }
            return result
        }
    }

    /// The names of the sessions, without the rest of them.
    func sessionNames() throws(SnapshotDamaged) -> [String] {
        try reading(at: 0) { r throws(SnapshotDamaged) in
            var names: [String] = []
            names.reserveCapacity(sessionRecords.count)
            for i in 0..<sessionRecords.count { names.append(try r.string(sessionWord(i, RecordLayout.SessionWord.name))) }
            return names
        }
    }

    func problems() throws(SnapshotDamaged) -> [Problem] {
        try reading(at: problemsOffset) { r throws(SnapshotDamaged) in
            let count = try r.count(bytesEach: 4 * RecordLayout.ProblemWord.count)
            var problems: [Problem] = []
            problems.reserveCapacity(count)
            for _ in 0..<count {
                guard let code = Problem.Code(rawValue: try r.str()), let severity = Problem.Severity(rawValue: try r.str()) else {
                    throw SnapshotDamaged()
                }
                let file = try r.u32(), line = try r.u32()
                let location = file == RecordLayout.noFile ? nil : try r.location(file: file, line: line)
                var p = Problem(code, severity, at: location, profile: try r.optStr(), session: try r.optStr(), try r.str(),
                                predicts: try r.optStr())
                p.stage = nil
                if let raw = try r.optStr() {
                    guard let stage = Problem.Stage(rawValue: raw) else { throw SnapshotDamaged() }
                    p.stage = stage
                }
                p.fix = try r.optStr().map { Fix($0) }
                problems.append(p)
            }
            return problems
        }
    }

    /// Each login with the positions of its profiles (as stored: the order they were built in).
    func logins() throws(SnapshotDamaged) -> [LoginKey: [Int]] {
        try reading(at: loginsOffset) { r throws(SnapshotDamaged) in
            let count = try r.count(bytesEach: 12)
            var logins: [LoginKey: [Int]] = [:]
            for _ in 0..<count {
                let kind = try r.u32()
                guard let key = RecordLayout.loginKey(kind: kind, text: try r.str()) else { throw SnapshotDamaged() }
                let n = try r.count()
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
}
