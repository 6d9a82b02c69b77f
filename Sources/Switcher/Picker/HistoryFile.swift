#if canImport(Glibc)
import Glibc
#endif
import ProfileIndex

/// The picker's history: `$XDG_STATE_HOME/sw/history` (default `~/.local/state/sw/history`),
/// one `HistoryEntry` line per pick.
///
/// Shells pick concurrently, so every access holds an flock on `history.lock` beside it (shared
/// to read, exclusive to write), each entry is added with a single `write` to a file opened with
/// `O_APPEND`, and trimming writes a new file and renames it over the old one while holding the
/// lock: a reader sees the old file or the new one, never half of either, and no pick is lost.
struct HistoryFile {
    let path: String
    /// Entries kept when the file is trimmed; trimming starts at twice as many.
    var keep = 1000

    var lockPath: String { path + ".lock" }
    var directory: String { String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }

    /// `$XDG_STATE_HOME/sw/history` when XDG_STATE_HOME is an absolute path, else
    /// `$HOME/.local/state/sw/history`; nil without either.
    static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/sw/history" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/sw/history" }
        return nil
    }

    /// Every readable entry, oldest first; empty when the file does not exist or cannot be read.
    func read() -> [HistoryEntry] {
        guard let lock = openLock(shared: true) else { return HistoryEntry.parse(readAll() ?? []) }
        defer { close(lock) }
        return HistoryEntry.parse(readAll() ?? [])
    }

    /// Appends one entry; trims the file when it has grown past twice `keep` entries. Errors are
    /// returned, not thrown: a history that cannot be written must not stop a pick.
    @discardableResult
    func append(_ entry: HistoryEntry) -> String? {
        guard makeDirectories() else { return "cannot create \(directory): \(String(cString: strerror(errno)))" }
        guard let lock = openLock(shared: false) else { return "cannot lock \(lockPath): \(String(cString: strerror(errno)))" }
        defer { close(lock) }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "cannot open \(path): \(String(cString: strerror(errno)))" }
        var line = entry.line
        let written = line.withUTF8 { buf in Glibc.write(fd, buf.baseAddress, buf.count) }
        let size = lseek(fd, 0, SEEK_END)
        close(fd)
        if written != line.utf8.count { return "cannot write \(path)" }
        // Entries are about 60 bytes: only count lines once the file may be over the limit.
        if size > keep * 2 * 40 { trimLocked() }
        return nil
    }

    /// With the exclusive lock held: keeps the newest `keep` entries.
    private func trimLocked() {
        guard let bytes = readAll() else { return }
        let entries = HistoryEntry.parse(bytes)
        guard entries.count > keep * 2 else { return }
        let text = entries.suffix(keep).map(\.line).joined()
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        var copy = text
        let ok = copy.withUTF8 { buf in Glibc.write(fd, buf.baseAddress, buf.count) == buf.count }
        let synced = fsync(fd) == 0
        close(fd)
        if ok && synced { rename(temporary, path) } else { unlink(temporary) }
    }

    private func openLock(shared: Bool) -> Int32? {
        if !shared { _ = makeDirectories() }
        let fd = open(lockPath, (shared ? O_RDONLY : O_RDWR) | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        while flock(fd, shared ? LOCK_SH : LOCK_EX) != 0 {
            if errno != EINTR { close(fd); return nil }
        }
        return fd
    }

    private func readAll() -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }

    /// `mkdir -p` of the history's folder, private to the user.
    private func makeDirectories() -> Bool {
        var current = ""
        for part in directory.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST { return false }
        }
        return true
    }
}
