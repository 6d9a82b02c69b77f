import Foundation
import ProfileIndex
import Testing
import TestSupport

private let corp = LoginKey.session("corp")
private let deviceLogin = "sso login --sso-session corp --use-device-code"
private let browserLogin = "sso login --sso-session corp"

/// The fake aws of `version`, writing a token for both the device-code and the browser login of corp.
private func fixture(version: String = "aws-cli/2.22.0 Python/3.12.6 Linux/6.1 exe/x86_64") throws -> LoginFixture {
    let f = try LoginFixture()
    try f.installFakeAWS(version: version, writesToken: [corp: deviceLogin])
    f.aws.alsoWritesToken(corp, for: browserLogin, in: f)
    return f
}

private func withSwConfig(_ f: LoginFixture, _ text: String) throws -> [String: String] {
    try f.folder.write(text, to: "sw-config.ini")
    return ["SW_CONFIG": f.folder.path("sw-config.ini")]
}

// LoginFixture's environment is a desktop session (DISPLAY=:0, no SSH); each test says what differs.
@Suite("logins use the device code flow on remote sessions, when asked, and only where the AWS CLI has it")
struct DeviceCodeTests {
    @Test("by default (auto) a remote or display-less session logs in with --use-device-code and says why", arguments: [
        (["SSH_CONNECTION": "203.0.113.9 50000 10.0.0.2 22"], "this is an SSH session (SSH_CONNECTION is set)"),
        (["SSH_TTY": "/dev/pts/4"], "this is an SSH session (SSH_TTY is set)"),
        (["DISPLAY": ""], "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"),
    ])
    func autoOnRemoteSessions(environment: [String: String], reason: String) throws {
        // GIVEN an AWS CLI that has the flag, and a session out of a browser's reach
        let f = try fixture()
        // WHEN sw logs in
        let r = f.sw(["login", "dev"], environment)
        // THEN aws gets --use-device-code, and stderr says why and how to turn it off
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.loginCalls == [deviceLogin])
        #expect(r.stderr.contains("sw: using the device code flow, since \(reason) (--no-device-code or [login] device_code = never to open a browser here)\n"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(!r.leaksSecret)
    }

    @Test("a desktop session (DISPLAY or WAYLAND_DISPLAY, no SSH) keeps aws sso login's own flow, without a note", arguments: [
        ["DISPLAY": ":0"], ["DISPLAY": "", "WAYLAND_DISPLAY": "wayland-0"],
    ])
    func desktopKeepsDefault(environment: [String: String]) throws {
        let f = try fixture()
        let r = f.sw(["login", "dev"], environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.loginCalls == [browserLogin])
        #expect(!r.stderr.contains("device code"), "\(r.stderr)")
    }

    @Test("--device-code and --no-device-code win over the session and over sw's config")
    func flagsWin() throws {
        let f = try fixture()
        let never = try withSwConfig(f, "[login]\ndevice_code = never\n")
        // WHEN asked for on a desktop with device_code = never in sw's config
        let asked = f.sw(["login", "dev", "--device-code"], never)
        #expect(asked.status == 0, "\(asked.stderr)")
        // WHEN turned off on an SSH session
        let off = f.sw(["login", "dev", "--no-device-code", "--force"], ["SSH_TTY": "/dev/pts/4"])
        #expect(off.status == 0, "\(off.stderr)")
        // THEN each flag decided, and no note explains a choice the user made
        #expect(f.loginCalls == [deviceLogin, browserLogin])
        #expect(!asked.stderr.contains("using the device code flow"))
        #expect(!off.stderr.contains("device code"), "\(off.stderr)")
    }

    @Test("[login] device_code = always and never in sw's config decide when no flag does")
    func configDecides() throws {
        let f = try fixture()
        let always = f.sw(["login", "dev"], try withSwConfig(f, "[login]\ndevice_code = always\n"))
        #expect(always.status == 0, "\(always.stderr)")
        let never = f.sw(["login", "dev", "--force"], try withSwConfig(f, "[login]\ndevice_code = never\n").merging(["SSH_CONNECTION": "198.51.100.1 1 10.0.0.2 22"]) { $1 })
        #expect(never.status == 0, "\(never.stderr)")
        #expect(f.loginCalls == [deviceLogin, browserLogin])
    }

    @Test("an AWS CLI older than 2.22.0 gets no --use-device-code: sw says it has none and that its login uses the device code flow anyway")
    func olderCLIHasNoFlag() throws {
        // GIVEN AWS CLI 2.21.3 (Debian's packages ship older v2 releases still)
        let f = try fixture(version: "aws-cli/2.21.3 Python/3.12.6 Linux/6.1 exe/x86_64")
        // WHEN sw logs in on an SSH session
        let r = f.sw(["login", "dev"], ["SSH_TTY": "/dev/pts/4"])
        // THEN aws sso login runs without the flag it would refuse, and stderr says why
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.loginCalls == [browserLogin])
        #expect(r.stderr.contains("sw: AWS CLI 2.21.3 cannot take --use-device-code (added in 2.22.0); its aws sso login uses the device code flow anyway\n"), "\(r.stderr)")
    }

    @Test("--no-device-code with an AWS CLI older than 2.22.0 says it cannot be turned off there")
    func olderCLICannotTurnItOff() throws {
        let f = try fixture(version: "aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12")
        let r = f.sw(["login", "dev", "--no-device-code"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.loginCalls == [browserLogin])
        #expect(r.stderr.contains("sw: AWS CLI 2.9.19 has only the device code flow (the browser callback flow came in 2.22.0), so sw cannot turn it off\n"), "\(r.stderr)")
    }

    @Test("--no-browser passes through to aws sso login")
    func noBrowserPassesThrough() throws {
        let f = try LoginFixture()
        try f.installFakeAWS(writesToken: [corp: "sso login --sso-session corp --no-browser"])
        let r = f.sw(["login", "dev", "--no-browser"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.loginCalls == ["sso login --sso-session corp --no-browser"])
    }

    @Test("sw use --login chooses the flow as sw login does, and still prints only the eval code on stdout")
    func useLoginChoosesTheFlow() throws {
        let f = try fixture()
        let r = f.sw(["use", "--login", "--shell", "bash", "dev"], ["SSH_CONNECTION": "203.0.113.9 50000 10.0.0.2 22"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(f.loginCalls == [deviceLogin])
        #expect(r.stdout.contains("export AWS_PROFILE='dev'"), "\(r.stdout)")
        #expect(!r.stdout.contains("device"))
    }

    @Test("--dry-run on an SSH session shows the device-code flag the login would get, asking only aws --version")
    func dryRunShowsTheFlag() throws {
        let f = try fixture()
        let r = f.sw(["login", "--dry-run", "dev"], ["SSH_TTY": "/dev/pts/4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("would run: aws sso login --sso-session corp --use-device-code"), "\(r.stderr)")
        #expect(f.calls.map { $0.split(separator: " ").first ?? "" } == ["--version"])
    }
}
