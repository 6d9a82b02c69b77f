/// sw's own cache of the built index, so that `sw use`, `sw current` and `sw list` do not parse a
/// 5,000-profile config on every run. It lives in `$XDG_CACHE_HOME/sw` (else `~/.cache/sw`), one
/// file per pair of AWS file paths, and is only ever a copy: the AWS files are read, never written.
///
/// A snapshot is used only when its key matches exactly: the identity of the `sw` executable (a
/// new build never reads an old format) and, for each AWS file, its path and either "missing" or
/// its device, inode, size, permissions, modification and change times in nanoseconds. Editing a
/// file, touching it, replacing it, changing its permissions or pointing a symlink elsewhere
/// changes the key. A file changed less than `settleSeconds` before a snapshot would be written
/// is not cached: a second edit within the same timestamp tick (and the same size) could
/// otherwise go unseen.
public struct IndexCache: Sendable {
    public var directory: String
    /// Who writes and reads the snapshots: a different `sw` build never trusts another's.
    var identity: [UInt8]

    static let settleSeconds = 2

    public init(directory: String, identity: [UInt8]) {
        self.directory = directory
        self.identity = identity
    }

    /// The cache for this process: nil when `SW_INDEX_CACHE=off`, or when the running executable
    /// cannot be identified (`identity`, asked only when the cache is on), or when there is no
    /// absolute cache folder.
    package static func live(environment: [String: String], identity: @autoclosure () -> [UInt8]?) -> IndexCache? {
        if environment["SW_INDEX_CACHE"] == "off" { return nil }
        guard let identity = identity() else { return nil }
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.cache"
        } else {
            return nil
        }
        return IndexCache(directory: base + "/sw", identity: identity)
    }

    /// What happened with the cache on one load (`SW_INDEX_CACHE=trace` prints it).
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        case hit
        case written
        /// Parsed, and why no snapshot was used or written.
        case parsed(String)

        public var description: String {
            switch self {
            case .hit: return "hit"
            case .written: return "miss, snapshot written"
            case .parsed(let why): return "not used: \(why)"
            }
        }
    }

    /// The snapshot file for these AWS files.
    public func file(for paths: AWSPaths) -> String {
        directory + "/index-" + sha1Hex(paths.config + "\u{0}" + paths.credentials) + ".bin"
    }

    /// The key for the AWS files as they are now, and the newest time (in seconds) either was
    /// changed; nil when a file is there but not a readable regular file (those are reported,
    /// never cached).
    func key(for paths: AWSPaths, in fileSystem: any FileSystem) -> (key: [UInt8], newestChange: Int)? {
        var w = SnapshotWriter()
        w.bytes(identity)
        var newest = Int.min
        for path in [paths.config, paths.credentials] {
            w.rawStr(path)
            switch fileSystem.status(path) {
            case .failure(let error):
                // Missing, unless a dangling symbolic link is there (reported, so not cached).
                guard error.isMissing, case .failure = fileSystem.linkStatus(path) else { return nil }
                w.u32(0)
            case .success(let status):
                guard status.kind == .regular, status.size <= FileReader.sizeLimit else { return nil }
                w.u32(1)
                for v in [Int(truncatingIfNeeded: status.device), Int(truncatingIfNeeded: status.inode), status.size,
                          status.modified, status.changed, Int(status.permissions)] {
                    w.u32(v)
                    w.u32(v >> 32)
                }
                newest = max(newest, status.modified / 1_000_000_000, status.changed / 1_000_000_000)
            }
        }
        return (w.bytes, newest)
    }

    /// The snapshot file mapped read-only, when it is whole and its key matches. The Snapshot
    /// keeps the mapping; a snapshot replaced meanwhile is a new file (written aside and renamed),
    /// so this one stays intact while it is mapped.
    func open(_ file: String, key: [UInt8], in fileSystem: any FileSystem) -> Snapshot? {
        guard let mapping = fileSystem.map(file), let stored = Snapshot.key(in: mapping.bytes), stored.elementsEqual(key) else {
            return nil
        }
        return Snapshot(mapping)
    }

    /// Writes the snapshot aside and renames it into place, so that a reader sees the old file or
    /// the new one, never half of one. Mode 0600 in a 0700 folder.
    func write(_ bytes: [UInt8], to file: String, in fileSystem: any FileSystem) -> Bool {
        guard case .success = fileSystem.createDirectories(directory, permissions: 0o700),
              case .success = fileSystem.replace(file, with: bytes, permissions: 0o600) else { return false }
        return true
    }
}

extension Index {
    /// Loads the index from the cache's snapshot when it is valid for the files as they are now;
    /// otherwise parses the files and, when they have settled, writes a snapshot for next time.
    /// `now` is the wall clock in seconds since 1970.
    public static func load(paths: AWSPaths, fileSystem: any FileSystem, cache: IndexCache?, now: Int) -> (Index, IndexCache.Outcome) {
        guard let cache else { return (load(paths: paths, fileSystem: fileSystem), .parsed("cache off")) }
        guard let (key, newestChange) = cache.key(for: paths, in: fileSystem) else {
            return (load(paths: paths, fileSystem: fileSystem), .parsed("an AWS file is not a readable regular file"))
        }
        let file = cache.file(for: paths)
        if let snapshot = cache.open(file, key: key, in: fileSystem) {
            return (Index(snapshot: snapshot, paths: paths, fileSystem: fileSystem), .hit)
        }
        // The key was taken before reading: a file changed meanwhile makes the next key differ.
        let index = load(paths: paths, fileSystem: fileSystem)
        for f in [index.config, index.credentials] {
            if case .unusable = f.state { return (index, .parsed("an AWS file cannot be read")) }
        }
        guard newestChange <= now - IndexCache.settleSeconds else {
            return (index, .parsed("an AWS file changed in the last \(IndexCache.settleSeconds) seconds"))
        }
        guard cache.write(index.snapshotBytes(key: key), to: file, in: fileSystem) else {
            return (index, .parsed("cannot write \(file)"))
        }
        return (index, .written)
    }
}
