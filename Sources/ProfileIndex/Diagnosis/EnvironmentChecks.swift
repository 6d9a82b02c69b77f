/// What lies outside the AWS files: the AWS variables of this shell, sw's shell function, and
/// the AWS CLI on PATH.
extension Doctor {
    mutating func environmentChecks() {
        let env = facts.environment
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        let configUsable = !index.isRefusedByBotocore
        for variable in ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"] {
            guard configUsable, let name = value(variable), index.profile(named: name) == nil else { continue }
            let who = variable == "AWS_PROFILE" ? "the AWS CLI v2 and most SDKs" : "boto3 and the AWS CLI v1 (it wins over AWS_PROFILE there)"
            let close = index.profiles.map(\.name).min { editDistance($0, name) < editDistance($1, name) }
            add(Problem(.envProfileUnknown, .error, at: nil, profile: name,
                        "\(variable)=\(name), but no profile has that name in \(index.config.path) or \(index.credentials.path); \(who) fail",
                        predicts: "The config profile (\(name)) could not be found",
                        fix: close.map { Fix.command(["sw", "use", .value($0)]) + Fix("   (or: ") + Fix.command(["unset", .value(variable)]) + Fix(")") }
                            ?? Fix.command(["unset", .value(variable)])))
        }
        if let a = value("AWS_PROFILE"), let d = value("AWS_DEFAULT_PROFILE"), a != d {
            add(Problem(.envProfilesDisagree, .warning, at: nil, profile: a,
                        "AWS_PROFILE=\(a) but AWS_DEFAULT_PROFILE=\(d): the AWS CLI v2 uses \(a), boto3 and the AWS CLI v1 use \(d)",
                        fix: Fix([.export(name: "AWS_DEFAULT_PROFILE", value: .value(a)), .prose("   (or: "), .command(["unset", "AWS_DEFAULT_PROFILE"]),
                                  .prose("; sw use sets both)")])))
        }
        let credentialVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"].filter { value($0) != nil }
        if !credentialVariables.isEmpty, let chosen = value("AWS_PROFILE") ?? value("AWS_DEFAULT_PROFILE") {
            add(Problem(.envCredentialsOverride, .warning, at: nil, profile: chosen,
                        "\(credentialVariables.joined(separator: ", ")) \(credentialVariables.count == 1 ? "is" : "are") set: every AWS tool uses \(credentialVariables.count == 1 ? "it" : "them") instead of profile \(chosen), silently (only --profile on the command line beats them)",
                        fix: .command(["unset"] + credentialVariables.map(Fix.Word.value))))
        }
        let region = value("AWS_REGION"), defaultRegion = value("AWS_DEFAULT_REGION")
        if let region, let defaultRegion, region != defaultRegion {
            add(Problem(.envRegionsDisagree, .warning, at: nil,
                        "AWS_REGION=\(region) but AWS_DEFAULT_REGION=\(defaultRegion): the AWS CLI v2 and the Go/JS SDKs use \(region), boto3 and the AWS CLI v1 use \(defaultRegion)",
                        fix: Fix([.export(name: "AWS_DEFAULT_REGION", value: .value(region))])))
        }
        for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            guard let r = value(variable), !Regions.isKnown(r) else { continue }
            let suggestion = Regions.suggestion(for: r)
            add(Problem(.envRegionUnknown, .warning, at: nil,
                        "\(variable)=\(r) is not an AWS region\(suggestion.map { " (did you mean \($0)?)" } ?? "")",
                        fix: Fix([.export(name: variable, value: suggestion.map(Fix.Word.value) ?? .placeholder("<region>"))])))
        }
        for (variable, file) in [("AWS_CONFIG_FILE", index.config), ("AWS_SHARED_CREDENTIALS_FILE", index.credentials)] {
            guard let raw = value(variable), file.state == .missing else { continue }
            add(Problem(.envFileMissing, .warning, at: nil,
                        "\(variable)=\(raw) names \(file.path), which does not exist: the AWS tools see no \(variable == "AWS_CONFIG_FILE" ? "config" : "credentials") file at all",
                        fix: Fix.command(["unset", .value(variable)]) + Fix("   (or create \(file.path))")))
        }
        switch facts.shellIntegration {
        case .active, .configured: break
        case .missing(let shell, let rcFile):
            let line: Fix
            if let shell, let rcFile {
                line = Fix([.appendLine(shell == "fish" ? "sw init fish | source" : "eval \"$(sw init \(shell))\"", file: rcFile)])
            } else {
                line = "add eval \"$(sw init bash)\" (or zsh; fish: sw init fish | source) to your shell's rc file"
            }
            add(Problem(.shellIntegrationMissing, .info, at: nil,
                        "the sw shell function is not set up\(rcFile.map { " in \($0)" } ?? ""), so sw use and sw pick cannot change your shell's variables",
                        fix: line))
        }
    }

    mutating func toolChecks() {
        // Only SSO profiles need aws sso login (temporary keys are renewed by their tool; a login
        // session's aws login is checked where it is run, by sw login).
        let ssoProfiles = scope.filter { $0.loginKey?.renewal == .awsSSOLogin }
        guard !ssoProfiles.isEmpty else { return }
        switch facts.awsCLI {
        case .missing:
            add(Problem(.awsCLIMissing, .warning, at: nil,
                        "aws is not on PATH: \(ssoProfiles.count) SSO profile\(ssoProfiles.count == 1 ? "" : "s") need\(ssoProfiles.count == 1 ? "s" : "") aws sso login from the AWS CLI v2",
                        fix: "install the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"))
        case .version1(let version):
            add(Problem(.awsCLIVersion1, .warning, at: nil,
                        "aws is the AWS CLI v1 (\(version)), which has no aws sso login: \(ssoProfiles.count) SSO profile\(ssoProfiles.count == 1 ? "" : "s") cannot be logged in with it",
                        fix: "install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) ahead of v1 on PATH"))
        case .present, .version2:
            break
        }
    }
}
