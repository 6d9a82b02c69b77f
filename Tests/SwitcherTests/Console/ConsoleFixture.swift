import Foundation
import ProfileIndex
import ShellHooks
@testable import Switcher
import Testing
import TestSupport

/// A temporary HOME whose AWS config is `config` (and credentials file `credentials`), with a
/// `bin` folder for fake browsers; `sw` runs in-process at TestClock.now with the index cache off.
struct ConsoleFixture {
    let folder: TemporaryHome
    var bin: URL { folder.url("bin") }

    init(config: String, credentials: String? = nil) throws {
        folder = try TemporaryHome("sw-console")
        try folder.write(config, to: ".aws/config")
        if let credentials { try folder.write(credentials, to: ".aws/credentials") }
        try folder.createDirectory("bin")
    }

    /// A display and no SSH session: a browser may be opened. PATH holds only the fixture's bin.
    var environment: [String: String] {
        ["HOME": folder.root.path, "SW_INDEX_CACHE": "off", "PATH": bin.path, "DISPLAY": ":0"]
    }

    /// An executable named `name` in bin that does nothing.
    func addProgram(_ name: String) throws {
        try folder.writeExecutable("#!/bin/sh\nexit 0\n", to: "bin/\(name)")
    }

    func sw(_ arguments: [String], environment: [String: String]? = nil, processes: any ProcessRunner = UnprovidedProcesses()) -> SwRun {
        InProcess.sw(arguments, environment: environment ?? self.environment, processes: processes)
    }

    /// One profile of each kind sw console handles or refuses.
    static let config = """
        [sso-session corp]
        sso_start_url = https://d-123.awsapps.com/start
        sso_region = us-east-1

        [profile dev]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = Admin

        [profile old]
        sso_start_url = https://legacy.awsapps.com/start#/
        sso_region = us-east-1
        sso_account_id = 333333333333
        sso_role_name = ReadOnly

        [profile base]
        region = us-east-1

        [profile deploy]
        role_arn = arn:aws:iam::666666666666:role/Deployer
        source_profile = base

        [profile keys]
        aws_access_key_id = AKIAEXAMPLE
        aws_secret_access_key = SECRET-STATIC-KEY

        [profile tool]
        credential_process = /opt/tool/creds --profile tool

        [profile web]
        role_arn = arn:aws:iam::666666666666:role/Web
        web_identity_token_file = /var/run/token

        [profile settings-only]
        region = eu-west-1

        [profile broken]
        role_arn = arn:aws:iam::666666666666:role/Nowhere
        """
}

/// Records the programs sw starts detached (a browser), and fails every other kind of start.
final class RecordingBrowser: ProcessRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(program: String, arguments: [String])] = []
    let failure: Int32?

    init(failure: Int32? = nil) { self.failure = failure }

    var started: [(program: String, arguments: [String])] { lock.withLock { calls } }

    func startDetached(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        lock.withLock { calls.append((executable, arguments)) }
        if let failure { throw FileError(code: failure) }
    }

    func runOnTerminal(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessOutcome {
        Issue.record("sw console ran \(executable) on the terminal"); throw UnprovidedProcesses.NotStarted()
    }

    func capture(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CapturedOutput {
        Issue.record("sw console captured \(executable)"); throw UnprovidedProcesses.NotStarted()
    }

    func replaceProcess(_ program: String, _ arguments: [String], environment: [String: String],
                        applying change: EnvironmentChange) throws -> Never {
        Issue.record("sw console replaced itself with \(program)"); throw UnprovidedProcesses.NotStarted()
    }
}
