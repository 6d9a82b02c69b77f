import Synchronization

/// Everything `sw` knows about the user's AWS profiles, built from the config and credentials
/// files exactly as botocore reads them (`Session().full_config`).
///
/// Building every profile of a 5,000-profile config costs more than reading it, and `sw use`
/// needs one profile and its `source_profile` chain: so profiles are built on demand, one at a
/// time or all at once (and then kept), from one scan of the section headers, or decoded on
/// demand from a snapshot of sw's index cache (IndexCache).
public struct Index: Sendable {
    public struct File: Sendable, Hashable {
        public var path: String
        public var state: FileState
        /// Why botocore refuses this whole file (`Unable to parse config file`), first one first.
        public var parseFailures: [(ParseFailure, Int)] { failures.map { ($0.failure, $0.line) } }
        var failures: [INIFailure]

        /// botocore raises ConfigParseError for this file, so no profile works.
        public var isRefusedByBotocore: Bool { !failures.isEmpty }

        public static func == (a: File, b: File) -> Bool { a.path == b.path && a.state == b.state && a.failures == b.failures }
        public func hash(into h: inout Hasher) { h.combine(path); h.combine(state) }
    }

    public var config: File
    public var credentials: File
    private let store: Store

    /// Every profile, sorted by name (by code points, as Python sorts).
    public var profiles: [Profile] { store.all.profiles }
    /// Every `[sso-session]`, sorted by name.
    public var ssoSessions: [SSOSession] { store.all.sessions }
    public var problems: [Problem] { store.all.problems }
    /// Profiles that share one login (same sso-session name, or identical legacy start URL).
    public var logins: [LoginKey: [String]] { store.logins }
    /// How many profiles use this login (without sorting their names).
    public func loginGroupSize(_ key: LoginKey) -> Int { store.loginGroupSize(key) }
    /// Every profile name, sorted, without building the profiles.
    public var profileNames: [String] { store.names }

    /// Every profile read in place from sw's index snapshot, in name order (as `profiles`): nil
    /// when the index was parsed from the files, or its snapshot does not check out.
    public var profileRecords: ProfileRecords? { store.records }

    /// Reads the files named by the environment (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`,
    /// `HOME`). A missing file is empty, as for botocore.
    public static func load(environment: [String: String]) -> Index {
        load(paths: AWSPaths(environment: environment))
    }

    public static func load(paths: AWSPaths) -> Index {
        let (configState, configBytes) = FileReader.read(paths.config)
        let (credentialsState, credentialsBytes) = FileReader.read(paths.credentials)
        return Index(configPath: paths.config, configState: configState, configBytes: configBytes,
                     credentialsPath: paths.credentials, credentialsState: credentialsState,
                     credentialsBytes: credentialsBytes)
    }

    /// Builds the index from file contents (for tests and fuzzing: no file system involved).
    public init(config: [UInt8]?, configPath: String = "config", credentials: [UInt8]? = nil,
                credentialsPath: String = "credentials") {
        self.init(configPath: configPath, configState: config.map { .read(byteCount: $0.count) } ?? .missing,
                  configBytes: config ?? [], credentialsPath: credentialsPath,
                  credentialsState: credentials.map { .read(byteCount: $0.count) } ?? .missing,
                  credentialsBytes: credentials ?? [])
    }

    init(configPath: String, configState: FileState, configBytes: [UInt8],
         credentialsPath: String, credentialsState: FileState, credentialsBytes: [UInt8]) {
        let scan = Scan(configPath: configPath, configState: configState, configBytes: configBytes,
                        credentialsPath: credentialsPath, credentialsState: credentialsState, credentialsBytes: credentialsBytes)
        config = File(path: configPath, state: configState, failures: scan.config.failures)
        credentials = File(path: credentialsPath, state: credentialsState, failures: scan.credentials.failures)
        store = Store(.scan(scan))
    }

    /// An index answered from a snapshot (IndexCache); should a record turn out damaged, the
    /// files at `paths` are parsed after all.
    init(snapshot: Snapshot, paths: AWSPaths) {
        config = snapshot.config
        credentials = snapshot.credentials
        store = Store(.snapshot(snapshot, paths))
    }

    /// The snapshot of this index, valid for `key` (builds every profile).
    func snapshotBytes(key: [UInt8]) -> [UInt8] {
        let all = store.all
        return SnapshotWriter.encode(key: key, config: config, credentials: credentials, profiles: all.profiles,
                                     effectiveLogins: all.profiles.map(effectiveLoginKey), sessions: all.sessions,
                                     problems: all.problems)
    }

    public func profile(named name: String) -> Profile? { store.profile(named: name) }

