#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// sw's own cache of the built index, so that `sw use`, `sw current` and `sw list` do not parse a
/// 5,000-profile config on every run. It lives in `$XDG_CACHE_HOME/sw` (else `~/.cache/sw`), one
/// file per pair of AWS file paths, and is only ever a copy: the AWS files are read, never written.
///
/// A snapshot is used only when its key matches exactly: the identity of the `sw` executable (a
/// new build never reads an old format) and, for each AWS file, its path and either "missing" or
/// its device, inode, size, mode, modification and change times in nanoseconds. Editing a file, touching
/// it, replacing it, changing its permissions or pointing a symlink elsewhere changes the key.
/// A file changed less than `settleSeconds` before a snapshot would be written is not cached: a
/// second edit within the same timestamp tick (and the same size) could otherwise go unseen.
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
    /// cannot be identified.
    public static func live(environment: [String: String]) -> IndexCache? {
        if environment["SW_INDEX_CACHE"] == "off" { return nil }
        guard let identity = buildID() ?? executableStat() else { return nil }
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

    /// The GNU build id the linker put in this executable (`--build-id`): a hash of the linked
    /// program, so every different build has its own. Read from the program headers in memory,
    /// found through the auxiliary vector, so it names the program itself even when it runs
    /// under a launcher such as valgrind (where /proc/self/exe is the launcher).
    static func buildID() -> [UInt8]? {
        let fd = Glibc.open("/proc/self/auxv", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var auxv = [UInt64](repeating: 0, count: 128)
        let n = auxv.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) } / 8
        var phdr: UInt64 = 0, phnum: UInt64 = 0
        for i in stride(from: 0, to: n - 1, by: 2) {
            if auxv[i] == 3 { phdr = auxv[i + 1] }  // AT_PHDR
            if auxv[i] == 5 { phnum = auxv[i + 1] }  // AT_PHNUM
        }
        guard let headers = UnsafeRawPointer(bitPattern: UInt(phdr)) else { return nil }
        let entrySize = 56  // Elf64_Phdr: type, flags, offset, vaddr, paddr, filesz, memsz, align
        func header(_ i: Int) -> (type: UInt32, vaddr: Int, memsz: Int) {
            let h = headers + entrySize * i
            return (h.loadUnaligned(as: UInt32.self), Int(h.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                    Int(h.loadUnaligned(fromByteOffset: 40, as: UInt64.self)))
        }
        // A position-independent executable is loaded at an offset: PT_PHDR tells which.
        var bias = 0
        for i in 0..<Int(phnum) where header(i).type == 6 { bias = Int(bitPattern: UInt(phdr)) - header(i).vaddr }
        for i in 0..<Int(phnum) where header(i).type == 4 {  // PT_NOTE
            guard var note = UnsafeRawPointer(bitPattern: bias + header(i).vaddr) else { continue }
            let end = note + header(i).memsz
            while note + 12 <= end {
                let nameSize = Int(note.loadUnaligned(as: UInt32.self))
                let descSize = Int(note.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                let type = note.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
                let desc = note + 12 + (nameSize + 3) & ~3
                guard desc + descSize <= end else { break }
                if type == 3, nameSize == 4, (note + 12).loadUnaligned(as: UInt32.self) == 0x0055_4E47 {  // NT_GNU_BUILD_ID, "GNU\0"
                    return Array("build-id:".utf8) + Array(UnsafeRawBufferPointer(start: desc, count: descSize))
                }
                note = desc + (descSize + 3) & ~3
            }
        }
        return nil
    }

    /// Without a build id: the executable file's identity (a rebuild changes its inode or times).
    static func executableStat() -> [UInt8]? {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        var identity = SnapshotWriter()
        for v in [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec] {
            identity.u32(v)
            identity.u32(v >> 32)
        }
        return identity.bytes
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

    /// The key for the AWS files as they are now, and the newest time either was changed; nil when
    /// a file is there but not a readable regular file (those are reported, never cached).
    func key(for paths: AWSPaths) -> (key: [UInt8], newestChange: Int)? {
        var w = SnapshotWriter()
        w.bytes(identity)
        var newest = Int.min
        for path in [paths.config, paths.credentials] {
            w.rawStr(path)
            var st = stat()
            if stat(path, &st) != 0 {
                let err = errno
                var lst = stat()
                guard err == ENOENT || err == ENOTDIR, lstat(path, &lst) != 0 else { return nil }
                w.u8(0)
                continue
            }
            guard st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) <= FileReader.sizeLimit else { return nil }
            w.u8(1)
            for v in [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                      st.st_ctim.tv_sec, st.st_ctim.tv_nsec, Int(st.st_mode)] {
                w.u32(v)
                w.u32(v >> 32)
            }
            newest = max(newest, st.st_mtim.tv_sec, st.st_ctim.tv_sec)
        }
        return (w.bytes, newest)
    }

    /// Maps the snapshot file read-only and returns it when it is whole and its key matches. The
    /// mapping is never unmapped: the process is short-lived, and a snapshot replaced meanwhile is
    /// a new file (written aside and renamed), so this one stays intact.
    func open(_ file: String, key: [UInt8]) -> Snapshot? {
        let fd = Glibc.open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0,
              let base = mmap(nil, Int(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        let buffer = UnsafeRawBufferPointer(start: base, count: Int(st.st_size))
        guard let stored = Snapshot.key(in: buffer), stored.elementsEqual(key), let snapshot = Snapshot(buffer) else {
            munmap(base, Int(st.st_size))
            return nil
        }
        return snapshot
    }

    /// Writes the snapshot beside its final name and renames it into place, so that a reader sees
    /// the old file or the new one, never half of one. Mode 0600 in a 0700 folder.
    func write(_ bytes: [UInt8], to file: String) -> Bool {
        guard makeDirectory() else { return false }
        var template = Array((file + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return false }
        var ok = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        ok = close(fd) == 0 && ok
        if ok && rename(template, file) == 0 { return true }
        unlink(template)
        return false
    }

    private func makeDirectory() -> Bool {
        var path = ""
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            path += "/" + part
            if mkdir(path, 0o700) != 0 && errno != EEXIST { return false }
        }
        var st = stat()
        return stat(directory, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }
}

extension Index {
    /// Loads the index from the cache's snapshot when it is valid for the files as they are now;
    /// otherwise parses the files and, when they have settled, writes a snapshot for next time.
    /// `now` is the wall clock in seconds (tests pass their own).
    public static func load(paths: AWSPaths, cache: IndexCache?, now: Int? = nil) -> (Index, IndexCache.Outcome) {
        guard let cache else { return (load(paths: paths), .parsed("cache off")) }
        guard let (key, newestChange) = cache.key(for: paths) else {
            return (load(paths: paths), .parsed("an AWS file is not a readable regular file"))
        }
        let file = cache.file(for: paths)
        if let snapshot = cache.open(file, key: key) {
            return (Index(snapshot: snapshot, paths: paths), .hit)
        }
        // The key was taken before reading: a file changed meanwhile makes the next key differ.
        let index = load(paths: paths)
        for f in [index.config, index.credentials] {
            if case .unusable = f.state { return (index, .parsed("an AWS file cannot be read")) }
        }
        let clock = now ?? Int(time(nil))
        guard newestChange <= clock - IndexCache.settleSeconds else {
            return (index, .parsed("an AWS file changed in the last \(IndexCache.settleSeconds) seconds"))
        }
        guard cache.write(index.snapshotBytes(key: key), to: file) else {
            return (index, .parsed("cannot write \(file)"))
        }
        return (index, .written)
    }
}
