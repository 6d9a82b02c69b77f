#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the AWS files are, resolved the way botocore resolves them.
public struct AWSPaths: Sendable, Hashable {
    public var config: String
    public var credentials: String
    public var home: String

    /// `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` with `$VAR` and `~` expanded
    /// (`os.path.expandvars` then `os.path.expanduser`), defaulting to `~/.aws/config` and
    /// `~/.aws/credentials`.
    public init(environment: [String: String]) {
        let home = AWSPaths.home(environment)
        self.home = home
        func resolve(_ variable: String, _ fallback: String) -> String {
            guard let raw = environment[variable] else { return fallback }
            return AWSPaths.expandUser(AWSPaths.expandVars(raw, environment), home: home)
        }
        config = resolve("AWS_CONFIG_FILE", home + "/.aws/config")
        credentials = resolve("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials")
    }

    public init(config: String, credentials: String, home: String) {
        self.config = config
        self.credentials = credentials
        self.home = home
    }

    /// `$HOME`, else the password database, as `os.path.expanduser` does.
    static func home(_ environment: [String: String]) -> String {
        if let home = environment["HOME"] { return home }
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) }
        return "/"
    }

    /// `os.path.expandvars`: `$name` and `${name}` replaced when set, left alone otherwise.
    static func expandVars(_ text: String, _ environment: [String: String]) -> String {
        guard text.contains("$") else { return text }
        var out = ""
        var i = text.startIndex
        func isWordChar(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }
        while i < text.endIndex {
            let c = text[i]
            guard c == "$" else { out.append(c); i = text.index(after: i); continue }
            let after = text.index(after: i)
            if after < text.endIndex, text[after] == "{", let close = text[after...].firstIndex(of: "}") {
                let name = String(text[text.index(after: after)..<close])
                if let value = environment[name] { out += value } else { out += text[i...close] }
                i = text.index(after: close)
                continue
            }
            var j = after
            while j < text.endIndex, isWordChar(text[j]) { j = text.index(after: j) }
            let name = String(text[after..<j])
            if !name.isEmpty, let value = environment[name] { out += value } else { out += text[i..<j] }
            i = j
        }
        return out
    }

    /// `os.path.expanduser` for `~` and `~/…`; `~user` through the password database.
    static func expandUser(_ path: String, home: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let slash = path.firstIndex(of: "/") ?? path.endIndex
        let user = path[path.index(after: path.startIndex)..<slash]
        var base = home
        if !user.isEmpty {
            guard let pw = getpwnam(String(user)), let dir = pw.pointee.pw_dir else { return path }
            base = String(cString: dir)
        }
        if base.hasSuffix("/") && slash < path.endIndex { base.removeLast() }
        return base + path[slash...]
    }
}

/// What reading one AWS file gave.
public enum FileState: Sendable, Hashable {
    /// Nothing there: not an error for botocore or for `sw`.
    case missing
    /// Read; the bytes are parsed.
    case read(byteCount: Int)
    /// There, but botocore skips it silently and `sw` cannot read it: each case says why.
    case unusable(FileUnusable)
}

public enum FileUnusable: Sendable, Hashable, CustomStringConvertible {
    case directory
    case danglingSymlink(target: String)
    case notRegular
    case permissionDenied
    case tooLarge(bytes: Int, limit: Int)
    case readError(String)

    public var description: String {
        switch self {
        case .directory: return "is a directory, not a file"
        case .danglingSymlink(let target): return "is a symbolic link to \(target), which does not exist"
        case .notRegular: return "is not a regular file (a device, socket or pipe)"
        case .permissionDenied: return "cannot be read (permission denied)"
        case .tooLarge(let bytes, let limit):
            return "is \(bytes / 1_048_576) MiB, over sw's limit of \(limit / 1_048_576) MiB for an AWS config file"
        case .readError(let reason): return "cannot be read (\(reason))"
        }
    }
}

enum FileReader {
    /// Config files larger than this are refused rather than read: a real one with 20,000 profiles
    /// is under 5 MiB.
    static let sizeLimit = 128 * 1_048_576

    /// Reads a whole regular file, following symlinks. Never opens anything that is not a regular
    /// file, so a FIFO or a device cannot make `sw` hang.
    static func read(_ path: String, limit: Int = sizeLimit) -> (FileState, [UInt8]) {
        var st = stat()
        if stat(path, &st) != 0 {
            let err = errno
            var lst = stat()
            if lstat(path, &lst) == 0, (lst.st_mode & S_IFMT) == S_IFLNK {
                return (.unusable(.danglingSymlink(target: linkTarget(path))), [])
            }
            if err == ENOENT || err == ENOTDIR { return (.missing, []) }
            if err == EACCES { return (.unusable(.permissionDenied), []) }
            return (.unusable(.readError(String(cString: strerror(err)))), [])
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return (.unusable(.directory), [])
        default: return (.unusable(.notRegular), [])
        }
        let size = Int(st.st_size)
        if size > limit { return (.unusable(.tooLarge(bytes: size, limit: limit)), []) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let err = errno
            return (.unusable(err == EACCES ? .permissionDenied : .readError(String(cString: strerror(err)))), [])
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while true {
            if total == bytes.count {
                // The file grew while we read it; keep going up to the limit.
                if bytes.count >= limit { return (.unusable(.tooLarge(bytes: bytes.count, limit: limit)), []) }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + total, raw.count - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let err = errno
                return (.unusable(err == EISDIR ? .directory : .readError(String(cString: strerror(err)))), [])
            }
            if n == 0 { break }
            total += n
        }
        bytes.removeSubrange(total...)
        return (.read(byteCount: total), bytes)
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let n = readlink(path, &buffer, 4096)
        guard n > 0 else { return "?" }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