    public func ssoSession(named name: String) -> SSOSession? { store.session(named: name) }

    /// Whether an `[sso-session NAME]` section exists (without building it or its profile list).
    public func hasSSOSession(named name: String) -> Bool { store.hasSession(named: name) }

    /// The profile followed by its `source_profile`s, stopping before a profile already in the
    /// chain (a cycle) or a name that does not exist. `cycle` is the name that closed a loop.
    public func sourceChain(of name: String) -> (chain: [Profile], missing: String?, cycle: String?) {
        guard let start = profile(named: name) else { return ([], name, nil) }
        let (chain, stop) = SourceLinks.chain(from: start, id: { ExactString($0.name) }, link: link)
        switch stop {
        case .end: return (chain, nil, nil)
        case .missing: return (chain, chain.last?.sourceProfile, nil)
        case .cycle: return (chain, nil, chain.last?.sourceProfile)
        }
    }

    private func link(_ profile: Profile) -> SourceLink<Profile> {
        guard let source = profile.sourceProfile else { return .none }
        if source.isExactly(profile.name) { return .itself }
        return self.profile(named: source).map { .to($0) } ?? .missing
    }

    /// The region a profile's chain provides: its own `region`, else the nearest one among its
    /// `source_profile`s.
    public func effectiveRegion(of name: String) -> String? {
        sourceChain(of: name).chain.lazy.compactMap(\.region).first
    }

    /// The SSO login the profile's credentials come from: its own, or for a role assumed from a
    /// `source_profile`, that chain's (botocore resolves the source's credentials first, and an
    /// assume-role profile's own SSO keys are never used). Nil when no SSO login is involved.
    /// Every command that shows or runs a login uses this one rule.
    public func effectiveLoginKey(of profile: Profile) -> LoginKey? {
        guard profile.kind == .assumeRole else { return profile.loginKey }
        return SourceLinks.loginSource(of: profile, profileCount: store.profileCount, assumesRole: { $0.kind == .assumeRole },
                                       link: link)?.loginKey
    }

    /// True when botocore refuses either file, so no profile can be used.
    public var isRefusedByBotocore: Bool { config.isRefusedByBotocore || credentials.isRefusedByBotocore }

    /// The config file as parsed, comments included (`sw doctor` reads aws-sso-cli's block
    /// markers from it); nil for an index read from a snapshot, which keeps no comments.
    var parsedConfig: INIDocument? {
        if case .scan(let scan) = store.source { return scan.config }
        return nil
    }
}

/// Builds profiles from a Scan (or decodes them from a snapshot) when asked, and keeps what it
/// built. Index is a value shared freely; the store behind it is filled at most once per name,
/// under a lock.
private final class Store: Sendable {
    struct All {
        var profiles: [Profile]
        var sessions: [SSOSession]
        var problems: [Problem]
    }

    enum Source {
        case scan(Scan)
        case snapshot(Snapshot, AWSPaths)
    }

    struct State {
        var single: [ExactString: Profile] = [:]
        var sessionNames: Set<ExactString>?
        var all: All?
        var logins: [LoginKey: [String]]?
        var rawLogins: [LoginKey: [String]]?
        var names: [String]?
        var snapshotLogins: [LoginKey: [Int]]?
        var records: ProfileRecords??
        /// The files parsed after all, because the snapshot turned out damaged.
        var fallback: Scan?
    }

    let source: Source
    private let state = Mutex(State())

    init(_ source: Source) {
        self.source = source
    }

    /// The answer from the snapshot, or from the parsed files: always from the files when the
    /// index was built from them, and from then on when a snapshot record cannot be decoded.
    private func answer<T>(snapshot: (Snapshot) throws(SnapshotDamaged) -> T, scan: (Scan) -> T) -> T {
        switch source {
        case .scan(let s):
            return scan(s)
        case .snapshot(let snap, let paths):
            if let fallback = state.withLock({ $0.fallback }) { return scan(fallback) }
            do {
                return try snapshot(snap)
            } catch {
                let fallback = Scan(paths: paths)
                state.withLock { $0 = State(fallback: fallback) }
                return scan(fallback)
            }
        }
    }

    /// Sorted profile names; sorting thousands of names is left to the commands that list them.
    var names: [String] {
        if let names = state.withLock({ $0.names }) { return names }
        let sorted = answer(snapshot: { snap throws(SnapshotDamaged) in try snap.names() }, scan: { $0.profiles.keys.sorted().map(\.string) })
        state.withLock { $0.names = sorted }
        return sorted
    }

