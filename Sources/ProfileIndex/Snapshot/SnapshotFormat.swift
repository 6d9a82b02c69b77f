/// The built index in a compact binary form, so that a later run can answer from it instead of
/// parsing the AWS files again (IndexCache says when one is trusted). This is the one description
/// of the format; SnapshotWriter writes it, Snapshot and ProfileRecords read it.
///
/// Everything is a little-endian UInt32 ("word") except the magic and the bytes of raw strings.
/// A string is its number in the string table; nil is 0xFFFFFFFF. Only the key and the two AWS
/// file paths are raw strings (a word with their length, then their UTF-8 bytes): the key is
/// compared before anything else is read.
///
///     magic "SWIDX" 0 0 8 | payload length | key (raw) |
///     offsets of: files, profiles, sessions, problems, logins, strings |
///     files | profiles | sessions | problems | logins | strings
///
/// - files: for the config, then the credentials file: path (raw), state (0 missing, 1 read),
///   byte count, count of parse failures, and for each its line, kind (ParseFailure's case, in
///   order) and for a failure that names them, the section and key strings.
/// - profiles: three areas of fixed-size records, so that they can be checked once in one linear
///   pass and then read with plain loads (ProfileRecords), and `sw list --json` neither sorts
///   settings nor follows chains to find logins. Each area is a count, then that many records:
///   - a profile record per profile (`RecordLayout.Word`), sorted by name (String order) so that
///     one profile is found by a binary search that decodes only names: name, location,
///     credentials location, kind, origin, the eight optional texts, the position of the profile
///     `source_profile` names, the effective login and its flags, where its settings are;
///   - settings (`RecordLayout.SettingWord`): every profile's, then every session's; each owner's
///     are consecutive and in key order, each with its place in the order they were defined;
///   - nested entries (key, value) of nested settings.
/// - sessions: a count, then a record per session (`RecordLayout.SessionWord`), sorted by name,
///   then a count and the names of the profiles that use each session (a session record names a
///   range of them).
/// - problems: a count, then a record per problem (`RecordLayout.ProblemWord`).
/// - logins: a count, then for each login: its kind (`RecordLayout`'s login flags), its text, a
///   count and the positions of the profiles whose own login it is.
/// - strings: a count, each entry's offset, then the entries: a tag (the entry's own number; bit
///   31 when the string is not ASCII, bit 30 when it is not plain, see `SnapshotText.isPlain`),
///   the length and the UTF-8 bytes. Every code point sequence is stored once, so `café` written
///   precomposed and decomposed stay two strings, as botocore sees them, and two table strings
///   are equal exactly when their numbers are.
///
/// A location is two words: the file (`RecordLayout.configFile`, `.credentialsFile`, else
/// `.otherFile` plus the path's string number; `.noFile` for none) and the line.
///
/// There is no checksum: hashing 2 MB would cost `sw use` more than everything else it does with
/// the snapshot. A snapshot is written aside and renamed into place (never half-written), its
/// length must match, the sections must lie within it, and every number read is checked before
/// it is used: a record that does not decode makes the index parse the AWS files after all.
///
/// Format 8 added the login kind `loginSession` (a `login_session` profile's `aws login`
/// session; its login flag is 8); a format-7 snapshot is not read, the files are parsed again.
///
/// Secret values (`aws_secret_access_key`, `aws_session_token`, `aws_security_token`) are never
/// written: they are stored as `<redacted>`, which is all `sw` ever shows of them.
@usableFromInline enum SnapshotFormat {
    static let magic: [UInt8] = Array("SWIDX".utf8) + [0, 0, 8]
    /// The offsets of the six sections follow the key.
    static let sectionCount = 6
    /// A string-table entry's tag: its own number (SnapshotText.canonical), bit 31 when it is
    /// not ASCII, bit 30 when it is not plain (SnapshotText.isPlain).
    static let notASCII: UInt32 = 1 << 31
    @inlinable static var notPlain: UInt32 { 1 << 30 }
    @inlinable static var canonicalMask: UInt32 { notPlain - 1 }
    /// A missing optional string or word.
    static let none = Int(UInt32.max)
    static let redacted = "<redacted>"
}

