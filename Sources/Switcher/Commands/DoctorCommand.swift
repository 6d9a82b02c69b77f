import ArgumentParser
import ProfileIndex

extension SwitcherCommand {
    struct Doctor: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Find what is broken in your AWS setup, predict the error the AWS CLI would show, and say how to fix it.",
            discussion: "Exits 1 when there is at least one error, 0 otherwise.")

        @Argument(help: "Check only what this profile depends on (its source_profile chain, sso-session, token).",
                  completion: ProfileNameCompletion.kind)
        var name: String?

        @Flag(help: "Print a JSON array of findings (keys: fix, file, id, line, message, predicts, profile, session, severity).")
        var json = false

        func run(_ context: Context) throws {
            let paths = context.paths
            let index = Index.load(paths: paths, fileSystem: context.fileSystem)
            if let name, index.profile(named: name) == nil, !index.isRefusedByBotocore {
                throw SwitcherError.unknownProfile(name, in: index)
            }
            let usesSSO = name.map { index.profile(named: $0).flatMap(index.effectiveLoginKey(of:))?.renewal == .awsSSOLogin }
                ?? index.logins.keys.contains(where: { $0.renewal == .awsSSOLogin })
            let awsCLI = AWSCLIProbe.probe(in: context, needVersion: usesSSO)
            let facts = DoctorFacts.gather(
                environment: context.environment, now: context.now, paths: paths, awsCLI: awsCLI,
                shellIntegration: ShellSetup.integration(environment: context.environment, home: paths.home, fileSystem: context.fileSystem),
                swConfig: SwConfig.load(environment: context.environment, fileSystem: context.fileSystem),
                workingDirectory: context.workingDirectory, fileSystem: context.fileSystem)
            let findings = ProfileIndex.Doctor.diagnose(index, facts: facts, profile: name)
            if json {
                var writer = context.jsonWriter()
                DoctorReport.json(findings, into: &writer)
                context.stdout.write(writer)
            } else {
                let scope = name.map { "profile \($0)" } ?? "\(index.profiles.count) profile\(index.profiles.count == 1 ? "" : "s"), \(index.ssoSessions.count) sso-session\(index.ssoSessions.count == 1 ? "" : "s")"
                context.stdout.write(DoctorReport.human(findings, scope: scope, color: context.colorStdout))
            }
            if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }
    }
}