    /// How many profiles there are, without building or sorting them.
    var profileCount: Int {
        switch source {
        case .scan(let scan): return scan.profiles.count
        case .snapshot(let snap, _): return snap.profileCount
        }
    }

    func profile(named name: String) -> Profile? {
        // Searched in place: copying `all` out of the lock would retain its three arrays.
        if let found = state.withLock({ s -> Profile?? in s.all.map { Store.binarySearch($0.profiles, name) } }) {
            return found
        }
        if let cached = state.withLock({ $0.single[ExactString(name)] }) { return cached }
        let found = answer(snapshot: { snap throws(SnapshotDamaged) in try snap.position(of: name).map { i throws(SnapshotDamaged) in try snap.profile(at: i) } },
                           scan: { $0.profile(named: name) })
        guard let profile = found else { return nil }
        state.withLock { $0.single[ExactString(name)] = profile }
        return profile
    }

    func session(named name: String) -> SSOSession? {
        answer(snapshot: { snap throws(SnapshotDamaged) in try snap.sessions().first { $0.name.isExactly(name) } }, scan: { scan in
            guard let entry = scan.sessionEntry(name) else { return nil }
            let recognition = Builder.recogniseSession(entry)
            return SSOSession(name: name, location: entry.location, settings: entry.settings, origin: recognition.origin,
                              markersLost: recognition.markersLost, profiles: logins[.session(name)] ?? [])
        })
    }

    /// From the snapshot, the session names are read once (a list asks for every login).
    func hasSession(named name: String) -> Bool {
        if let names = state.withLock({ $0.sessionNames }) { return names.contains(ExactString(name)) }
        let names = answer(snapshot: { snap throws(SnapshotDamaged) in Set(try snap.sessionNames().map(ExactString.init)) },
                           scan: { Set($0.sessions.keys) })
        state.withLock { $0.sessionNames = names }
        return names.contains(ExactString(name))
    }

    var all: All {
        if let all = state.withLock({ $0.all }) { return all }
        let built = answer(snapshot: { snap throws(SnapshotDamaged) in
            All(profiles: try snap.profiles(), sessions: try snap.sessions(), problems: try snap.problems())
        }, scan: { $0.buildAll(names: names) })
        state.withLock { $0.all = built }
        return built
    }

    var records: ProfileRecords? {
        guard case .snapshot(let snap, _) = source else { return nil }
        if let known = state.withLock({ $0.fallback == nil ? $0.records : .some(nil) }) { return known }
        let records = ProfileRecords(checking: snap)
        state.withLock { $0.records = records }
        return records
    }

    /// Group sizes straight from the snapshot: `sw use` needs no names for them.
    func loginGroupSize(_ key: LoginKey) -> Int {
        if case .snapshot = source, state.withLock({ $0.fallback }) == nil {
            if let logins = state.withLock({ $0.snapshotLogins }) { return logins[key]?.count ?? 0 }
            let logins = answer(snapshot: { snap throws(SnapshotDamaged) -> [LoginKey: [Int]]? in try snap.logins() }, scan: { _ in nil })
            if let logins {
                state.withLock { $0.snapshotLogins = logins }
                return logins[key]?.count ?? 0
            }
        }
        return rawLogins[key]?.count ?? 0
    }

    /// Which profiles share a login, from each profile's raw keys (no profile is built), in no
    /// particular order.
    var rawLogins: [LoginKey: [String]] {
        if let logins = state.withLock({ $0.rawLogins }) { return logins }
        let logins = answer(snapshot: { snap throws(SnapshotDamaged) in
            var logins: [LoginKey: [String]] = [:]
            for (key, positions) in try snap.logins() {
                var names: [String] = []
                for i in positions { names.append(try snap.name(at: i)) }
                logins[key] = names
            }
            return logins
        }, scan: { scan in
            var logins: [LoginKey: [String]] = [:]
            for name in scan.profiles.keys.map(\.string) {
                if let key = scan.loginKey(of: name) { logins[key, default: []].append(name) }
            }
            return logins
        })
        state.withLock { $0.rawLogins = logins }
        return logins
    }

    /// The same, each group sorted by name.
    var logins: [LoginKey: [String]] {
        if let logins = state.withLock({ $0.logins }) { return logins }
        let logins = rawLogins.mapValues { $0.sorted { $0.precedesExactly($1) } }
        state.withLock { $0.logins = logins }
        return logins
    }

    private static func binarySearch(_ profiles: [Profile], _ name: String) -> Profile? {
        var low = 0, high = profiles.count
        while low < high {
            let mid = (low + high) / 2
            if profiles[mid].name.precedesExactly(name) { low = mid + 1 } else { high = mid }
        }
        return low < profiles.count && profiles[low].name.isExactly(name) ? profiles[low] : nil
    }
}

