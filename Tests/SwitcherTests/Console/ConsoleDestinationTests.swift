@testable import Switcher
import Testing

@Suite("--destination accepts AWS console pages only")
struct ConsoleDestinationTests {
    @Test("console hosts of the three partitions, their regional and service hosts, any case, with the standard port",
          arguments: [
              ("https://console.aws.amazon.com/s3/home", ConsolePartition.aws, "https://console.aws.amazon.com/s3/home"),
              ("https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Instances:", .aws,
               "https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Instances:"),
              ("https://s3.console.aws.amazon.com/s3/buckets/my-bucket", .aws, "https://s3.console.aws.amazon.com/s3/buckets/my-bucket"),
              ("HTTPS://EU-WEST-1.Console.AWS.Amazon.com/Lambda", .aws, "https://eu-west-1.console.aws.amazon.com/Lambda"),
              ("https://console.aws.amazon.com:443/iam/", .aws, "https://console.aws.amazon.com/iam/"),
              ("https://console.aws.amazon.com", .aws, "https://console.aws.amazon.com"),
              ("https://console.amazonaws-us-gov.com/s3", .awsUSGov, "https://console.amazonaws-us-gov.com/s3"),
              ("https://us-gov-west-1.console.amazonaws-us-gov.com/ec2", .awsUSGov, "https://us-gov-west-1.console.amazonaws-us-gov.com/ec2"),
              ("https://console.amazonaws.cn/s3", .awsCN, "https://console.amazonaws.cn/s3"),
              ("https://cn-north-1.console.amazonaws.cn/ec2", .awsCN, "https://cn-north-1.console.amazonaws.cn/ec2"),
          ])
    func accepted(text: String, partition: ConsolePartition, normalised: String) throws {
        // GIVEN a console URL WHEN it is checked THEN it is accepted, in its partition, host in lower case
        let destination = try ConsoleDestination.parse(text).get()
        #expect(destination.partition == partition)
        #expect(destination.text == normalised)
    }

    @Test("anything but an https page on a console host is refused, with the reason and without repeating the value",
          arguments: [
              ("http://console.aws.amazon.com/s3", "does not start with https://"),
              ("https:/console.aws.amazon.com/s3", "does not start with https://"),
              ("javascript:alert(1)", "does not start with https://"),
              ("//console.aws.amazon.com/s3", "does not start with https://"),
              ("https://evil.example/", "evil.example is not an AWS console host"),
              ("https://console.aws.amazon.com.evil.example/s3", "is not an AWS console host"),
              ("https://evil.example/console.aws.amazon.com", "evil.example is not an AWS console host"),
              ("https://evil.example?https://console.aws.amazon.com", "evil.example is not an AWS console host"),
              ("https://evil.example#https://console.aws.amazon.com", "evil.example is not an AWS console host"),
              ("https://notconsole.aws.amazon.com/", "is not an AWS console host"),
              ("https://aws.amazon.com/console/", "is not an AWS console host"),
              ("https://signin.aws.amazon.com/federation", "is not an AWS console host"),
              ("https://console.aws.amazon.com@evil.example/", "user name before the host"),
              ("https://user:pass@console.aws.amazon.com/", "user name before the host"),
              ("https://console.aws.amazon.com\\@evil.example/", "backslash"),
              ("https://console.aws.amazon.com:8443/s3", "port (:8443)"),
              ("https://console.aws.amazon.com:443@evil.example/", "user name before the host"),
              ("https://console.aws.amazon.com./s3", "not a plain host name"),
              ("https://console%2Eaws.amazon.com/s3", "not a plain host name"),
              ("https://c\u{043E}nsole.aws.amazon.com/s3", "not a plain host name"),
              ("https://[::1]/", "not a plain host name"),
              ("https://127.0.0.1/", "is not an AWS console host"),
              ("https:///s3", "no host name"),
              ("https://console.aws.amazon.com/s3\nSet-Cookie: x", "control character"),
              ("https://console.aws.amazon.com/\ts3", "control character"),
          ])
    func refused(text: String, reason: String) throws {
        // GIVEN a value that is not a console page WHEN it is checked THEN it is refused with why
        guard case .failure(let refusal) = ConsoleDestination.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(refusal.reason.contains(reason), "\(refusal.reason)")
        #expect(refusal.message.hasPrefix("--destination is refused: "))
        #expect(!refusal.message.contains(text), "the message repeats the value")
    }

    @Test("a name under a console domain is that console's only when it ends in the domain at a dot")
    func domainBoundary() throws {
        // GIVEN hosts that merely end in the console's name WHEN checked THEN only real subdomains pass
        let evil = try HTTPSAddress.parse("https://xconsole.aws.amazon.com/").get()
        #expect(!evil.isHost(inDomain: "console.aws.amazon.com"))
        let regional = try HTTPSAddress.parse("https://ap-south-1.console.aws.amazon.com/").get()
        #expect(regional.isHost(inDomain: "console.aws.amazon.com"))
    }
}

@Suite("query values are percent-encoded strictly")
struct QueryEncodingTests {
    @Test("only unreserved characters stay; role-name punctuation, URL delimiters, spaces and non-ASCII are encoded")
    func strict() {
        // GIVEN values with every kind of character WHEN encoded THEN only A-Z a-z 0-9 - . _ ~ remain
        #expect(QueryEncoding.encode("Admin-Role_1.x~") == "Admin-Role_1.x~")
        #expect(QueryEncoding.encode("a+b=c,d@e") == "a%2Bb%3Dc%2Cd%40e")
        #expect(QueryEncoding.encode("team/deploy") == "team%2Fdeploy")
        #expect(QueryEncoding.encode("https://x/?a=1&b=2#top") == "https%3A%2F%2Fx%2F%3Fa%3D1%26b%3D2%23top")
        #expect(QueryEncoding.encode("50% off") == "50%25%20off")
        #expect(QueryEncoding.encode("Zürich ☁") == "Z%C3%BCrich%20%E2%98%81")
    }
}

@Suite("region names map to partitions as botocore's partitions.json says")
struct ConsolePartitionTests {
    @Test("commercial, GovCloud and China regions have console hosts; isolated and sovereign ones do not",
          arguments: [
              ("us-east-1", "aws"), ("eu-west-1", "aws"), ("ap-southeast-5", "aws"), ("il-central-1", "aws"), ("mx-central-1", "aws"),
              ("us-gov-west-1", "aws-us-gov"), ("cn-north-1", "aws-cn"), ("cn-northwest-1", "aws-cn"),
              ("us-iso-east-1", "aws-iso"), ("us-isob-east-1", "aws-iso-b"), ("us-isof-south-1", "aws-iso-f"),
              ("eu-isoe-west-1", "aws-iso-e"), ("eusc-de-east-1", "aws-eusc"),
          ])
    func partitions(region: String, partition: String) {
        // GIVEN a region name WHEN its partition is looked up THEN it is botocore's
        #expect(ConsolePartition.partitionID(ofRegion: region) == partition)
        #expect(ConsolePartition(region: region)?.rawValue == (["aws", "aws-us-gov", "aws-cn"].contains(partition) ? partition : nil))
    }

    @Test("strings that are no region name have no partition", arguments: ["", "global", "us-east", "us-east-1a", "xx-east-1", "us east 1"])
    func notRegions(text: String) {
        #expect(ConsolePartition.partitionID(ofRegion: text) == nil)
    }
}
