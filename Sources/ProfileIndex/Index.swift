/// Everything `sw` knows about the user's AWS profiles, built from the config and credentials
/// files exactly as botocore reads them (`Session().full_config`).
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
    /// Sorted by name.
    public private(set) var profiles: [Profile]
    /// Sorted by name.
    public private(set) var ssoSessions: [SSOSession]
    public private(set) var problems: [Problem]
    private var profilePositions: [String: Int]
    /// Profiles that share one login (same sso-session name, or identical legacy start URL).
    public private(set) var logins: [LoginKey: [String]]
    private var sessionPositions: [String: Int]

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
        let configDoc = configState.isRead ? INIDocument(bytes: configBytes) : INIDocument()
        let credentialsDoc = credentialsState.isRead ? INIDocument(bytes: credentialsBytes) : INIDocument()
        var builder = Builder(configPath: configPath, credentialsPath: credentialsPath)
        builder.fileProblems(path: configPath, state: configState, doc: configDoc)
        builder.fileProblems(path: credentialsPath, state: credentialsState, doc: credentialsDoc)
        builder.readConfig(configDoc)
        builder.readCredentials(credentialsDoc)
        let (profiles, sessions) = builder.finish()

        config = File(path: configPath, state: configState, failures: configDoc.failures)
        credentials = File(path: credentialsPath, state: credentialsState, failures: credentialsDoc.failures)
        self.profiles = profiles
        ssoSessions = sessions
        problems = builder.problems.sorted { a, b in
            (a.severity, a.location?.file ?? "", a.location?.line ?? 0) < (b.severity, b.location?.file ?? "", b.location?.line ?? 0)
        }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(profiles.count)
        for (i, p) in profiles.enumerated() { positions[p.name] = i }
        profilePositions = positions
        var logins: [LoginKey: [String]] = [:]
        for p in profiles { if let key = p.loginKey { logins[key, default: []].append(p.name) } }
        self.logins = logins
        var sessionPositions: [String: Int] = [:]
        for (i, s) in sessions.enumerated() { sessionPositions[s.name] = i }
        self.sessionPositions = sessionPositions
    }

    public func profile(named name: String) -> Profile? {
        profilePositions[name].map { profiles[$0] }
    }

    public func ssoSession(named name: String) -> SSOSession? {
        sessionPositions[name].map { ssoSessions[$0] }
    }

    /// The profile followed by its `source_profile`s, stopping before a profile already in the
    /// chain (a cycle) or a name that does not exist. `cycle` is the name that closed a loop.
    public func sourceChain(of name: String) -> (chain: [Profile], missing: String?, cycle: String?) {
        var chain: [Profile] = []
        var seen: Set<String> = []
        var next: String? = name
        while let current = next {
            guard let profile = profile(named: current) else { return (chain, current, nil) }
            if !seen.insert(current).inserted { return (chain, nil, current) }
            chain.append(profile)
            // A profile that assumes a role from itself (source_profile = own name) is valid in
            // botocore when it has static keys; treat it as the end of the chain.
            if profile.sourceProfile == current { break }
            next = profile.sourceProfile
        }
        return (chain, nil, nil)
    }

    /// The region a profile's chain provides: its own `region`, else the nearest one among its
    /// `source_profile`s.
    public func effectiveRegion(of name: String) -> String? {
        sourceChain(of: name).chain.lazy.compactMap(\.region).first
    }

    /// True when botocore refuses either file, so no profile can be used.
    public var isRefusedByBotocore: Bool { config.isRefusedByBotocore || credentials.isRefusedByBotocore }
}

extension FileState {
    var isRead: Bool {
        if case .read = self { return true }
        return false
    }
}

/// The steps of building an index, in the order botocore performs them.
private struct Builder {
    let configPath: String
    let credentialsPath: String
    var problems: [Problem] = []

    struct Entry {
        var name: String
        var location: SourceLocation
        var credentialsLocation: SourceLocation?
        var settings: [Setting]
        var commentsAbove: [String]
        var inAWSSSOCliBlock: Bool
        var inGrantedRegistry: Bool
    }

    var profiles: [String: Entry] = [:]
    var sessions: [String: Entry] = [:]
    /// The header that last defined each profile name, to report two spellings of one profile.
    var definedBy: [String: (header: String, line: Int)] = [:]

    init(configPath: String, credentialsPath: String) {
        self.configPath = configPath
        self.credentialsPath = credentialsPath
    }