extension FileState {
    var isRead: Bool {
        if case .read = self { return true }
        return false
    }
}

/// One pass over the section headers of both files, in the order botocore reads them: which
/// section defines each profile and session, and the problems headers alone reveal. Profiles are
/// built from it on demand.
private final class Scan: @unchecked Sendable {  // filled in init, read-only afterwards
    let configPath: String
    let credentialsPath: String
    let config: INIDocument
    let credentials: INIDocument
    var problems: [Problem] = []

    /// Where a profile is defined: its config section (the later one wins) and credentials section.
    struct Ref: Sendable {
        var config: Int?
        var credentials: Int?
        /// The config header that defined it, to report two spellings of one profile.
        var header: String?

        /// Records the defining section; returns the one it replaces.
        mutating func define(section: Int, header: String, lines: [INISection]) -> (header: String, line: Int)? {
            let previous = config.map { (self.header ?? "", lines[$0].line) }
            config = section
            self.header = header
            return previous
        }
    }

    /// Keyed by code points: names botocore tells apart are two profiles (sessions) here too.
    var profiles: [ExactString: Ref] = [:]
    var sessions: [ExactString: Int] = [:]
    /// Per config section: inside a granted registry block / an aws-sso-cli block.
    var inGrantedRegistry: [Bool] = []
    var inAWSSSOCliBlock: [Bool] = []
    /// The line of a `# BEGIN_AWS_SSO_CLI` with no END after it (doctor's SW121): aws-sso-cli
    /// still takes the sections after it for its own, so they have not lost their markers.
    var openAWSSSOCliBegin: Int?

    /// Parses both files and reads their section headers.
    init(configPath: String, configState: FileState, configBytes: [UInt8],
         credentialsPath: String, credentialsState: FileState, credentialsBytes: [UInt8]) {
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        config = configState.isRead ? INIDocument(bytes: configBytes) : INIDocument()
        credentials = credentialsState.isRead ? INIDocument(bytes: credentialsBytes) : INIDocument()
        fileProblems(path: configPath, state: configState, doc: config)
        fileProblems(path: credentialsPath, state: credentialsState, doc: credentials)
        readConfig()
        readCredentials()
    }

    convenience init(paths: AWSPaths) {
        let (configState, configBytes) = FileReader.read(paths.config)
        let (credentialsState, credentialsBytes) = FileReader.read(paths.credentials)
        self.init(configPath: paths.config, configState: configState, configBytes: configBytes,
                  credentialsPath: paths.credentials, credentialsState: credentialsState, credentialsBytes: credentialsBytes)
    }

    func fileProblems(path: String, state: FileState, doc: INIDocument) {
        if case .unusable(let why) = state {
            problems.append(Problem(.fileUnusable, .error, at: SourceLocation(file: path, line: 0),
                                    "\(path) \(why); botocore skips it silently, so none of its profiles exist for the AWS CLI",
                                    fix: "ls -l \(path)   # make it a readable regular file, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere"))
        }
        for failure in doc.failures {
            problems.append(Problem(.fileUnparseable, .error, at: SourceLocation(file: path, line: failure.line),
                                    "the AWS CLI refuses this whole file, so every profile fails: \(failure.failure.explanation)",
                                    predicts: "Unable to parse config file: \(path)",
                                    fix: "edit \(path) line \(failure.line): \(failure.failure.explanation)"))
        }
        if let line = doc.defaultsLine {
            problems.append(Problem(.defaultsSection, .warning, at: SourceLocation(file: path, line: line),
                                    "[DEFAULT] (upper case) is configparser's defaults section: its keys are copied into every section of this file; use [default] for the default profile",
                                    fix: "\(path):\(line): rename [DEFAULT] to [default] (or move its keys into the sections that need them)"))
        }
    }

