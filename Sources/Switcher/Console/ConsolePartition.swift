/// The AWS partitions whose console sw can link to, with the hosts the link needs. Each partition
/// has its own accounts, sign-in and console: a session signed in to one never reaches another.
enum ConsolePartition: String, CaseIterable, Sendable {
    case aws
    case awsUSGov = "aws-us-gov"
    case awsCN = "aws-cn"

    /// The host of the console's switch-role page (and of sign-in) for the partition.
    var signInHost: String {
        switch self {
        case .aws: "signin.aws.amazon.com"
        case .awsUSGov: "signin.amazonaws-us-gov.com"
        case .awsCN: "signin.amazonaws.cn"
        }
    }

    /// The console's domain: the global host, and the parent of the regional ones
    /// (`us-west-2.console.aws.amazon.com`) and of the other hosts the console serves pages from.
    var consoleDomain: String {
        switch self {
        case .aws: "console.aws.amazon.com"
        case .awsUSGov: "console.amazonaws-us-gov.com"
        case .awsCN: "console.amazonaws.cn"
        }
    }

    /// The partition of a region name, as botocore's partitions.json tells it (`regionRegex`);
    /// nil when the region is in a partition sw has no console hosts for, or is no region name.
    init?(region: String) {
        guard let id = Self.partitionID(ofRegion: region), let partition = ConsolePartition(rawValue: id) else { return nil }
        self = partition
    }

    /// botocore's partition id for a region name (`us-gov-west-1` -> `aws-us-gov`), from the
    /// shapes its partitions.json gives each partition: `PREFIX-WORD-DIGITS`.
    static func partitionID(ofRegion region: String) -> String? {
        let parts = region.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let number = parts.last, !number.isEmpty, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              parts.dropLast().allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isWordByte) })
        else { return nil }
        switch (parts.count, parts[0], parts[1]) {
        case (4, "us", "gov"): return "aws-us-gov"
        case (4, "us", "iso"): return "aws-iso"
        case (4, "us", "isob"): return "aws-iso-b"
        case (4, "us", "isof"): return "aws-iso-f"
        case (4, "eu", "isoe"): return "aws-iso-e"
        case (4, "eusc", "de"): return "aws-eusc"
        case (3, "cn", _): return "aws-cn"
        case (3, let first, _) where ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"].contains(first): return "aws"
        default: return nil
        }
    }

    /// `\w` in an ASCII region name: letters, digits, underscore.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_")
    }

    /// The partitions by name, for messages.
    static var known: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
