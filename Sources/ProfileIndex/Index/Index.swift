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
    private let store: IndexStore

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
    package var profileRecords: ProfileRecords? { store.records }

    /// Reads the files named by the environment (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`,
    /// `HOME`). A missing file is empty, as for botocore.
    public static func load(environment: [String: String], fileSystem: any FileSystem) -> Index {
        load(paths: AWSPaths(environment: environment), fileSystem: fileSystem)
    }

    /// Reads and parses the files at `paths`, without sw's index cache.
    public static func load(paths: AWSPaths, fileSystem: any FileSystem) -> Index {
        let (configState, configBytes) = FileReader.read(paths.config, in: fileSystem)
        let (credentialsState, credentialsBytes) = FileReader.read(paths.credentials, in: fileSystem)
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
        let scan = HeaderScan(configPath: configPath, configState: configState, configBytes: configBytes,
                        credentialsPath: credentialsPath, credentialsState: credentialsState, credentialsBytes: credentialsBytes)
        config = File(path: configPath, state: configState, failures: scan.config.failures)
        credentials = File(path: credentialsPath, state: credentialsState, failures: scan.credentials.failures)
        store = IndexStore(.scan(scan))
    }

    /// An index answered from a snapshot (IndexCache); should a record turn out damaged, the
    /// files at `paths` are parsed after all.
    init(snapshot: Snapshot, paths: AWSPaths, fileSystem: any FileSystem) {
        config = snapshot.config
        credentials = snapshot.credentials
        store = IndexStore(.snapshot(snapshot, paths, fileSystem))
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
