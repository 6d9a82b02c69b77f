import ProfileIndex

extension Context {
    /// The index, from sw's snapshot cache when it is valid for the AWS files as they are now
    /// (IndexCache); `SW_INDEX_CACHE=off` always parses, `SW_INDEX_CACHE=trace` says on stderr
    /// what the cache did.
    func loadIndex() -> Index {
        let (index, outcome) = Index.load(paths: paths, fileSystem: fileSystem,
                                          cache: IndexCache.live(environment: environment, identity: ExecutableIdentity.current()),
                                          now: Int(now.timeIntervalSince1970.rounded(.down)))
        if environment["SW_INDEX_CACHE"] == "trace" { note("index cache: \(outcome)") }
        // Freeing thousands of profiles' strings when a command returns cost 12% of `sw list`
        // on 5,000 profiles; the process is about to exit, so the index is never freed. One
        // retain of its own box, not a shared list: tests run commands on several threads.
        _ = Unmanaged.passRetained(KeptIndex(index))
        return index
    }

    /// Loads the index, failing when a file exists but cannot be read at all: listing nothing
    /// would hide why the AWS CLI finds no profiles.
    func loadUsableIndex() throws -> Index {
        let index = loadIndex()
        for file in [index.config, index.credentials] {
            if case .unusable(let why) = file.state { throw SwitcherError.unusableFile(file.path, why) }
        }
        return index
    }

    /// The index for commands that switch: refuses when botocore cannot read the files, since no
    /// profile would work.
    func loadSwitchableIndex() throws -> Index {
        let index = try loadUsableIndex()
        for file in [index.config, index.credentials] {
            if let (failure, line) = file.parseFailures.first {
                throw SwitcherError("the AWS CLI cannot read \(file.path) (line \(line): \(failure.explanation)), so no profile works; fix that line first (sw doctor explains)")
            }
        }
        return index
    }

    /// One stderr line per file botocore refuses: every profile in it fails in the AWS CLI.
    func reportFileProblems(_ index: Index) {
        for file in [index.config, index.credentials] {
            guard let (failure, line) = file.parseFailures.first else { continue }
            warn("the AWS CLI refuses \(file.path) (\"Unable to parse config file\"): line \(line): \(failure.explanation); every profile fails until this is fixed (details: sw doctor)")
        }
    }
}

private final class KeptIndex {
    let index: Index
    init(_ index: Index) { self.index = index }
}