    func readConfig() {
        // aws-sso-cli writes its profiles between two marker comments.
        var blockRanges: [ClosedRange<Int>] = []
        var blockStart: Int?
        for comment in config.comments {
            if config.comment(comment, contains: "BEGIN_AWS_SSO_CLI") { blockStart = comment.line }
            if config.comment(comment, contains: "END_AWS_SSO_CLI"), !config.comment(comment, contains: "BEGIN"), let start = blockStart {
                blockRanges.append(start...comment.line)
                blockStart = nil
            }
        }
        openAWSSSOCliBegin = blockStart
        var granted = false
        inGrantedRegistry.reserveCapacity(config.sections.count)
        inAWSSSOCliBlock.reserveCapacity(config.sections.count)
        for (index, section) in config.sections.enumerated() {
            let name = section.name
            if name.hasPrefix("granted_registry_start") { granted = true } else if name.hasPrefix("granted_registry_end") { granted = false }
            inGrantedRegistry.append(granted)
            inAWSSSOCliBlock.append(!blockRanges.isEmpty && blockRanges.contains { $0.contains(section.line) })
            if name.hasPrefix("granted_registry_") { continue }
            let location = SourceLocation(file: configPath, line: section.line)
            // build_profile_map: the prefix decides, then shlex must give exactly two words.
            if let prefix = Scan.prefixedSections.first(where: { name.utf8.starts(with: $0.utf8) }) {
                guard let words = PythonText.shlexSplit(name), words.count == 2 else {
                    problems.append(Problem(.headerIgnored, .warning, at: location,
                                            "botocore silently ignores [\(name)]: a \(prefix) header must be '\(prefix) NAME' with exactly one name (quote a name with spaces: [\(prefix) \"my name\"])",
                                            fix: "\(location): write [\(prefix) NAME] with one name, e.g. [\(prefix) \(PythonText.strip(Substring(name.dropFirst(prefix.count))).split(separator: " ").joined(separator: "-"))]"))
                    continue
                }
                if prefix == "profile" {
                    define(profile: words[1], section: index, header: name)
                } else if prefix == "sso-session" {
                    if let previous = sessions[ExactString(words[1])] {
                        let previousLine = config.sections[previous].line
                        problems.append(Problem(.definedTwice, .warning, at: location, session: words[1],
                                                "sso-session '\(words[1])' is defined twice (also at line \(previousLine)); botocore uses only this later one",
                                                fix: "delete one of the two [sso-session \(words[1])] sections (lines \(previousLine) and \(location.line)) after merging their keys"))
                    }
                    sessions[ExactString(words[1])] = index
                }
                continue
            }
            if name.isExactly("default") {
                define(profile: name, section: index, header: name)
                continue
            }
            if Scan.knownNonProfileSections.contains(name) { continue }
            let hint: String
            let fix: String
            let trimmed = PythonText.strip(Substring(name))
            if trimmed.lowercased().hasPrefix("profile") {
                fix = "[profile \(trimmed.split(separator: " ").dropFirst().joined(separator: " "))]"
                hint = "botocore reads only '[profile NAME]' (lower case, no space after '['); write \(fix)"
            } else {
                fix = "[profile \(name)]"
                hint = "in the config file a profile needs the 'profile ' prefix: write [profile \(name)] (only [default] goes without it)"
            }
            problems.append(Problem(.sectionNotProfile, .warning, at: location,
                                    "[\(name)] is not a profile for botocore (\"The config profile (\(trimmed)) could not be found\"); \(hint)",
                                    fix: "\(location): replace [\(name)] with \(fix)"))
        }
    }

    /// build_profile_map's `key.startswith(...)` checks, in its order.
    static let prefixedSections = ["profile", "sso-session", "services"]

    static let knownNonProfileSections: Set<String> = ["plugins", "preview", "cli", "_"]

    private func define(profile name: String, section: Int, header: String) {
        // One hashed access: the definition before this one (if any) is read and replaced in place.
        let previous: (header: String, line: Int)? = profiles[ExactString(name), default: Ref()].define(section: section, header: header,
                                                                                              lines: config.sections)
        guard let previous else { return }
        let line = config.sections[section].line
        let both = (previous.header.isExactly("default") || header.isExactly("default")) && name.isExactly("default")
        problems.append(Problem(both ? .defaultTwice : .definedTwice, .warning, at: SourceLocation(file: configPath, line: line), profile: name,
                                "profile '\(name)' is defined twice ([\(previous.header)] at line \(previous.line) and [\(header)] here); botocore uses only this later section, with none of the earlier one's keys",
                                fix: "merge the keys of line \(previous.line) into line \(line)'s section and delete the other section"))
    }

    /// Session.full_config: every credentials-file section is a profile; its keys override.
    func readCredentials() {
        for (index, section) in credentials.sections.enumerated() {
            profiles[ExactString(section.name), default: Ref()].credentials = index
        }
    }

    /// Section options with `[DEFAULT]` keys added where the section lacks them (configparser).
    private static func settings(of section: INISection, defaults: [INIOption], file: String) -> [Setting] {
        var result = section.options.map { Setting(key: $0.key, value: $0.value, location: SourceLocation(file: file, line: $0.line)) }
        for d in defaults where !section.options.contains(where: { $0.key.isExactly(d.key) }) {
            result.append(Setting(key: d.key, value: d.value, location: SourceLocation(file: file, line: d.line)))
        }
        return result
    }

