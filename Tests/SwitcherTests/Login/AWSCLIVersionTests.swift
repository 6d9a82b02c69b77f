@testable import Switcher
import Testing

@Suite("the AWS CLI's version and whether a browser is in reach")
struct AWSCLIVersionTests {
    @Test("aws --version output gives the release, compared part by part", arguments: [
        ("aws-cli/2.22.0 Python/3.12.6 Linux/6.1.0 exe/x86_64.debian.12", "2.22.0"),
        ("aws-cli/2.9.19 Python/3.9.11 Darwin/22.3.0 source/arm64 prompt/off\n", "2.9.19"),
        ("aws-cli/1.18.69 Python/3.8.10 Linux/5.4.0 botocore/1.16.19", "1.18.69"),
        ("warning: something\naws-cli/2.32 Python/3.13", "2.32.0"),
    ])
    func parsesVersions(output: String, expected: String) throws {
        #expect(try #require(AWSCLIVersion(versionOutput: output)).description == expected)
    }

    @Test("output without aws-cli/ has no version")
    func noVersion() {
        #expect(AWSCLIVersion(versionOutput: "command not found") == nil)
        #expect(AWSCLIVersion(versionOutput: "aws-cli/x.y") == nil)
    }

    @Test("2.9.19 is older than 2.22.0 (numeric, not text, order)")
    func numericOrder() {
        #expect(AWSCLIVersion(2, 9, 19) < AWSCLIVersion(2, 22, 0))
        #expect(AWSCLIVersion(2, 22, 0) >= AWSCLIVersion(2, 22, 0))
        #expect(!(AWSCLIVersion(2, 32, 0) < AWSCLIVersion(2, 22, 1)))
        #expect(AWSCLI(path: "aws", version: nil).has(AWSCLIVersion(2, 22, 0)), "an unreadable version gets the benefit of the doubt")
        #expect(!AWSCLI(path: "aws", version: AWSCLIVersion(2, 21, 9)).has(AWSCLIVersion(2, 22, 0)))
    }

    @Test("SSH_CONNECTION or SSH_TTY make a session remote; on Linux no DISPLAY nor WAYLAND_DISPLAY means no display")
    func browserReach() {
        #expect(BrowserReach(environment: ["SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22", "DISPLAY": ":0"]) == .remote(variable: "SSH_CONNECTION"))
        #expect(BrowserReach(environment: ["SSH_TTY": "/dev/pts/3", "WAYLAND_DISPLAY": "wayland-0"]) == .remote(variable: "SSH_TTY"))
        #expect(BrowserReach(environment: ["SSH_TTY": "", "DISPLAY": ":0"]) == .local, "an empty variable is not set")
        #expect(BrowserReach(environment: ["WAYLAND_DISPLAY": "wayland-0"]) == .local)
        #if os(Linux)
        #expect(BrowserReach(environment: [:]) == .noDisplay)
        #expect(BrowserReach(environment: ["DISPLAY": ""]) == .noDisplay)
        #endif
    }
}