    mutating func fileProblems(path: String, state: FileState, doc: INIDocument) {
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

    /// Section options with `[DEFAULT]` keys added where the section lacks them (configparser).
    private func settings(of section: INISection, defaults: [INIOption], file: String) -> [Setting] {
        var result = section.options.map { Setting(key: $0.key, value: $0.value, location: SourceLocation(file: file, line: $0.line)) }
        for d in defaults where !section.options.contains(where: { $0.key == d.key }) {
            result.append(Setting(key: d.key, value: d.value, location: SourceLocation(file: file, line: d.line)))
        }
        return result
    }

    mutating func readConfig(_ doc: INIDocument) {
        // aws-sso-cli writes its profiles between two marker comments.
        var blockRanges: [ClosedRange<Int>] = []
        var blockStart: Int?
        for comment in doc.comments {
            if comment.text.containsBytes("BEGIN_AWS_SSO_CLI") { blockStart = comment.line }
            if comment.text.containsBytes("END_AWS_SSO_CLI"), !comment.text.containsBytes("BEGIN"), let start = blockStart {
                blockRanges.append(start...comment.line)
                blockStart = nil
            }
        }
        var inGrantedRegistry = false
        for section in doc.sections {
            let name = section.name
            let location = SourceLocation(file: configPath, line: section.line)
            if name.hasPrefix("granted_registry_start") { inGrantedRegistry = true; continue }
            if name.hasPrefix("granted_registry_end") { inGrantedRegistry = false; continue }
            let entry = Entry(name: name, location: location, credentialsLocation: nil,
                              settings: settings(of: section, defaults: doc.defaults, file: configPath),
                              commentsAbove: section.commentsAbove,
                              inAWSSSOCliBlock: blockRanges.contains { $0.contains(section.line) },
                              inGrantedRegistry: inGrantedRegistry)
            // build_profile_map: the prefix decides, then shlex must give exactly two words.
            for prefix in Builder.prefixedSections where name.utf8.starts(with: prefix.utf8) {
                let isProfile = prefix == "profile"
                guard let words = PythonText.shlexSplit(name), words.count == 2 else {
                    problems.append(Problem(.headerIgnored, .warning, at: location,
                                            "botocore silently ignores [\(name)]: a \(prefix) header must be '\(prefix) NAME' with exactly one name (quote a name with spaces: [\(prefix) \"my name\"])",
                                            fix: "\(location): write [\(prefix) NAME] with one name, e.g. [\(prefix) \(PythonText.strip(Substring(name.dropFirst(prefix.count))).split(separator: " ").joined(separator: "-"))]"))
                    break
                }
                var named = entry
                named.name = words[1]
                if isProfile {
                    define(profile: named, header: name)
                } else if prefix == "sso-session" {
                    if let previous = sessions[named.name] {
                        problems.append(Problem(.definedTwice, .warning, at: location, session: named.name,
                                                "sso-session '\(named.name)' is defined twice (also at line \(previous.location.line)); botocore uses only this later one",
                                                fix: "delete one of the two [sso-session \(named.name)] sections (lines \(previous.location.line) and \(location.line)) after merging their keys"))
                    }
                    sessions[named.name] = named
                }
                break
            }
            if Builder.prefixedSections.contains(where: { name.utf8.starts(with: $0.utf8) }) { continue }
            if name == "default" {
                define(profile: entry, header: name)
                continue
            }
            if Builder.knownNonProfileSections.contains(name) { continue }
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

    private mutating func define(profile entry: Entry, header: String) {
        if let previous = definedBy[entry.name] {
            let both = [previous.header, header].contains("default") && entry.name == "default"
            problems.append(Problem(both ? .defaultTwice : .definedTwice, .warning, at: entry.location, profile: entry.name,
                                    "profile '\(entry.name)' is defined twice ([\(previous.header)] at line \(previous.line) and [\(header)] here); botocore uses only this later section, with none of the earlier one's keys",
                                    fix: "merge the keys of line \(previous.line) into line \(entry.location.line)'s section and delete the other section"))
        }
        definedBy[entry.name] = (header, entry.location.line)
        profiles[entry.name] = entry
    }

    /// Session.full_config: every credentials-file section is a profile; its keys override.
    mutating func readCredentials(_ doc: INIDocument) {
        for section in doc.sections {
            let location = SourceLocation(file: credentialsPath, line: section.line)
            let creds = settings(of: section, defaults: doc.defaults, file: credentialsPath)
            if var existing = profiles[section.name] {
                var position: [String: Int] = [:]
                for (i, s) in existing.settings.enumerated() { position[s.key] = i }
                for s in creds {
                    if let i = position[s.key] { existing.settings[i] = s } else { existing.settings.append(s) }
                }
                existing.credentialsLocation = location
                profiles[section.name] = existing
            } else {
                profiles[section.name] = Entry(name: section.name, location: location, credentialsLocation: location,
                                               settings: creds, commentsAbove: section.commentsAbove,
                                               inAWSSSOCliBlock: false, inGrantedRegistry: false)
            }
        }
    }

    mutating func finish() -> ([Profile], [SSOSession]) {
        var sessionProfiles: [String: [String]] = [:]
        var result: [Profile] = []
        result.reserveCapacity(profiles.count)
        // Sorting names, not Profiles: moving a struct of a dozen strings costs a dozen retains.
        for name in profiles.keys.sorted() {
            var profile = Builder.describe(profiles[name]!)
            if let session = profile.ssoSession {
                sessionProfiles[session, default: []].append(profile.name)
                if let s = sessions[session] {
                    let settings = s.settings
                    profile.ssoStartURL = settings.first(where: { $0.key == "sso_start_url" })?.value.string
                    profile.ssoRegion = settings.first(where: { $0.key == "sso_region" })?.value.string
                }
            }
            for setting in profile.settings {
                if case .string(let v) = setting.value, Builder.looksLikeInlineComment(v) {
                    problems.append(Problem(.inlineComment, .warning, at: setting.location, profile: profile.name,
                                            "the value of \(setting.key) is '\(setting.isSecret ? "<redacted>" : v)': botocore has no inline comments, so the '#'/';' part is part of the value; move the comment to its own line",
                                            fix: setting.isSecret ? "\(setting.location): move the comment to its own line" : "\(setting.location): \(setting.key) = \(Builder.beforeInlineComment(v))"))
                }
            }
            result.append(profile)
        }
        let sessionList: [SSOSession] = sessions.keys.sorted().map { name in
            let entry = sessions[name]!
            return SSOSession(name: entry.name, location: entry.location, settings: entry.settings,
                              origin: Builder.origin(of: entry), profiles: (sessionProfiles[entry.name] ?? []).sorted())
        }
        return (result, sessionList)
    }

    /// ` #` or ` ;` inside a value. "…/start#/" is a legitimate start URL spelling, so only a mark
    /// after a space or tab is suspicious.
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
        func get(_ key: String) -> String? { settings.first(where: { $0.key == key })?.value.string }
        var profile = Profile(name: entry.name, location: entry.location, credentialsLocation: entry.credentialsLocation,
                              settings: settings, kind: kind(get), origin: origin(of: entry))
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
        profile.accountID = account
        profile.roleName = role
        if profile.origin == .teleportIdentityCenter, let role, let prefix = profile.origin.namePrefix {
            // tsh names profiles teleport-awsic-<account name>-<role, lower case>.
            let name = profile.name.utf8, suffix = ("-" + role.lowercased()).utf8
            if name.starts(with: prefix.utf8), name.reversed().starts(with: suffix.reversed()),
               name.count > prefix.utf8.count + suffix.count {
                profile.accountName = String(decoding: name.dropFirst(prefix.utf8.count).dropLast(suffix.count), as: UTF8.self)
            }
        }
        return profile
    }

    /// botocore's credential resolver order: assume-role, web identity, SSO, static keys, process.
    static func kind(_ get: (String) -> String?) -> ProfileKind {
        if get("role_arn") != nil {
            if get("source_profile") != nil || get("credential_source") != nil { return .assumeRole }
            if get("web_identity_token_file") != nil { return .webIdentity }
        }
        if get("sso_session") != nil { return .ssoSession }
        if get("sso_start_url") != nil || get("sso_account_id") != nil { return .ssoLegacy }
        if get("aws_access_key_id") != nil { return .staticKeys }
        if get("credential_process") != nil { return .credentialProcess }
        return .regionOnly
    }

    static func origin(of entry: Entry) -> Origin {
        for comment in entry.commentsAbove {
            if comment.containsBytes("Section managed by Teleport (AWS Identity Center integration)") { return .teleportIdentityCenter }
            if comment.containsBytes("managed by Teleport") { return .teleportRolesAnywhere }
        }
        let settings = entry.settings
        func get(_ key: String) -> String? { settings.first(where: { $0.key == key })?.value.string }
        if entry.inGrantedRegistry || get("common_fate_generated_from") != nil || get("granted_generated_from") != nil
            || get("granted_sso_start_url") != nil {
            return .granted
        }
        if entry.inAWSSSOCliBlock { return .awsSSOCli }
        if get("sso_auto_populated")?.lowercased() == "true" { return .awsSSOUtil }
        if get("x_security_token_expires") != nil { return .saml2aws }
        if let process = get("credential_process") {
            let words = process.split(separator: " ", omittingEmptySubsequences: true)
            let program = words.first.map { $0.split(separator: "/").last.map(String.init) ?? "" } ?? ""
            switch program {
            case "granted", "assumego": return .granted
            case "aws-sso-util": return .awsSSOUtil
            case "aws-sso": return .awsSSOCli
            case "leapp": return .leapp
            case "tsh": return .teleportRolesAnywhere
            default: break
            }
        }
        return .handWritten
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
