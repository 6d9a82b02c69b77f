#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file `sw` reads or writes goes through one of these: the AWS files, the token cache,
/// sw's own config, its snapshot cache and its history. ProfileIndex takes one as a parameter and
/// never calls the operating system itself; the `sw` executable passes `LocalFileSystem`, and a
/// test may pass one that records or refuses.
public protocol FileSystem: Sendable {
    /// `stat`: what `path` names, following symbolic links.
    func status(_ path: String) -> Result<FileStatus, FileError>
    /// `lstat`: the link itself when `path` is a symbolic link.
    func linkStatus(_ path: String) -> Result<FileStatus, FileError>
    /// Where a symbolic link points, as written in it.
    func linkTarget(_ path: String) -> String?
    /// The absolute path with every symbolic link, `.` and `..` resolved (`realpath`); nil when
    /// a part of it is missing.
    func resolvedPath(_ path: String) -> String?
    /// The bytes of the file at `path`, at most `limit + 1` of them (so a caller sees that a file
    /// is over its limit without reading all of it). Opened without blocking, so a FIFO put in a
    /// file's place cannot make `sw` hang.
    func contents(_ path: String, limit: Int) -> Result<[UInt8], FileError>
    /// `contents` of input a person names on the command line (`/dev/stdin`): opened blocking,
    /// so that a pipe is read until its writer closes it.
    func input(_ path: String, limit: Int) -> Result<[UInt8], FileError>
    /// The names in a folder, sorted, without `.` and `..`.
    func entries(ofDirectory path: String) -> Result<[String], FileError>
    /// Whether the current user may execute `path` (`access(X_OK)`).
    func isExecutable(_ path: String) -> Bool
    /// The file mapped read-only into memory; the mapping is released with the returned value.
    func map(_ path: String) -> MappedFile?
    /// Writes `bytes` beside `path`, flushes them, then renames them over `path`, so that a reader
    /// sees the old file or the new one, never half of one.
    func replace(_ path: String, with bytes: [UInt8], permissions: UInt32) -> Result<Void, FileError>
    /// Appends `bytes` to `path` in one write, creating it with `permissions`; the new size.
    func append(_ bytes: [UInt8], to path: String, permissions: UInt32) -> Result<Int, FileError>
    /// `mkdir -p`: every missing folder of `path`, each with `permissions`.
    func createDirectories(_ path: String, permissions: UInt32) -> Result<Void, FileError>
    /// Runs `body` holding an advisory lock (`flock`) on the file `path`, created when missing.
    /// When the lock cannot be had, `body` runs without it and gets `false`.
    func withLock<T>(_ path: String, shared: Bool, _ body: (_ locked: Bool) -> T) -> T
}

/// What `stat` says of a file, in the units `sw` uses.
public struct FileStatus: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case regular, directory, symbolicLink, other }
    public var kind: Kind
    /// The permission bits (`st_mode & 0o7777`).
    public var permissions: UInt32
    public var size: Int
    public var device: UInt64
    public var inode: UInt64
    /// Modification and status-change times, in nanoseconds since 1970.
    public var modified: Int
    public var changed: Int

    public init(kind: Kind, permissions: UInt32, size: Int, device: UInt64, inode: UInt64, modified: Int, changed: Int) {
        self.kind = kind
        self.permissions = permissions
        self.size = size
        self.device = device
        self.inode = inode
        self.modified = modified
        self.changed = changed
    }
}

/// A failed file operation: the `errno` it ended with.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int32

    public init(code: Int32) { self.code = code }

    public static let notFound = FileError(code: ENOENT)
    public static let permissionDenied = FileError(code: EACCES)
    public static let isDirectory = FileError(code: EISDIR)

    /// Nothing at the path, or a part of it is not a folder.
    public var isMissing: Bool { code == ENOENT || code == ENOTDIR }

    public var description: String { String(cString: strerror(code)) }
}

