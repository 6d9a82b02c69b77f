/// The AWS regions that exist, by partition (botocore 1.43's endpoints.json; a test keeps the two
/// in step), and what a start URL's host says about the SSO region.
public enum Regions {
    public static let byPartition: [(partition: String, regions: [String])] = [
        ("aws", [
            "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
            "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",
            "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
            "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
            "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        ]),
        ("aws-cn", ["cn-north-1", "cn-northwest-1"]),
        ("aws-us-gov", ["us-gov-east-1", "us-gov-west-1"]),
        ("aws-iso", ["us-iso-east-1", "us-iso-west-1"]),
        ("aws-iso-b", ["us-isob-east-1", "us-isob-west-1"]),
        ("aws-iso-e", ["eu-isoe-west-1"]),
        ("aws-iso-f", ["us-isof-east-1", "us-isof-south-1"]),
        ("aws-eusc", ["eusc-de-east-1"]),
    ]

    public static let all: Set<String> = Set(byPartition.flatMap(\.regions))

    public static func isKnown(_ region: String) -> Bool { all.contains(region) }

    public static func partition(of region: String) -> String? {
        byPartition.first { $0.regions.contains(region) }?.partition
    }

    /// The nearest real region for a misspelt one (`us-east1`, `US-EAST-1`, `us-east-1 `), or nil.
    public static func suggestion(for text: String) -> String? {
        let cleaned = String(PythonText.strip(Substring(text))).lowercased()
        if all.contains(cleaned) { return cleaned }
        var best: (String, Int)?
        for region in all.sorted() {
            let d = editDistance(cleaned, region)
            if d <= 3, d < (best?.1 ?? .max) { best = (region, d) }
        }
        // `us-east-1 # comment`, `us-east-1,` and the like: a real region followed by junk.
        if best == nil, let prefix = all.filter({ cleaned.hasPrefix($0) }).max(by: { $0.count < $1.count }) {
            return prefix
        }
        return best?.0
    }

    /// What the start URL's host says about the Identity Center region: a regional portal host
    /// names its region; an awsapps host names only its partition.
    public enum HostRegion: Equatable, Sendable {
        /// `*.portal.<region>.app.aws`, `<id>.<region>.portal.amazonaws.com`: exactly this region.
        case exactly(String)
        /// GovCloud, China or commercial `awsapps.com`: any region of the partition.
        case partition(String)
    }

    public static func hostRegion(ofStartURL url: String) -> HostRegion? {
        guard let host = host(of: url) else { return nil }
        let labels = host.split(separator: ".").map(String.init)
        if host.hasSuffix(".app.aws"), let i = labels.firstIndex(of: "portal"), i + 1 < labels.count - 2 {
            return .exactly(labels[i + 1])
        }
        if host.hasSuffix(".portal.amazonaws.com"), labels.count >= 5 {
            return .exactly(labels[labels.count - 4])
        }
        if host.hasSuffix("us-gov-home.awsapps.com") { return .partition("aws-us-gov") }
        if host.hasSuffix(".awsapps.cn") { return .partition("aws-cn") }
        if host.hasSuffix(".awsapps.com") { return .partition("aws") }
        return nil
    }

    /// The lower-cased host of an `https://host/…` URL.
    static func host(of url: String) -> String? {
        let utf8 = Array(url.utf8)
        var start: Int?
        if utf8.count >= 3 {
            for i in 0..<(utf8.count - 2) where utf8[i] == 0x3A && utf8[i + 1] == 0x2F && utf8[i + 2] == 0x2F {
                start = i + 3
                break
            }
        }
        guard let start else { return nil }
        let rest = Substring(String(decoding: utf8[start...], as: UTF8.self))
        let end = rest.firstIndex { $0 == "/" || $0 == "#" || $0 == "?" || $0 == ":" } ?? rest.endIndex
        let host = rest[..<end].lowercased()
        return host.isEmpty ? nil : host
    }
}