    func entry(_ name: String) -> Builder.Entry? {
        guard let ref = profiles[ExactString(name)] else { return nil }
        var entry: Builder.Entry
        if let c = ref.config {
            let section = config.sections[c]
            entry = Builder.Entry(name: name, location: SourceLocation(file: configPath, line: section.line), credentialsLocation: nil,
                                  settings: Scan.settings(of: section, defaults: config.defaults, file: configPath),
                                  commentsAbove: section.commentsAbove.map { config.text(of: config.comments[$0]) },
                                  inAWSSSOCliBlock: inAWSSSOCliBlock[c], inGrantedRegistry: inGrantedRegistry[c],
                                  afterOpenAWSSSOCliBegin: openAWSSSOCliBegin.map { section.line > $0 } ?? false)
        } else {
            let section = credentials.sections[ref.credentials!]
            let location = SourceLocation(file: credentialsPath, line: section.line)
            entry = Builder.Entry(name: name, location: location, credentialsLocation: location, settings: [],
                                  commentsAbove: section.commentsAbove.map { credentials.text(of: credentials.comments[$0]) },
                                  inAWSSSOCliBlock: false, inGrantedRegistry: false)
        }
        if let k = ref.credentials {
            let section = credentials.sections[k]
            let creds = Scan.settings(of: section, defaults: credentials.defaults, file: credentialsPath)
            for s in creds {
                if let i = entry.settings.firstIndex(where: { $0.key.isExactly(s.key) }) { entry.settings[i] = s } else { entry.settings.append(s) }
            }
            entry.credentialsLocation = SourceLocation(file: credentialsPath, line: section.line)
        }
        return entry
    }

    func sessionEntry(_ name: String) -> Builder.Entry? {
        guard let c = sessions[ExactString(name)] else { return nil }
        let section = config.sections[c]
        return Builder.Entry(name: name, location: SourceLocation(file: configPath, line: section.line), credentialsLocation: nil,
                             settings: Scan.settings(of: section, defaults: config.defaults, file: configPath),
                             commentsAbove: section.commentsAbove.map { config.text(of: config.comments[$0]) },
                             inAWSSSOCliBlock: inAWSSSOCliBlock[c], inGrantedRegistry: inGrantedRegistry[c])
    }

    /// A profile with its SSO start URL and region taken from its sso-session section.
    func profile(named name: String) -> Profile? {
        guard let entry = entry(name) else { return nil }
        var profile = Builder.describe(entry)
        if let session = profile.ssoSession, let c = sessions[ExactString(session)] {
            let section = config.sections[c]
            func get(_ key: String) -> String? {
                (section.options.first { $0.key.isExactly(key) } ?? config.defaults.first { $0.key.isExactly(key) })?.value.string
            }
            profile.ssoStartURL = get("sso_start_url")
            profile.ssoRegion = get("sso_region")
        }
        return profile
    }

    /// A raw key of a profile as botocore merges it (credentials over config, each file's
    /// [DEFAULT] under its own section), without building the profile.
    func rawValue(_ key: String, of ref: Ref) -> SettingValue? {
        func look(_ doc: INIDocument, _ index: Int?) -> SettingValue? {
            guard let index else { return nil }
            if let o = doc.sections[index].options.first(where: { $0.key.isExactly(key) }) { return o.value }
            if let d = doc.defaults.first(where: { $0.key.isExactly(key) }) { return d.value }
            return nil
        }
        if let v = look(credentials, ref.credentials) { return v }
        if let v = look(config, ref.config) { return v }
        return nil
    }

    func loginKey(of name: String) -> LoginKey? {
        guard let ref = profiles[ExactString(name)] else { return nil }
        let get = { (key: String) in self.rawValue(key, of: ref) }
        if let session = get("sso_session")?.string { return .session(session) }
        if get(TemporaryKeys.expiryKey) != nil,
           Builder.kind(get, inCredentialsFile: { key in ref.credentials.map { c in credentials.sections[c].options.contains { $0.key.isExactly(key) } || credentials.defaults.contains { $0.key.isExactly(key) } } ?? false }) == .staticKeys {
            return .temporaryKeys(profile: name)
        }
        if Builder.hasLegacyLogin(get), let url = get("sso_start_url")?.string { return .startURL(url) }
        return nil
    }

