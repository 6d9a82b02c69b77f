#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileIndex
import ProfileSearch

/// The picker's history: `$XDG_STATE_HOME/sw/history` (default `~/.local/state/sw/history`),
/// one `HistoryEntry` line per pick.
///
/// Shells pick concurrently, so every access holds an flock on `history.lock` beside it (shared
/// to read, exclusive to write), each entry is added with a single `write` to a file opened with
/// `O_APPEND`, and trimming writes a new file and renames it over the old one while holding the
/// lock: a reader sees the old file or the new one, never half of either, and no pick is lost.
struct HistoryFile {
    let path: String
    let files: any FileSystem
    /// Entries kept when the file is trimmed; trimming starts at twice as many.
    var keep = 1000

    /// Why a pick was not recorded.
    enum WriteError: Error, CustomStringConvertible {
        case cannotCreate(directory: String, FileError)
        case cannotLock(String, FileError)
        case cannotWrite(String, FileError)

        var description: String {
            switch self {
            case .cannotCreate(let directory, let error): "cannot create \(directory): \(error)"
            case .cannotLock(let path, let error): "cannot lock \(path): \(error)"
            case .cannotWrite(let path, let error): "cannot write \(path): \(error)"
            }
        }
    }

    var lockPath: String { path + ".lock" }
    var directory: String { String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }

    /// Far more than a trimmed history holds (2,000 entries of about 60 bytes).
    private static let sizeLimit = 1 << 30

    /// `$XDG_STATE_HOME/sw/history` when XDG_STATE_HOME is an absolute path, else
    /// `$HOME/.local/state/sw/history`; nil without either.
    static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/sw/history" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/sw/history" }
        return nil
    }

    /// Every readable entry, oldest first; empty when the file does not exist or cannot be read.
    /// Read without the lock when it cannot be had: a stale order is better than no history.
    func read() -> [HistoryEntry] {
        files.withLock(lockPath, shared: true) { _ in
            HistoryEntry.parse((try? files.contents(path, limit: Self.sizeLimit).get()) ?? [])
        }
    }

    /// Appends one entry; trims the file when it has grown past twice `keep` entries. A history
    /// that cannot be written must not stop a pick: the caller warns and goes on.
    func append(_ entry: HistoryEntry) -> Result<Void, WriteError> {
        if case .failure(let error) = files.createDirectories(directory, permissions: 0o700) {
            return .failure(.cannotCreate(directory: directory, error))
        }
        return files.withLock(lockPath, shared: false) { locked in
            // withLock gives up right after the failed open or flock: errno is still theirs.
            guard locked else { return .failure(.cannotLock(lockPath, FileError(code: errno))) }
            switch files.append(Array(entry.line.utf8), to: path, permissions: 0o600) {
            case .failure(let error):
                return .failure(.cannotWrite(path, error))
            case .success(let size):
                // Entries are about 60 bytes: only count lines once the file may be over the limit.
                if size > keep * 2 * 40 { trimLocked() }
                return .success(())
            }
        }
    }

    /// With the exclusive lock held: keeps the newest `keep` entries.
    private func trimLocked() {
        guard let bytes = try? files.contents(path, limit: Self.sizeLimit).get() else { return }
        let entries = HistoryEntry.parse(bytes)
        guard entries.count > keep * 2 else { return }
        _ = files.replace(path, with: Array(entries.suffix(keep).map(\.line).joined().utf8), permissions: 0o600)
    }
}
