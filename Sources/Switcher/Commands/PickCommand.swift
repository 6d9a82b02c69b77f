#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import FoundationEssentials
import ProfileIndex
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

        @Flag(help: .hidden)
        var bench = false

        @Option(help: ShellOption.help) var shell: Shell?

        @Flag(help: "Run `aws sso login` first when the picked profile's SSO login needs it (its output goes to stderr).")
        var login = false

        func validate() throws {
            if bench && filter == nil { throw ValidationError("--bench needs --filter QUERY") }
        }

        func run(_ context: Context) throws {
            if let filter { return try runFilter(context, query: filter) }
            // Same checks and output as `sw use NAME` for the chosen profile.
            let shell = try ShellOption.resolve(shell, context)
            let index = try context.loadSwitchableIndex()
            let config = context.loadSwConfig()
            let name = try context.pickProfile(index: index, initialQuery: query)
            try Use.printSwitch(to: index.profile(named: name)!, index: index, config: config, shell: shell, login: login, context)
        }

        /// `--filter QUERY`: the ranking without the interface, names best first, one per line, like
        /// `fzf --filter`; exit 1 when nothing matches. With `--bench`: the mean time to rank for
        /// each prefix of QUERY (up to 6 characters), in milliseconds.
        private func runFilter(_ context: Context, query: String) throws {
            let frecency = context.historyFile.map { Frecency(entries: $0.read(), now: context.now.timeIntervalSince1970) } ?? .none
            let matcher: FuzzyMatcher
            if let candidatesFrom {
                guard let bytes = readFile(candidatesFrom) else { throw SwitcherError("cannot read \(candidatesFrom) (or it is over 1 GiB)") }
                // The lines as they are: no String per name.
                matcher = FuzzyMatcher(lines: bytes, frecency: frecency)
            } else {
                matcher = FuzzyMatcher(candidates: try context.loadUsableIndex().profiles.map(FuzzyCandidate.init(profile:)),
                                       frecency: frecency)
            }
            // Freed by the exit, not one candidate at a time.
            PickKeepAlive.matchers.append(matcher)
            if bench {
                context.stdout.write(Self.benchmark(matcher, query: query))
                return
            }
            let ranked = matcher.rankedIndices(query: query)
            matcher.joinedNames(ranked).withUnsafeBufferPointer { context.stdout.write(bytes: $0) }
            if ranked.isEmpty { throw ExitCode(1) }
        }

        static func benchmark(_ matcher: FuzzyMatcher, query: String) -> String {
            var out = ""
            var total = 0.0
            let prefixes = (1...min(6, max(1, query.count))).map { String(query.prefix($0)) }
            for prefix in prefixes {
                var runs = 0
                var elapsed = 0.0
                var matched = 0
                while runs < 5 || elapsed < 0.2 && runs < 200 {
                    let start = monotonicSeconds()
                    matched = matcher.rank(query: prefix, highlightLimit: 0).count
                    elapsed += monotonicSeconds() - start
                    runs += 1
                }
                let ms = elapsed / Double(runs) * 1000
                total += ms
                out += "query \"\(prefix)\": \(matched) matches, \(formatMS(ms)) ms\n"
            }
            out += "mean per keystroke: \(formatMS(total / Double(prefixes.count))) ms over \(matcher.count) candidates\n"
            return out
        }
    }
}

/// What `sw pick --filter` built, kept until the process exits so that it is not freed piece by
/// piece just before the exit frees everything at once.
private enum PickKeepAlive {
    nonisolated(unsafe) static var matchers: [FuzzyMatcher] = []
}

private func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

private func formatMS(_ ms: Double) -> String {
    let hundredths = Int((ms * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

/// The whole content of `path`; read straight into one buffer, sized from `fstat` for a regular
/// file (also a file redirected to stdin), so that it is neither grown nor copied.
/// The whole file, or nil when it cannot be read or holds more than `limit` bytes (the ranking
/// addresses names with 31-bit offsets; a list of profile names is never near 1 GiB).
func readFile(_ path: String, limit: Int = 1 << 30) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var size = 1 << 16
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 {
        guard Int(info.st_size) <= limit else { return nil }
        size = Int(info.st_size) + 1  // one more, to see the end in the same read
    }
    var bytes: [UInt8] = []
    var capacity = min(size, limit + 1)
    while true {
        // Read straight into the array's storage: no zero-filling, no chunk copies.
        var failed = false, ended = false
        let old = bytes
        bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            old.withUnsafeBufferPointer { if let from = $0.baseAddress { buffer.baseAddress!.initialize(from: from, count: $0.count) } }
            count = old.count
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 { if errno == EINTR { continue }; failed = true; return }
                if n == 0 { ended = true; return }
                count += n
            }
        }
        if failed || bytes.count > limit { return nil }
        if ended { return bytes }
        capacity = min(capacity * 2, limit + 1)
    }
}

extension Context {
    var historyFile: HistoryFile? { HistoryFile.path(environment: environment).map { HistoryFile(path: $0) } }

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
        if let history, let problem = history.append(HistoryEntry(time: now.timeIntervalSince1970, profile: name, query: query)) {
            warn("history not saved: \(problem)")
        }
        return name
    }

    /// For `sw use`: the picked profile when the picker should replace name resolution (no name,
    /// or a name that matches several profiles, typed on a terminal); nil to resolve as usual.
    /// Only when stdin is a terminal too: a script or test that pipes into `sw use` must get
    /// the ambiguity error, never an interface waiting for keys.
    func pickInsteadOfResolving(_ name: String?, index: Index, config: SwConfig) throws -> Profile? {
        guard terminal.isTerminal(0), Terminal.available else { return nil }
        guard let name else { return index.profile(named: try pickProfile(index: index)) }
        guard name != "-", case .ambiguous = NameResolver(index: index, aliases: config.aliases).resolve(name) else { return nil }
        return index.profile(named: try pickProfile(index: index, initialQuery: name))
    }
}
