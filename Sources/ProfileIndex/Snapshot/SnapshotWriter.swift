/// Writes an index as a snapshot (SnapshotFormat).
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []
    /// Every distinct string once: a config repeats its keys, regions, sessions and roles
    /// thousands of times, and reading the snapshot back makes each String only once. Keyed by
    /// code points, so `caf\u{E9}` and `cafe\u{301}` are two strings, as botocore sees them.
    private var stringIDs: [ExactString: Int] = [:]
    private var strings: [(string: String, ascii: Bool, plain: Bool)] = []
    /// The settings and nested-entry areas, gathered while the records are written.
    private var settingWords: [Int] = []
    private var nestedWords: [Int] = []

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

    /// A raw string: length and UTF-8 bytes.
    mutating func rawStr(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            u32(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Raw bytes: length and bytes.
    mutating func bytes(_ b: [UInt8]) {
        u32(b.count)
        bytes.append(contentsOf: b)
    }

    /// A string as its number in the string table.
    mutating func str(_ s: String) { u32(stringID(s)) }

    mutating func optStr(_ s: String?) {
        if let s { str(s) } else { u32(SnapshotFormat.none) }
    }

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

    /// The string table: count, each entry's offset, then the entries (tag, length, bytes).
    private mutating func stringTable() {
        u32(strings.count)
        let offsets = bytes.count
        for _ in strings { u32(0) }
        for (i, s) in strings.enumerated() {
            patchU32(at: offsets + 4 * i, bytes.count)
            u32(i | (s.ascii ? 0 : Int(SnapshotFormat.notASCII)) | (s.plain ? 0 : Int(SnapshotFormat.notPlain)))
            rawStr(s.string)
        }
    }
}

extension SnapshotWriter {
    /// The two AWS files' paths: a location in one of them is a file code, not the path again.
    typealias Files = (config: String, credentials: String)

    /// Everything an Index holds once built, after `key` (what the snapshot is valid for).
    /// `effectiveLogins` holds each profile's Index.effectiveLoginKey.
    static func encode(key: [UInt8], config: Index.File, credentials: Index.File, profiles: [Profile],
                       effectiveLogins: [LoginKey?], sessions: [SSOSession], problems: [Problem]) -> [UInt8] {
        var w = SnapshotWriter()
        let files = (config: config.path, credentials: credentials.path)
        w.bytes.append(contentsOf: SnapshotFormat.magic)
        w.u32(0)  // payload length
        let payloadStart = w.bytes.count
        w.bytes(key)
        let sections = w.bytes.count
        for _ in 0..<SnapshotFormat.sectionCount { w.u32(0) }

        w.patchU32(at: sections, w.bytes.count)
        w.file(config)
        w.file(credentials)

        w.patchU32(at: sections + 4, w.bytes.count)
        w.profileRecords(profiles, logins: effectiveLogins, files)
        let sessionSettings = sessions.map { w.gather($0.settings, files) }
        w.settingAreas()

        w.patchU32(at: sections + 8, w.bytes.count)
        w.u32(sessions.count)
        var profileNames = 0
        for (s, settings) in zip(sessions, sessionSettings) {
            w.str(s.name)
            w.location(s.location, files)
            w.u32(RecordLayout.originWord(s.origin, markersLost: s.markersLost))
            w.u32(settings.start)
            w.u32(settings.count)
            w.u32(profileNames)
            w.u32(s.profiles.count)
            profileNames += s.profiles.count
        }
        w.u32(profileNames)
        for s in sessions { for name in s.profiles { w.str(name) } }

        w.patchU32(at: sections + 12, w.bytes.count)
        w.u32(problems.count)
        for p in problems {
            w.str(p.code.rawValue)
            w.str(p.severity.rawValue)
            w.location(p.location, files)
            w.optStr(p.profile)
            w.optStr(p.session)
            w.str(p.message)
            w.optStr(p.predicts)
            w.optStr(p.stage?.rawValue)
            w.optStr(p.fix?.prose)  // the index writes prose fixes only
        }

        // Logins by profile position: `sw use` needs only a group's size.
        w.patchU32(at: sections + 16, w.bytes.count)
        var logins: [LoginKey: [Int]] = [:]
        for i in profiles.indices {
            if let key = profiles[i].loginKey { logins[key, default: []].append(i) }
        }
        w.u32(logins.count)
        for (key, positions) in logins.sorted(by: { $0.value[0] < $1.value[0] }) {
            let (kind, text) = RecordLayout.loginWords(key)
            w.u32(kind)
            w.str(text)
            w.u32(positions.count)
            for i in positions { w.u32(i) }
        }

        w.patchU32(at: sections + 20, w.bytes.count)
        w.stringTable()

        w.patchU32(at: SnapshotFormat.magic.count, w.bytes.count - payloadStart)
        return w.bytes
    }

    /// The profile records; their settings are gathered for `settingAreas`.
    private mutating func profileRecords(_ profiles: [Profile], logins: [LoginKey?], _ files: Files) {
        u32(profiles.count)
        // Where each source_profile leads, so that a record read in place follows its chain
        // without a search (names are unique by code points; the dictionary compares the same way).
        var positions: [ExactString: Int] = [:]
        positions.reserveCapacity(profiles.count)
        for i in profiles.indices { positions[ExactString(profiles[i].name)] = positions[ExactString(profiles[i].name)] ?? i }
        for i in profiles.indices {
            let p = profiles[i]
            u32(stringID(p.name))
            location(p.location, files)
            location(p.credentialsLocation, files)
            u32(RecordLayout.kinds.firstIndex(of: p.kind)!)
            u32(RecordLayout.originWord(p.origin, markersLost: p.markersLost))
            for field in [p.accountID, p.roleName, p.accountName, p.region, p.ssoSession, p.ssoStartURL, p.ssoRegion,
                          p.sourceProfile] {
                optStr(field)
            }
            u32(p.sourceProfile.map { positions[ExactString($0)] ?? RecordLayout.missingSource } ?? RecordLayout.noSource)
            if let login = logins[i] {
                let (kind, text) = RecordLayout.loginWords(login)
                str(text)
                u32(kind | (p.loginKey == login ? RecordLayout.ownLogin : 0))
            } else {
                u32(RecordLayout.noLogin)
                u32(0)
            }
            let settings = gather(p.settings, files)
            u32(settings.start)
            u32(settings.count)
        }
    }

    /// The settings and nested-entry areas, as gathered.
    private mutating func settingAreas() {
        u32(settingWords.count / RecordLayout.SettingWord.count)
        for word in settingWords { u32(word) }
        u32(nestedWords.count / 2)
        for word in nestedWords { u32(word) }
    }

    /// Adds settings to the settings area in key order, stable (as `sorted` keeps equal keys:
    /// what `sw list --json` writes), each with its rank as defined; where they start, and how many.
    private mutating func gather(_ settings: [Setting], _ files: Files) -> (start: Int, count: Int) {
        let start = settingWords.count / RecordLayout.SettingWord.count
        withSortedOrder(settings.count, by: { settings[$0].key.precedesExactly(settings[$1].key) }) { order in
            for rank in order {
                let s = settings[rank]
                settingWords.append(stringID(s.key))
                switch s.value {
                case .string(let v):
                    settingWords.append(stringID(s.isSecret ? SnapshotFormat.redacted : v))
                    settingWords.append(0)
                    settingWords.append(0)
                case .nested(let entries):
                    settingWords.append(RecordLayout.nested)
                    settingWords.append(nestedWords.count / 2)
                    settingWords.append(entries.count)
                    for e in entries {
                        nestedWords.append(stringID(e.key))
                        nestedWords.append(stringID(s.isSecret || Setting.secretKeys.contains(e.key) ? SnapshotFormat.redacted : e.value))
                    }
                }
                settingWords.append(fileCode(s.location, files))
                settingWords.append(s.location.line)
                settingWords.append(rank)
            }
        }
        return (start, settings.count)
    }

    /// A location as two words: which file and the line; none is RecordLayout.noFile and 0.
    private mutating func location(_ l: SourceLocation?, _ files: Files) {
        guard let l else { u32(RecordLayout.noFile); u32(0); return }
        u32(fileCode(l, files))
        u32(l.line)
    }

    private mutating func fileCode(_ l: SourceLocation, _ files: Files) -> Int {
        switch l.file {
        case files.config: RecordLayout.configFile
        case files.credentials: RecordLayout.credentialsFile
        default: RecordLayout.otherFile + stringID(l.file)
        }
    }

    private mutating func file(_ f: Index.File) {
        rawStr(f.path)
        switch f.state {
        case .read(let count): u32(1); u32(count)
        default: u32(0); u32(0)  // missing: a snapshot is never written for an unusable file
        }
        u32(f.failures.count)
        for failure in f.failures {
            u32(failure.line)
            switch failure.failure {
            case .byteOrderMark: u32(0)
            case .textBeforeFirstSection: u32(1)
            case .lineWithoutDelimiter: u32(2)
            case .emptyKey: u32(3)
            case .duplicateSection(let name): u32(4); str(name)
            case .duplicateKey(let section, let key): u32(5); str(section); str(key)
            case .notUTF8: u32(6)
            case .nestedLineWithoutEquals(let key): u32(7); str(key)
            }
        }
    }
}
