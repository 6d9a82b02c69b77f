#if canImport(Glibc)
import Glibc
#endif
import ProfileIndex

/// Which AWS CLI `aws` on PATH is. Reading files answers it in microseconds for the usual installs
/// (the v2 installer's binary, Homebrew's versioned folder, a pip install's dist-info); only when
/// that fails is `aws --version` run, which costs seconds for the Python-based v1.
enum AWSCLIProbe {
    static func probe(environment: [String: String], needVersion: Bool) -> DoctorFacts.AWSCLI {
        guard let found = ExecutableSearch.find("aws", path: environment["PATH"] ?? "", workingDirectory: workingDirectory(), in: LocalFileSystem()) else {
            return .missing
        }
        guard needVersion else { return .present(path: found) }
        if let known = fromFiles(pyenvTarget(found, environment) ?? found) { return known }
        return fromRunning(found) ?? .present(path: found)
    }

    static func fromFiles(_ aws: String) -> DoctorFacts.AWSCLI? {
        var resolved = aws
        if let real = realpath(aws, nil) {
            resolved = String(cString: real)
            free(real)
        }
        if resolved.contains("/aws-cli/v2/") { return .version2("v2 installer") }
        if let range = versionInPath(resolved) { return range }
        let head = readHead(resolved)
        // An ELF or Mach-O executable: only v2 ships as a native binary.
        if head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) || head.starts(with: [0xCF, 0xFA, 0xED, 0xFE]) || head.starts(with: [0xCA, 0xFE, 0xBA, 0xBE]) {
            return .version2("native binary")
        }
        // A pip-installed script: the awscli-X.Y.Z.dist-info beside its Python.
        let bin = String(resolved[..<(resolved.lastIndex(of: "/") ?? resolved.endIndex)])
        let prefix = String(bin[..<(bin.lastIndex(of: "/") ?? bin.endIndex)])
        for lib in children(prefix + "/lib") where lib.hasPrefix("python") {
            for entry in children(prefix + "/lib/" + lib + "/site-packages") where entry.hasPrefix("awscli-") && entry.hasSuffix(".dist-info") {
                let version = String(entry.dropFirst("awscli-".count).dropLast(".dist-info".count))
                return version.hasPrefix("1.") ? .version1(version) : .version2(version)
            }
        }
        return nil
    }

    /// A pyenv shim (`<root>/shims/aws`) runs `<root>/versions/<version>/bin/aws`.
    static func pyenvTarget(_ shim: String, _ environment: [String: String]) -> String? {
        guard shim.hasSuffix("/shims/aws") else { return nil }
        let root = String(shim.dropLast("/shims/aws".count))
        var version = environment["PYENV_VERSION"]
        if version == nil {
            let (state, bytes) = exists(root + "/version") ? readSmall(root + "/version") : (false, [])
            if state { version = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == ":" }).first.map(String.init) }
        }
        guard let version, !version.isEmpty else { return nil }
        let target = root + "/versions/" + version + "/bin/aws"
        return exists(target) ? target : nil
    }

    private static func exists(_ path: String) -> Bool {
        if case .success = LocalFileSystem().status(path) { return true }
        return false
    }

    private static func readSmall(_ path: String) -> (Bool, [UInt8]) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return (false, []) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 256) }
        return n > 0 ? (true, Array(buffer[0..<n])) : (false, [])
    }

    /// Homebrew and similar keep the version in the folder name (`Cellar/awscli/2.17.0/`).
    private static func versionInPath(_ path: String) -> DoctorFacts.AWSCLI? {
        let parts = path.split(separator: "/")
        for (i, part) in parts.enumerated() where part == "awscli" && i + 1 < parts.count {
            let v = parts[i + 1]
            if v.hasPrefix("2.") { return .version2(String(v)) }
            if v.hasPrefix("1.") { return .version1(String(v)) }
        }
        return nil
    }

    private static func readHead(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4) }
        return n > 0 ? Array(buffer[0..<n]) : []
    }

    private static func children(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            names.append(withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) })
        }
        return names.sorted()
    }

    /// `aws --version` prints `aws-cli/2.15.0 Python/…` (older v1: on stderr).
    static func fromRunning(_ aws: String) -> DoctorFacts.AWSCLI? {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(aws), strdup("--version"), nil]
        defer { for a in argv { free(a) } }
        let status = posix_spawn(&pid, aws, &actions, nil, argv, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard status == 0 else { return nil }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while output.count < 65536 {
            let n = buffer.withUnsafeMutableBytes { read(pipe[0], $0.baseAddress, 4096) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            output += buffer[0..<n]
        }
        var wait: Int32 = 0
        _ = waitpid(pid, &wait, 0)
        let text = String(decoding: output, as: UTF8.self)
        guard let start = text.firstRange(of: "aws-cli/") else { return nil }
        let version = String(text[start.upperBound...].prefix { $0 != " " && $0 != "\n" })
        if version.hasPrefix("1.") { return .version1(version) }
        if version.hasPrefix("2.") { return .version2(version) }
        return nil
    }
}