    func buildAll(names: [String]) -> Store.All {
        var problems = self.problems
        var sessionProfiles: [ExactString: [String]] = [:]
        var result: [Profile] = []
        result.reserveCapacity(names.count)
        for name in names {
            guard let profile = profile(named: name) else { continue }
            if let session = profile.ssoSession { sessionProfiles[ExactString(session), default: []].append(profile.name) }
            for setting in profile.settings {
                if case .string(let v) = setting.value, Builder.looksLikeInlineComment(v) {
                    problems.append(Problem(.inlineComment, .warning, at: setting.location, profile: profile.name,
                                            "the value of \(setting.key) is '\(setting.isSecret ? "<redacted>" : v)': botocore has no inline comments, so the '#'/';' part is part of the value; move the comment to its own line",
                                            fix: setting.isSecret ? "\(setting.location): move the comment to its own line" : "\(setting.location): \(setting.key) = \(Builder.beforeInlineComment(v))"))
                }
            }
            result.append(profile)
        }
        let sessionList: [SSOSession] = sessions.keys.sorted().map(\.string).compactMap { name in
            guard let entry = sessionEntry(name) else { return nil }
            let recognition = Builder.recogniseSession(entry)
            return SSOSession(name: name, location: entry.location, settings: entry.settings, origin: recognition.origin,
                              markersLost: recognition.markersLost, profiles: sessionProfiles[ExactString(name)] ?? [])
        }
        problems.sort { a, b in
            (a.severity, a.location?.file ?? "", a.location?.line ?? 0) < (b.severity, b.location?.file ?? "", b.location?.line ?? 0)
        }
        return Store.All(profiles: result, sessions: sessionList, problems: problems)
    }
}

/// How one profile is described from its merged settings: kind, origin, account and role.
enum Builder {
    struct Entry {
        var name: String
        var location: SourceLocation
        var credentialsLocation: SourceLocation?
        var settings: [Setting]
        var commentsAbove: [String]
        var inAWSSSOCliBlock: Bool
        var inGrantedRegistry: Bool
        var afterOpenAWSSSOCliBegin = false
    }

    /// The value with the apparent inline comment cut off.
    static func beforeInlineComment(_ value: String) -> String {
        var previous: UInt8 = 0
        var cut = value.utf8.endIndex
        for i in value.utf8.indices {
            let b = value.utf8[i]
            if (b == 0x23 || b == 0x3B) && (previous == 0x20 || previous == 0x09) { cut = i; break }
            previous = b
        }
        return String(PythonText.strip(Substring(value[..<cut])))
    }

    /// ` #` or ` ;` inside a value. "…/start#/" is a legitimate start URL spelling, so only a mark
    /// after a space or tab is suspicious.
    static func looksLikeInlineComment(_ value: String) -> Bool {
        var previous: UInt8 = 0
        for b in value.utf8 {
            if (b == 0x23 || b == 0x3B) && (previous == 0x20 || previous == 0x09) { return true }
            previous = b
        }
        return false
    }

    static func describe(_ entry: Entry) -> Profile {
        let settings = entry.settings
        func get(_ key: String) -> String? { settings.first(where: { $0.key.isExactly(key) })?.value.string }
        let recognition = recognise(entry)
        var profile = Profile(name: entry.name, location: entry.location, credentialsLocation: entry.credentialsLocation,
                              settings: settings, kind: .empty, origin: recognition.origin, markersLost: recognition.markersLost)
        profile.kind = settings.isEmpty ? .empty : kind(profile.value, inCredentialsFile: profile.isInCredentialsFile)
        profile.hasLegacyLogin = hasLegacyLogin(profile.value)
        profile.region = get("region")
        profile.ssoSession = get("sso_session")
        if profile.ssoSession == nil {
            profile.ssoStartURL = get("sso_start_url")
            profile.ssoRegion = get("sso_region")
        }
        var account = get("sso_account_id") ?? get("granted_sso_account_id")
        var role = get("sso_role_name") ?? get("granted_sso_role_name")
        if let arn = get("role_arn") ?? get("credential_process").flatMap(roleARN(inCommand:)), let parsed = parseRoleARN(arn) {
            account = account ?? parsed.account
            role = role ?? parsed.role
        }
        if let arn = get("x_principal_arn"), let parsed = parseAssumedRoleARN(arn) {
            account = account ?? parsed.account
            role = role ?? parsed.role
        }
        profile.accountID = account
        profile.roleName = role
        profile.accountName = accountName(profile, recognition: recognition, inAWSSSOCliBlock: entry.inAWSSSOCliBlock, get)
        return profile
    }

