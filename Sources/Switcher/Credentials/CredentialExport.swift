import ProfileIndex
import ShellHooks

/// Asks the AWS CLI v2 for a profile's credentials: `aws configure export-credentials --profile P
/// --format process`. The CLI resolves them as botocore does (SSO, refreshed tokens, role chains,
/// `credential_process`), so sw never reimplements a provider.
enum CredentialExport {
    static let purpose = "aws configure export-credentials"
    /// The release that added `aws configure export-credentials`.
    static let firstRelease = AWSCLIVersion(2, 9, 0)

    static func arguments(profile: String) -> [String] {
        ["configure", "export-credentials", "--profile", profile, "--format", "process"]
    }

    /// The CLI's environment: sw's own, without AWS_PROFILE and AWS_DEFAULT_PROFILE (`--profile`
    /// names the profile; a stale one, e.g. the profile `sw use --export` switches away from,
    /// must not reach a `credential_process` the profile runs). Credential variables stay: for a
    /// profile named with `--profile` botocore leaves them out of its chain, except where the
    /// profile asks for them (`credential_source = Environment`), and there they are what the
    /// user means.
    static func childEnvironment(_ environment: [String: String]) -> [String: String] {
        var child = environment
        child["AWS_PROFILE"] = nil
        child["AWS_DEFAULT_PROFILE"] = nil
        return child
    }

    /// The profile's credentials, or a SwitcherError that holds none of them: no AWS CLI (127),
    /// v1, a v2 older than 2.9.0, a failed export (the CLI's own message on stderr, its exit
    /// code), output that is not credentials (not echoed).
    static func run(profile: String, _ context: Context) throws -> ExportedCredentials {
        let environment = childEnvironment(context.environment)
        let aws = try AWSCLI.locate(for: purpose, in: context, environment: environment)
        if !aws.has(firstRelease), let version = aws.version {
            throw SwitcherError("\(aws.path) is AWS CLI \(version), which has no `\(purpose)` (it came in \(firstRelease)); update the AWS CLI v2: \(AWSCLI.installURL)")
        }
        let arguments = arguments(profile: profile)
        let shown = ShellQuoting.display(command: ["aws"] + arguments)
        let output: CapturedOutput
        do {
            output = try context.processes.capture(aws.path, arguments, environment: environment)
        } catch {
            throw SwitcherError("could not run \(aws.path): \(error)")
        }
        // The CLI's messages ("Unable to retrieve credentials: …", botocore's errors) name
        // profiles, files and sessions, never a credential: they go to stderr as they are.
        if !output.standardError.isEmpty {
            context.stderr.write(output.standardError.hasSuffix("\n") ? output.standardError : output.standardError + "\n")
        }
        switch output.outcome {
        case .exited(0):
            break
        case .exited(let code):
            throw SwitcherError("\(shown) failed with exit code \(code) (its message is above); nothing was exported", exitCode: code)
        case .signaled(let signal):
            throw SwitcherError("\(shown) was ended by signal \(signal); nothing was exported", exitCode: 128 + signal)
        }
        do {
            return try ExportedCredentials(processOutput: output.standardOutput)
        } catch {
            throw SwitcherError("\(shown) printed something sw cannot read as credentials: \(error.reason) (not shown: it may hold secrets); check that \(aws.path) is the AWS CLI v2")
        }
    }
}
