extension FileState {
    var isRead: Bool {
        if case .read = self { return true }
        return false
    }
}

/// One pass over the section headers of both files, in the order botocore reads them: which
/// section defines each profile and session, and the problems headers alone reveal. Profiles are
/// built from it on demand.
final class HeaderScan: @unchecked Sendable {  // filled in init, read-only afterwards
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

    convenience init(paths: AWSPaths, fileSystem: any FileSystem) {
        let (configState, configBytes) = FileReader.read(paths.config, in: fileSystem)
        let (credentialsState, credentialsBytes) = FileReader.read(paths.credentials, in: fileSystem)
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
            if let prefix = HeaderScan.prefixedSections.first(where: { name.utf8.starts(with: $0.utf8) }) {
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
            if HeaderScan.knownNonProfileSections.contains(name) { continue }
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

}
