#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of the token cache, read the way botocore's `JSONFileCache` reads it, but never more
/// than `limit` bytes and never written, moved or deleted.
///
/// botocore first asks `os.path.isfile` (which follows symbolic links and answers `False` for a
/// folder, a FIFO or anything `stat` cannot reach, e.g. a folder without search permission):
/// then the token "does not exist". Otherwise it opens and `json.load`s the file; an `OSError`
/// or `ValueError` (bad JSON, bytes that are not UTF-8, a byte-order mark) becomes a bare
/// `KeyError` out of `SSOTokenLoader`, i.e. credential resolution fails.
enum TokenCacheFile {
    enum Contents {
        /// botocore says "Token for … does not exist". `problem` says why when it is not simply
        /// a missing file.
        case absent(problem: String?)
        /// botocore fails reading it; the text says why.
        case unusable(String)
        case json(JSONValue)
    }

    static func load(path: String, limit: Int, levels: Int = 1, fileSystem: any FileSystem) -> Contents {
        switch fileSystem.status(path) {
        case .failure(let error):
            if error == .notFound { return .absent(problem: nil) }
            return .absent(problem: "cannot check for the token file: \(describe(error.code)) (botocore treats the token as missing)")
        case .success(let status) where status.kind != .regular:
            let what = status.kind == .directory ? "a folder" : "not a regular file"
            return .absent(problem: "the token file's path is \(what) (botocore treats the token as missing)")
        case .success:
            break
        }
        // Read without blocking: should the file be swapped for a FIFO after stat, sw must not hang.
        let bytes: [UInt8]
        switch fileSystem.contents(path, limit: limit) {
        case .success(let read): bytes = read
        case .failure(let error):
            return .unusable("cannot read the token file: \(describe(error.code)) (botocore fails with KeyError)")
        }
        guard bytes.count <= limit else {
            return .unusable("the token file is larger than \(limit / 1024) kB, so sw does not read it (a real token file is under 4 kB)")
        }
        // Python opens the file as UTF-8 text and json.load refuses a byte-order mark.
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .unusable("the token file is not UTF-8 text (botocore fails with KeyError)")
        }
        if text.unicodeScalars.first == "\u{FEFF}" {
            return .unusable("the token file starts with a byte-order mark (botocore fails with KeyError)")
        }
        guard let value = JSONValue.parse(bytes, levels: levels) else {
            return .unusable("the token file is not valid JSON (botocore fails with KeyError)")
        }
        return .json(value)
    }

    /// The file's top-level JSON object. Without one, `status` says why (`.missing`, with the
    /// reason when the file is there but out of reach; `.invalid`) and the answer is nil.
    /// `what` names the file in that reason ("the token file").
    static func object(updating status: inout TokenStatus, limit: Int, levels: Int = 1, fileSystem: any FileSystem,
                       what: String) -> [String: JSONValue]? {
        switch load(path: status.cacheFile, limit: limit, levels: levels, fileSystem: fileSystem) {
        case .absent(let problem):
            status.state = .missing
            status.problem = problem
        case .unusable(let problem):
            status.state = .invalid
            status.problem = problem
        case .json(.object(let object)):
            return object
        case .json(let other):
            status.state = .invalid
            status.problem = "\(what) holds \(other.kind), not a JSON object (botocore cannot use it)"
        }
        return nil
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES: "permission denied"
        case ENOTDIR: "a part of the cache path is not a folder"
        case ELOOP: "too many symbolic links"
        case ENAMETOOLONG: "the path is too long"
        case EISDIR: "it is a folder"
        default: "error \(code)"
        }
    }
}