/// A read-only memory mapping of a whole file, unmapped when the last reference goes.
public final class MappedFile: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    deinit {
        if let base = bytes.baseAddress, bytes.count > 0 { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}

/// The operating system's file system.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func status(_ path: String) -> Result<FileStatus, FileError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(FileError(code: errno)) }
        return .success(FileStatus(info))
    }

    public func linkStatus(_ path: String) -> Result<FileStatus, FileError> {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .failure(FileError(code: errno)) }
        return .success(FileStatus(info))
    }

    public func linkTarget(_ path: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4097)
        let count = buffer.withUnsafeMutableBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { readlink(path, $0.baseAddress!, 4096) }
        }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    public func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func contents(_ path: String, limit: Int) -> Result<[UInt8], FileError> {
        readWhole(path, limit: limit, flags: O_NONBLOCK)
    }

    public func input(_ path: String, limit: Int) -> Result<[UInt8], FileError> {
        readWhole(path, limit: limit, flags: 0)
    }

    private func readWhole(_ path: String, limit: Int, flags: Int32) -> Result<[UInt8], FileError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | flags)
        guard fd >= 0 else { return .failure(FileError(code: errno)) }
        defer { close(fd) }
        // Sized from fstat for a regular file, one more byte to see the end in the same read.
        var info = stat()
        var capacity = 1 << 16
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            capacity = Int(info.st_size) + 1
        }
        capacity = min(capacity, limit + 1)
        var bytes: [UInt8] = []
        while true {
            var failure: Int32 = 0
            var ended = false
            let old = bytes
            // Read straight into the array's storage: no zero-filling, no chunk copies.
            bytes = [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, count in
                old.withUnsafeBufferPointer { if let from = $0.baseAddress { buffer.baseAddress!.initialize(from: from, count: $0.count) } }
                count = old.count
                while count < buffer.count {
                    let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                    if n == 0 { ended = true; return }
                    count += n
                }
            }
            if failure != 0 { return .failure(FileError(code: failure)) }
            if ended || bytes.count > limit { return .success(bytes) }
            capacity = min(capacity * 2, limit + 1)
        }
    }

    public func entries(ofDirectory path: String) -> Result<[String], FileError> {
        guard let directory = opendir(path) else { return .failure(FileError(code: errno)) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names.sorted())
    }

    public func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

    public func map(_ path: String) -> MappedFile? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0,
              let base = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        return MappedFile(bytes: UnsafeRawBufferPointer(start: base, count: Int(info.st_size)))
    }

    public func replace(_ path: String, with bytes: [UInt8], permissions: UInt32) -> Result<Void, FileError> {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(permissions))
        guard fd >= 0 else { return .failure(FileError(code: errno)) }
        var failure = writeAll(fd, bytes)
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            return .failure(FileError(code: failure))
        }
        return .success(())
    }

    public func append(_ bytes: [UInt8], to path: String, permissions: UInt32) -> Result<Int, FileError> {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode_t(permissions))
        guard fd >= 0 else { return .failure(FileError(code: errno)) }
        defer { close(fd) }
        let failure = writeAll(fd, bytes)
        if failure != 0 { return .failure(FileError(code: failure)) }
        return .success(Int(lseek(fd, 0, SEEK_END)))
    }

    public func createDirectories(_ path: String, permissions: UInt32) -> Result<Void, FileError> {
        var current = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + part
            if mkdir(current, mode_t(permissions)) != 0 && errno != EEXIST { return .failure(FileError(code: errno)) }
        }
        return .success(())
    }

    public func withLock<T>(_ path: String, shared: Bool, _ body: (Bool) -> T) -> T {
        let fd = open(path, (shared ? O_RDONLY : O_RDWR) | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return body(false) }
        defer { close(fd) }
        guard flock(fd, shared ? LOCK_SH : LOCK_EX) == 0 else { return body(false) }
        return body(true)
    }

    /// Writes all of `bytes`; 0, or the errno it failed with.
    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return errno }
                offset += n
            }
            return 0
        }
    }
}

extension FileStatus {
    init(_ info: stat) {
        let kind: Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        #if canImport(Darwin)
        let modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        let changed = Int(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int(info.st_ctimespec.tv_nsec)
        #else
        let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        let changed = Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec)
        #endif
        self.init(kind: kind, permissions: UInt32(info.st_mode) & 0o7777, size: Int(info.st_size),
                  device: UInt64(info.st_dev), inode: UInt64(info.st_ino), modified: modified, changed: changed)
    }
}
