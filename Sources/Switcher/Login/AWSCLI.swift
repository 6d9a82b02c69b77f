/// The AWS CLI on PATH and its version, for the commands sw runs with it: `aws sso login`,
/// `aws login`, `aws configure export-credentials`. Each needs a v2 from some release on.
struct AWSCLI: Sendable {
    /// Where it is (an absolute path, or as found on a relative PATH entry).
    var path: String
    /// From `aws --version`; nil when that printed no `aws-cli/X.Y.Z`.
    var version: AWSCLIVersion?

    static let installURL = "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"

    /// Finds `aws` on PATH and asks its version. `purpose` is the command sw needs it for
    /// (`aws sso login`), named in the errors: none on PATH (exit 127), or AWS CLI v1.
    static func locate(for purpose: String, in context: Context, environment: [String: String]) throws -> AWSCLI {
        guard let path = context.findProgram("aws") else {
            throw SwitcherError("the AWS CLI (aws) is not on PATH, and `\(purpose)` needs it; install AWS CLI v2: \(installURL)",
                                exitCode: 127)
        }
        let text: String
        do {
            text = try context.processes.capture(path, ["--version"], environment: environment).combined
        } catch {
            throw SwitcherError("could not run \(path) --version: \(error)")
        }
        let version = AWSCLIVersion(versionOutput: text)
        if version?.major == 1 {
            let first = text.split(separator: "\n").first.map(String.init) ?? text
            throw SwitcherError("\(path) is AWS CLI v1 (\(first)), which has no `\(purpose)`; install AWS CLI v2 (\(installURL)) and put it first on PATH")
        }
        return AWSCLI(path: path, version: version)
    }

    /// False only when the version is known and older than `release`: an `aws --version` sw
    /// cannot read is given the benefit of the doubt (the CLI then says itself what it lacks).
    func has(_ release: AWSCLIVersion) -> Bool {
        guard let version else { return true }
        return version >= release
    }
}

/// `2.22.0`: a release of the AWS CLI, compared numerically part by part.
struct AWSCLIVersion: Comparable, Sendable, CustomStringConvertible {
    var major: Int
    var minor: Int
    var patch: Int

    init(_ major: Int, _ minor: Int, _ patch: Int) {
        (self.major, self.minor, self.patch) = (major, minor, patch)
    }

    /// The version in `aws --version`'s output: `aws-cli/2.22.0 Python/3.12.6 Linux/6.1 exe/x86_64`
    /// (v1 printed it on stderr, which `CapturedOutput.combined` includes). A missing minor or
    /// patch part counts as 0.
    init?(versionOutput text: String) {
        guard let start = text.firstRange(of: "aws-cli/") else { return nil }
        let word = text[start.upperBound...].prefix { $0 != " " && $0 != "\n" && $0 != "\r" && $0 != "\t" }
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
            .map { Int($0.prefix { $0.isASCII && $0.isNumber }) }
        guard let major = parts.first ?? nil else { return nil }
        self.init(major, parts.count > 1 ? parts[1] ?? 0 : 0, parts.count > 2 ? parts[2] ?? 0 : 0)
    }

    var description: String { "\(major).\(minor).\(patch)" }

    static func < (a: AWSCLIVersion, b: AWSCLIVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }
}
