// The types `sw list --json` reads a snapshot through are public, not `package`, although only
// the `sw` executable uses them: only public code is inlined across the module boundary
// (cross-module optimization), and `package` made `sw list --json` on 5,000 profiles cost 28 %
// more instructions. Index.profileRecords, the way in, is `package`.

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
    /// RecordLayout.missingSource.
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
            kind: RecordLayout.kinds[word(W.kind)], origin: origin.origin, markersLost: origin.markersLost,
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
        return body(RecordSettings(records: self, start: start, count: count), RecordNestedEntries(records: self, count: snapshot.nestedCount))
    }

    private func link(_ profile: ProfileRecord) -> SourceLink<ProfileRecord> {
        guard profile.sourceProfile != nil else { return .none }
        switch profile.sourcePosition {
        case profile.position: return .itself
        case RecordLayout.missingSource, RecordLayout.noSource: return .missing
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
        case RecordLayout.loginSession: .loginSession(id.text.string)
        default: .session(id.text.string)
        }
    }
}

/// A record's settings, read in place as they are asked for (each is a few loads).
public struct RecordSettings: RandomAccessCollection {
    @usableFromInline let records: ProfileRecords
    @usableFromInline let start: Int
    public let count: Int

    // Inlinable, so that `sw list --json` calls `setting(at:)` directly, not through Collection.
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }
    @inlinable public subscript(i: Int) -> SettingFields<SnapshotText> { setting(at: i) }

    @usableFromInline func setting(at i: Int) -> SettingFields<SnapshotText> {
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
    @usableFromInline let records: ProfileRecords
    public let count: Int

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }
    @inlinable public subscript(k: Int) -> NestedFields<SnapshotText> { entry(at: k) }

    @usableFromInline func entry(at k: Int) -> NestedFields<SnapshotText> {
        precondition(k >= 0 && k < endIndex, "no nested entry \(k)")
        return NestedFields(key: records.text(records.snapshot.nestedWord(k, 0)), value: records.text(records.snapshot.nestedWord(k, 1)))
    }
}