/// A damaged or foreign snapshot: never trusted, the files are parsed instead.
struct SnapshotDamaged: Error {}

/// The words of the fixed-size records (SnapshotFormat).
enum RecordLayout {
    /// A profile record's words.
    enum Word {
        static let name = 0, file = 1, line = 2, credentialsFile = 3, credentialsLine = 4, kind = 5, origin = 6
        /// accountID, roleName, accountName, region, ssoSession, ssoStartURL, ssoRegion, sourceProfile.
        static let texts = 7
        /// The position of the profile `source_profile` names (noSource, missingSource).
        static let sourcePosition = 15
        /// The text of Index.effectiveLoginKey (a session name, start URL or profile) and its login flags.
        static let login = 16, loginFlags = 17
        static let settingsStart = 18, settingsCount = 19
        static let count = 20
    }

    /// A setting's words: the value is a string number, or `nested` and the range of its entries.
    enum SettingWord {
        static let key = 0, value = 1, nestedStart = 2, nestedCount = 3, file = 4, line = 5
        /// Its position among its owner's settings as defined (a Profile keeps that order).
        static let rank = 6
        static let count = 7
    }

    /// A session record's words.
    enum SessionWord {
        static let name = 0, file = 1, line = 2, origin = 3, settingsStart = 4, settingsCount = 5
        static let profilesStart = 6, profilesCount = 7
        static let count = 8
    }

    /// A problem record's words.
    enum ProblemWord {
        static let code = 0, severity = 1, file = 2, line = 3, profile = 4, session = 5, message = 6
        static let predicts = 7, stage = 8, fix = 9
        static let count = 10
    }

    /// A profile record's source position when it has no source_profile, or one that names no profile.
    static let noSource = Int(UInt32.max)
    static let missingSource = Int(UInt32.max - 1)
    static let noText = SnapshotFormat.none
    static let nested = SnapshotFormat.none
    /// The file of a location: one of the two AWS files, or a string number plus `otherFile`;
    /// `noFile` for a missing location.
    static let configFile = 0, credentialsFile = 1, otherFile = 2
    static let noFile = SnapshotFormat.none
    static let noLogin = SnapshotFormat.none
    /// The origin word: the origin's position in `origins`, plus this bit when the generator's
    /// markers are lost (Profile.markersLost).
    static let markersLost = 0x100
    /// Login flags: the kind of login (0 for an sso-session), and whether it is the profile's own.
    static let startURL = 1, ownLogin = 2, temporaryKeys = 4, loginSession = 8
    /// Every login kind a writer makes (a record's login flags without `ownLogin`).
    static let loginKinds = [0, startURL, temporaryKeys, loginSession]

    /// A record's kind and origin are their positions in these (`allCases` makes a new array on
    /// every call).
    static let kinds = ProfileKind.allCases
    static let origins = Origin.allCases

    /// The origin word for an origin.
    static func originWord(_ origin: Origin, markersLost lost: Bool) -> Int {
        origins.firstIndex(of: origin)! | (lost ? markersLost : 0)
    }

    /// The origin and markers-lost flag of an origin word, or nil for a word no writer makes.
    static func origin(_ word: Int) -> (origin: Origin, markersLost: Bool)? {
        let position = word & ~markersLost
        guard position < origins.count else { return nil }
        return (origins[position], word & markersLost != 0)
    }

    /// A LoginKey's kind and text.
    static func loginWords(_ key: LoginKey) -> (kind: Int, text: String) {
        switch key {
        case .session(let name): (0, name)
        case .startURL(let url): (startURL, url)
        case .temporaryKeys(let profile): (temporaryKeys, profile)
        case .loginSession(let session): (loginSession, session)
        }
    }

    /// The LoginKey of a kind and text; nil for a kind no writer makes.
    static func loginKey(kind: Int, text: String) -> LoginKey? {
        switch kind {
        case 0: .session(text)
        case startURL: .startURL(text)
        case temporaryKeys: .temporaryKeys(profile: text)
        case loginSession: .loginSession(text)
        default: nil
        }
    }
}
