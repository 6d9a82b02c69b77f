/// Each profile on its own: its source_profile chain, credential_process program, credentials,
/// region, and a name Teleport manages.
extension Doctor {
    mutating func profileChecks() {
        let env = facts.environment
        let defaultRegion = env["AWS_DEFAULT_REGION"].flatMap { $0.isEmpty ? nil : $0 }
        let cliRegion = env["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 }
        var reported: Set<String> = []
        for p in scope {
            if p.kind == .assumeRole, p.sourceProfile != nil {
                let chain = Doctor.botocoreChain(of: p.name, in: index)
                if let missing = chain.missing, reported.insert("missing:" + missing.parent).inserted {
                    let parent = index.profile(named: missing.parent)
                    let at = parent?.setting("source_profile")?.location ?? p.location
                    let close = index.profiles.map(\.name).filter { $0 != missing.parent }.min { editDistance($0, missing.name) < editDistance($1, missing.name) }
                    let setSource = Fix([.setKey(at: at, key: "source_profile", value: close ?? "<an existing profile>")])
                    add(Problem(.sourceProfileMissing, .error, at: at, profile: missing.parent,
                                "profile \(missing.parent) takes its credentials from source_profile \(missing.name), which does not exist\(missing.parent == p.name ? "" : " (profile \(p.name) depends on it)")",
                                predicts: "The source_profile \"\(missing.name)\" referenced in the profile \"\(missing.parent)\" does not exist.",
                                fix: parent.map { remedies.edit($0, key: "source_profile", setSource) } ?? setSource))
                }
                // Each profile on a loop has its own (botocore names where its walk closed the
                // loop); `sw doctor NAME` reports only NAME's.
                if let cycle = chain.cycle, focus == nil || focus == p.name {
                    let loop = chain.visited + [cycle]
                    add(Problem(.sourceProfileCycle, .error, at: p.setting("source_profile")?.location ?? p.location, profile: p.name,
                                "the source_profile chain of \(p.name) loops: \(loop.joined(separator: " -> "))\(loop.count == 2 && cycle == p.name ? " (a profile may name itself only when it has aws_access_key_id and aws_secret_access_key)" : "")",
                                predicts: "Infinite loop in credential configuration detected. Attempting to load from profile \(cycle) which has already been visited.",
                                fix: remedies.edit(index.profile(named: chain.visited.last ?? p.name) ?? p, key: "source_profile",
                                                   "point source_profile of \(chain.visited.last ?? p.name) at a profile with its own credentials")))
                }
            }
            if p.kind == .credentialProcess, let command = p["credential_process"] {
                let program = PythonText.shlexSplit(command)?.first ?? String(command.split(separator: " ").first ?? "")
                if !program.isEmpty && !facts.isRunnable(program) {
                    let at = p.setting("credential_process")?.location ?? p.location
                    add(Problem(.credentialProcessMissing, .error, at: at, profile: p.name,
                                "profile \(p.name) runs '\(program)' for credentials (credential_process), but \(program.contains("/") ? "that file is not an executable" : "it is not on PATH")",
                                predicts: "[Errno 2] No such file or directory: '\(program)'",
                                fix: Doctor.installHint(program)))
                }
            }
            if p.kind == .invalid, let invalid = p.credentialProblem {
                add(Problem(.credentialsInvalid, severity(forProfile: p.name), at: p.location, profile: p.name,
                            "profile \(p.name) cannot get credentials: \(invalid.problem)", predicts: invalid.botocore,
                            fix: "\(p.location): \(invalid.fix)"))
            }
            let usable = p.kind != .empty && p.kind != .noCredentials && p.kind != .invalid
            if usable && p.region == nil && defaultRegion == nil {
                let generated = p.origin == .teleportIdentityCenter ? " (tsh aws-profile writes no region)" : ""
                let overlay = facts.swConfig.region(for: p.name)
                if let cliRegion {
                    add(Problem(.regionMissing, .warning, at: p.location, profile: p.name,
                                "profile \(p.name) has no region\(generated) and only AWS_REGION=\(cliRegion) is set: the AWS CLI v2 works, but boto3 and the AWS CLI v1 read only AWS_DEFAULT_REGION",
                                predicts: "You must specify a region.", stage: .region,
                                fix: Fix([.export(name: "AWS_DEFAULT_REGION", value: .value(cliRegion)), .prose("\nor, to keep it: ")])
                                    + remedies.setRegion(of: p, evidence: RegionEvidence(region: cliRegion, source: "your AWS_REGION"))))
                } else if let overlay {
                    // sw use sets both variables from sw's config: only a shell that chose the profile
                    // without sw use lacks them.
                    if [env["AWS_PROFILE"], env["AWS_DEFAULT_PROFILE"]].contains(p.name) {
                        add(Problem(.regionMissing, .error, at: p.location, profile: p.name,
                                    "profile \(p.name) has no region\(generated); sw's config gives it \(overlay.value) (\(overlay.location)), but this shell was not switched with sw use, so neither AWS_REGION nor AWS_DEFAULT_REGION is set",
                                    predicts: "You must specify a region.", stage: .region,
                                    fix: .command(["sw", "use", .value(p.name)])))
                    }
                } else {
                    add(Problem(.regionMissing, severity(forProfile: p.name), at: p.location, profile: p.name,
                                "profile \(p.name) has no region\(generated), and neither AWS_REGION nor AWS_DEFAULT_REGION is set; a named profile never takes the region of [default]",
                                predicts: "You must specify a region.", stage: .region,
                                fix: remedies.setRegion(of: p, evidence: RegionEvidence.find(for: p, index: index, environment: env))))
                }
            }
            if let r = p.setting("region"), let v = r.value.string, !Regions.isKnown(v) {
                let suggestion = Regions.suggestion(for: v)
                // botocore.utils.validate_region_name refuses anything else before any call.
                let wellFormed = Doctor.isWellFormedRegionName(v)
                let evidence = suggestion.map { RegionEvidence(region: $0, source: "the region name nearest to '\(v)'") }
                    ?? RegionEvidence.find(for: p, index: index, environment: env)
                add(Problem(.regionUnknown, wellFormed ? .warning : severity(forProfile: p.name), at: r.location, profile: p.name,
                            "profile \(p.name) has region = '\(v)', which is not an AWS region\(suggestion.map { " (did you mean \($0)?)" } ?? "")",
                            predicts: wellFormed ? nil : "Provided region_name '\(v)' doesn't match a supported format.", stage: .region,
                            fix: remedies.setRegion(of: p, evidence: evidence, replacing: r.location)))
            }
            if p.name.hasPrefix("teleport-awsic-"), p.origin != .teleportIdentityCenter, p.location.file == index.config.path {
                add(Problem(.teleportNameUnmarked, .warning, at: p.location, profile: p.name,
                            "[profile \(p.name)] has a name Teleport manages but not Teleport's marker comment: the next tsh aws-profile refuses to run",
                            predicts: "section \"profile \(p.name)\" is not managed by Teleport, remove the section and try again", stage: .tool,
                            fix: "rename the section (e.g. [profile \(p.name.dropFirst("teleport-awsic-".count))]) or delete it and run tsh aws-profile"))
            }
        }
        for s in sessionsInScope where s.name.hasPrefix("teleport-") && s.origin != .teleportIdentityCenter
            && s.profiles.contains(where: { index.profile(named: $0)?.origin == .teleportIdentityCenter }) {
            add(Problem(.teleportNameUnmarked, .warning, at: s.location, session: s.name,
                        "[sso-session \(s.name)] is used by Teleport's profiles but lacks Teleport's marker comment: the next tsh aws-profile refuses to run",
                        predicts: "section \"sso-session \(s.name)\" is not managed by Teleport, remove the section and try again", stage: .tool,
                        fix: "delete [sso-session \(s.name)] (\(s.location)) and run tsh aws-profile again"))
        }
    }

    /// `^[a-zA-Z0-9](?:[a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?$`, botocore's region-name check.
    static func isWellFormedRegionName(_ v: String) -> Bool {
        let b = Array(v.utf8)
        func alnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        guard !b.isEmpty, b.count <= 63, alnum(b[0]), alnum(b[b.count - 1]) else { return false }
        return b.allSatisfy { alnum($0) || $0 == 0x2D }
    }

    static func installHint(_ program: String) -> Fix {
        let name = program.split(separator: "/").last.map(String.init) ?? program
        switch name {
        case "tsh": return "install Teleport's tsh (https://goteleport.com/download/) or add its folder to PATH"
        case "granted", "assumego": return "install granted (brew install common-fate/granted/granted; https://docs.commonfate.io/granted/getting-started) or add its folder to PATH"
        case "aws-sso": return "install aws-sso-cli (brew install aws-sso-cli; https://github.com/synfinatic/aws-sso-cli) or add its folder to PATH"
        case "aws-sso-util": return Fix.command(["pipx", "install", "aws-sso-util"]) + "   (or add its folder to PATH)"
        case "leapp": return Fix.command(["npm", "install", "-g", "@noovolari/leapp-cli"]) + "   (or add its folder to PATH)"
        default: return "install \(name) or fix the credential_process line"
        }
    }
}
