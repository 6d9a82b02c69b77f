import ArgumentParser
import FoundationEssentials
import ProfileIndex
import ProfileSearch
import ShellHooks

extension SwitcherCommand {
    struct Pick: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "pick",
            abstract: "Choose a profile in an interactive fuzzy picker and print the code to switch to it.",
            discussion: """
                Draws on the terminal, never on stdout: use it as `eval "$(sw pick)"`, or as `sw pick` \
                through the shell function from `sw init`. Exits 130 when cancelled.
                """)

        @Argument(help: "Start with this query typed in.")
        var query: String = ""

        @Option(help: .hidden)
        var filter: String?

        @Option(help: .hidden)
        var candidatesFrom: String?

        @Option(help: ShellOption.help) var shell: Shell?

        @Flag(help: "Run `aws sso login` (or `aws login` for a login_session profile) first when the picked profile's login needs it (its output goes to stderr).")
        var login = false

        @OptionGroup var loginFlow: LoginFlowOptions

        @Flag(help: "Also set the picked profile's credentials, as sw use --export does.")
        var export = false

        func run(_ context: Context) throws {
            if let filter { return try runFilter(context, query: filter) }
            // Same checks and output as `sw use NAME` for the chosen profile.
            let shell = try ShellOption.resolve(shell, context)
            let index = try context.loadSwitchableIndex()
            let config = context.loadSwConfig()
            let name = try context.pickProfile(index: index, initialQuery: query)
            try Use.printSwitch(to: index.profile(named: name)!, index: index, config: config, shell: shell, login: login,
                                flow: loginFlow.request, export: export, context)
        }

        /// `--filter QUERY`: the ranking without the interface, names best first, one per line, like
        /// `fzf --filter`; exit 1 when nothing matches. `--candidates-from FILE` ranks the lines of
        /// FILE (`/dev/stdin`: what is piped in) instead of the index's profiles.
        private func runFilter(_ context: Context, query: String) throws {
            let frecency = context.historyFile.map { Frecency(entries: $0.read(), now: context.now.timeIntervalSince1970) } ?? .none
            let matcher: FuzzyMatcher
            if let candidatesFrom {
                guard let bytes = Self.candidateLines(candidatesFrom, files: context.fileSystem) else {
                    throw SwitcherError("cannot read \(candidatesFrom) (or it is over 1 GiB)")
                }
                // The lines as they are: no String per name.
                matcher = FuzzyMatcher(lines: bytes, frecency: frecency)
            } else {
                matcher = FuzzyMatcher(candidates: try context.loadUsableIndex().profiles.map(FuzzyCandidate.init),
                                       frecency: frecency)
            }
            // Freed by the exit, not one candidate at a time.
            PickKeepAlive.matchers.append(matcher)
            let ranked = matcher.rankedIndices(query: query)
            matcher.joinedNames(ranked).withUnsafeBufferPointer { context.stdout.write(bytes: $0) }
            if ranked.isEmpty { throw ExitCode(1) }
        }

        /// The whole of the file `--candidates-from` names; nil when it cannot be read or holds
        /// more than `limit` bytes (the ranking addresses names with 31-bit offsets; a list of
        /// names is never near 1 GiB). A regular file over the limit is refused by its size.
        static func candidateLines(_ path: String, files: any FileSystem, limit: Int = 1 << 30) -> [UInt8]? {
            if case .success(let status) = files.status(path), status.kind == .regular, status.size > limit { return nil }
            guard let bytes = try? files.input(path, limit: limit).get(), bytes.count <= limit else { return nil }
            return bytes
        }
    }
}

/// What `sw pick --filter` built, kept until the process exits so that it is not freed piece by
/// piece just before the exit frees everything at once.
private enum PickKeepAlive {
    nonisolated(unsafe) static var matchers: [FuzzyMatcher] = []
}

extension Context {
    var historyFile: HistoryFile? { HistoryFile.path(environment: environment).map { HistoryFile(path: $0, files: fileSystem) } }

    /// Opens the picker on the terminal and returns the chosen profile's name; records the pick in
    /// the history. Throws exit 130 when cancelled, exit 1 without a terminal.
    func pickProfile(index: Index, initialQuery: String = "") throws -> String {
        guard !index.profiles.isEmpty else {
            throw SwitcherError("no profiles in \(index.config.path) or \(index.credentials.path): nothing to pick")
        }
        guard let tty = terminal.openControlling() else {
            throw SwitcherError("sw pick needs a terminal (/dev/tty) to draw on; name the profile instead: sw use NAME")
        }
        let items = PickerItem.items(index: index, logins: LoginStates(index: index, context: self))
        let history = historyFile
        let entries = history?.read() ?? []
        let frecency = Frecency(entries: entries, now: now.timeIntervalSince1970)
        let queries = entries.map(\.query)
        let term = environment["TERM"] ?? ""
        let outcome: PickOutcome
        if term.isEmpty || term == "dumb" {
            outcome = PlainPicker(items: items, frecency: frecency, tty: tty).run(history: queries)
        } else {
            let color = environment["NO_COLOR"].map(\.isEmpty) ?? true
            let picker = PickerSession(items: items, frecency: frecency, tty: tty, color: color)
            outcome = picker.run(history: queries, initialQuery: initialQuery)
        }
        guard case .picked(let name, let query) = outcome else { throw ExitCode(130) }
        if let history, case .failure(let problem) = history.append(HistoryEntry(time: now.timeIntervalSince1970, profile: name, query: query)) {
            warn("history not saved: \(problem)")
        }
        return name
    }

    /// For `sw use`: the picked profile when the picker should replace name resolution (no name,
    /// or a name that matches several profiles, typed on a terminal); nil to resolve as usual.
    /// Only when stdin is a terminal too: a script or test that pipes into `sw use` must get
    /// the ambiguity error, never an interface waiting for keys.
    func pickInsteadOfResolving(_ name: String?, index: Index, config: SwConfig) throws -> Profile? {
        guard terminal.isTerminal(0), terminal.openControlling() != nil else { return nil }
        guard let name else { return index.profile(named: try pickProfile(index: index)) }
        guard name != "-", case .ambiguous = NameResolver(index: index, aliases: config.aliases).resolve(name) else { return nil }
        return index.profile(named: try pickProfile(index: index, initialQuery: name))
    }
}