    /// The provider botocore's credential resolver picks for a profile (ProfileKind), from its
    /// merged settings: `get` reads a key ("key in profile" is `get(key) != nil`), and
    /// `inCredentialsFile` says whether a key's value comes from the credentials file (whose
    /// keys SharedCredentialProvider reads before credential_process; the config file's keys
    /// are read after it, by ConfigProvider).
    static func kind(_ get: (String) -> SettingValue?, inCredentialsFile: (String) -> Bool) -> ProfileKind {
        if credentialProblem(named: "", get, inCredentialsFile: inCredentialsFile) != nil { return .invalid }
        if get("role_arn") != nil {
            return get("web_identity_token_file") != nil ? .webIdentity : .assumeRole
        }
        if get("sso_account_id") != nil || get("sso_role_name") != nil {
            return get("sso_session") != nil ? .ssoSession : .ssoLegacy
        }
        let keys = get("aws_access_key_id") != nil
        if keys && inCredentialsFile("aws_access_key_id") { return .staticKeys }
        if get("login_session") != nil { return .loginSession }
        if get("credential_process") != nil { return .credentialProcess }
        if keys { return .staticKeys }
        return .noCredentials
    }

    /// Why botocore fails while choosing a profile's credential provider, or nil.
    /// AssumeRoleProvider (`_get_role_config`), AssumeRoleWithWebIdentityProvider and the
    /// static-key providers (`_extract_creds_from_mapping`); an SSO profile's missing keys are
    /// left to `sw doctor` (its kind stays SSO: botocore picks its SSO provider, which fails).
    static func credentialProblem(named name: String, _ get: (String) -> SettingValue?,
                                  inCredentialsFile: (String) -> Bool) -> CredentialProblem? {
        let webIdentity = get("web_identity_token_file") != nil
        let sources = validCredentialSources.joined(separator: ", ")
        if get("role_arn") != nil && !webIdentity {
            let source = get("source_profile") != nil, credentialSource = get("credential_source")
            if source && credentialSource != nil {
                return CredentialProblem(problem: "it has both source_profile and credential_source",
                                         botocore: "The profile \"\(name)\" contains both source_profile and credential_source.",
                                         fix: "keep only one of source_profile and credential_source")
            }
            if !source && credentialSource == nil {
                return CredentialProblem(problem: "role_arn without source_profile or credential_source",
                                         botocore: "Partial credentials found in assume-role, missing: source_profile or credential_source",
                                         fix: "add source_profile = PROFILE (whose credentials assume the role) or credential_source = one of \(sources)")
            }
            if let value = credentialSource?.string, !validCredentialSources.contains(value) {
                return CredentialProblem(problem: "credential_source is not one of \(sources)",
                                         botocore: "The credential source \"\(value)\" referenced in profile \"\(name)\" is not valid.",
                                         fix: "set credential_source to one of \(sources)")
            }
        }
        if webIdentity && get("role_arn") == nil {
            return CredentialProblem(problem: "web_identity_token_file without role_arn",
                                     botocore: "configured to assume role with web identity but has no role ARN configured",
                                     fix: "add role_arn = arn:aws:iam::ACCOUNT:role/NAME")
        }
        if get("aws_access_key_id") != nil, get("aws_secret_access_key") == nil,
           get("role_arn") == nil, get("sso_account_id") == nil, get("sso_role_name") == nil,
           inCredentialsFile("aws_access_key_id") || (get("login_session") == nil && get("credential_process") == nil) {
            let provider = inCredentialsFile("aws_access_key_id") ? "shared-credentials-file" : "config-file"
            return CredentialProblem(problem: "aws_access_key_id without aws_secret_access_key",
                                     botocore: "Partial credentials found in \(provider), missing: aws_secret_access_key",
                                     fix: "add aws_secret_access_key beside aws_access_key_id, or remove aws_access_key_id")
        }
        return nil
    }

    /// botocore's CanonicalNameCredentialSourcer: the credential_source values it accepts.
    static let validCredentialSources = ["EcsContainer", "Ec2InstanceMetadata", "Environment"]

    /// A legacy SSO login (`sso_start_url` in the profile itself, no `sso_session`) is this
    /// profile's own login unless the profile assumes a role (its credentials then come from
    /// its source or a web identity, never from these SSO keys).
    static func hasLegacyLogin(_ get: (String) -> SettingValue?) -> Bool {
        guard get("sso_session") == nil, get("sso_start_url") != nil else { return false }
        guard get("role_arn") != nil else { return true }
        return get("source_profile") == nil && get("credential_source") == nil && get("web_identity_token_file") == nil
    }

    static func roleARN(inCommand command: String) -> String? {
        command.split(separator: " ").first { $0.hasPrefix("arn:") }.map(String.init)
    }

    /// `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`
    static func parseRoleARN(_ arn: String) -> (account: String, role: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/") else { return nil }
        guard let role = parts[5].split(separator: "/").last, !parts[4].isEmpty else { return nil }
        return (String(parts[4]), String(role))
    }
}
