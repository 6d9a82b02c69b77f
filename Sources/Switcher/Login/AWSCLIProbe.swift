import ProfileIndex

/// Which AWS CLI `aws` on PATH is. Reading files answers it in microseconds for the usual installs
/// (the v2 installer's binary, Homebrew's versioned folder, a pip install's dist-info); only when
/// that fails is `aws --version` run, which costs seconds for the Python-based v1.
enum AWSCLIProbe {
    static func probe(in context: Context, needVersion: Bool) -> DoctorFacts.AWSCLI {
        let files = context.fileSystem
        guard let found = context.findProgram("aws") else { return .missing }
        guard needVersion else { return .present(path: found) }
        if let known = fromFiles(pyenvTarget(found, context) ?? found, files) { return known }
        return fromRunning(found, context) ?? .present(path: found)
    }

    static func fromFiles(_ aws: String, _ files: any FileSystem) -> DoctorFacts.AWSCLI? {
        let resolved = files.resolvedPath(aws) ?? aws
        if resolved.contains("/aws-cli/v2/") { return .version2("v2 installer") }
        if let range = versionInPath(resolved) { return range }
        let head = (try? files.contents(resolved, limit: 4).get()).map { Array($0.prefix(4)) } ?? []
        // An ELF or Mach-O executable: only v2 ships as a native binary.
        if head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) || head.starts(with: [0xCF, 0xFA, 0xED, 0xFE]) || head.starts(with: [0xCA, 0xFE, 0xBA, 0xBE]) {
            return .version2("native binary")
        }
        // A pip-installed script: the awscli-X.Y.Z.dist-info beside its Python.
        let bin = String(resolved[..<(resolved.lastIndex(of: "/") ?? resolved.endIndex)])
        let prefix = String(bin[..<(bin.lastIndex(of: "/") ?? bin.endIndex)])
        for lib in children(prefix + "/lib", files) where lib.hasPrefix("python") {
            for entry in children(prefix + "/lib/" + lib + "/site-packages", files) where entry.hasPrefix("awscli-") && entry.hasSuffix(".dist-info") {
                let version = String(entry.dropFirst("awscli-".count).dropLast(".dist-info".count))
                return version.hasPrefix("1.") ? .version1(version) : .version2(version)
            }
        }
        return nil
    }

    /// A pyenv shim (`<root>/shims/aws`) runs `<root>/versions/<version>/bin/aws`.
    static func pyenvTarget(_ shim: String, _ context: Context) -> String? {
        guard shim.hasSuffix("/shims/aws") else { return nil }
        let files = context.fileSystem
        let root = String(shim.dropLast("/shims/aws".count))
        var version = context.environment["PYENV_VERSION"]
        if version == nil, case .success(let bytes) = files.contents(root + "/version", limit: 255), !bytes.isEmpty {
            version = String(decoding: bytes.prefix(256), as: UTF8.self)
                .split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == ":" }).first.map(String.init)
        }
        guard let version, !version.isEmpty else { return nil }
        let target = root + "/versions/" + version + "/bin/aws"
        if case .success = files.status(target) { return target }
        return nil
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

    private static func children(_ dir: String, _ files: any FileSystem) -> [String] {
        (try? files.entries(ofDirectory: dir).get()) ?? []
    }

    /// `aws --version` prints `aws-cli/2.15.0 Python/…` (older v1: on stderr).
    static func fromRunning(_ aws: String, _ context: Context) -> DoctorFacts.AWSCLI? {
        guard let text = try? context.processes.capture(aws, ["--version"], environment: context.environment).combined,
              let start = text.firstRange(of: "aws-cli/") else { return nil }
        let version = String(text[start.upperBound...].prefix { $0 != " " && $0 != "\n" })
        if version.hasPrefix("1.") { return .version1(version) }
        if version.hasPrefix("2.") { return .version2(version) }
        return nil
    }
}
