#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
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
    static func read(_ path: String, in fileSystem: any FileSystem, limit: Int = sizeLimit) -> (FileState, [UInt8]) {
        let status: FileStatus
        switch fileSystem.status(path) {
        case .success(let found):
            status = found
        case .failure(let error):
            if case .success(let link) = fileSystem.linkStatus(path), link.kind == .symbolicLink {
                return (.unusable(.danglingSymlink(target: fileSystem.linkTarget(path) ?? "?")), [])
            }
            if error.isMissing { return (.missing, []) }
            if error == .permissionDenied { return (.unusable(.permissionDenied), []) }
            return (.unusable(.readError(error.description)), [])
        }
        switch status.kind {
        case .regular: break
        case .directory: return (.unusable(.directory), [])
        case .symbolicLink, .other: return (.unusable(.notRegular), [])
        }
        if status.size > limit { return (.unusable(.tooLarge(bytes: status.size, limit: limit)), []) }
        switch fileSystem.contents(path, limit: limit) {
        case .success(let bytes):
            // The file grew past the limit while it was read.
            if bytes.count > limit { return (.unusable(.tooLarge(bytes: bytes.count, limit: limit)), []) }
            return (.read(byteCount: bytes.count), bytes)
        case .failure(let error):
            if error == .permissionDenied { return (.unusable(.permissionDenied), []) }
            if error == .isDirectory { return (.unusable(.directory), []) }
            return (.unusable(.readError(error.description)), [])
        }
    }
}
