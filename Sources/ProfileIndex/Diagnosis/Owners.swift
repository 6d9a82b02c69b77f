/// Who rewrites a section of the AWS files, and so which change to it lasts, as the generators'
/// source code has it: a fix `sw doctor` proposes for a section must survive the owner's next
/// run, so every such fix is written by `Remedies`, which asks this.
public enum SectionOwner: String, Sendable, Hashable, CaseIterable {
    case user
    /// `tsh aws-profile`: rewrites the whole file, but keeps keys a user adds to its sections.
    case tshAWSProfile
    /// `tsh apps login`: refuses a section that has any key besides `credential_process`.
    case tshApps
    /// `granted sso populate`: deletes and recreates its sections on every run.
    case granted
    /// `aws-sso setup profiles`: regenerates its block wholesale from ~/.aws-sso/config.yaml.
    case awsSSOCli
    /// `aws-sso-util configure populate`: writes its profiles from its options.
    case awsSSOUtil
    /// Leapp: rewrites the files with js-ini.
    case leapp
    /// saml2aws, gimme-aws-creds: set their keys in a credentials-file section at each login.
    case saml2aws

    public init(_ origin: Origin) {
        switch origin {
        case .handWritten: self = .user
        case .teleportIdentityCenter: self = .tshAWSProfile
        case .teleportRolesAnywhere: self = .tshApps
        case .granted: self = .granted
        case .awsSSOCli: self = .awsSSOCli
        case .awsSSOUtil: self = .awsSSOUtil
        case .leapp: self = .leapp
        case .saml2aws: self = .saml2aws
        }
    }

    /// Whether the owner's next run keeps this change of `key` (an edit, an addition or a deletion):
    /// tsh aws-profile sets only its own keys on a section it finds (sso_session, sso_account_id,
    /// sso_role_name in a profile); the others write whole sections.
    public func keeps(changeOf key: String) -> Bool {
        switch self {
        case .user: return true
        case .tshAWSProfile: return !["sso_session", "sso_account_id", "sso_role_name"].contains(key)
        case .saml2aws: return !SectionOwner.temporaryKeyWriterKeys.contains(key)
        case .tshApps, .granted, .awsSSOCli, .awsSSOUtil, .leapp: return false
        }
    }

    /// What saml2aws (go-ini: the section's keys set one by one, pkg/awsconfig) and gimme-aws-creds
    /// (configparser: five keys set) write at every login; other keys of the section stay.
    /// saml2aws writes `region` only when its IdP account has one, so a change to it may not last.
    static let temporaryKeyWriterKeys: Set<String> = ["aws_access_key_id", "aws_secret_access_key", "aws_session_token",
                                                      "aws_security_token", "x_principal_arn", "x_security_token_expires", "region"]

    /// The tool, as the user would call it.
    public var tool: String {
        switch self {
        case .user: return "you"
        case .tshAWSProfile: return "tsh aws-profile"
        case .tshApps: return "tsh apps login"
        case .granted: return "granted sso populate"
        case .awsSSOCli: return "aws-sso setup profiles"
        case .awsSSOUtil: return "aws-sso-util configure populate"
        case .leapp: return "Leapp"
        case .saml2aws: return "saml2aws / gimme-aws-creds"
        }
    }

    /// Why an edit in this owner's section does not last: one sentence, true of the tool.
    public var whyNotHere: String {
        switch self {
        case .user: return ""
        case .tshAWSProfile: return "tsh aws-profile writes sso_session, sso_account_id and sso_role_name of its profiles, and sso_start_url and sso_region of its sso-session, on every run"
        case .tshApps: return "tsh apps login refuses a section with any key besides credential_process (\"section … contains other keys, remove the section and try again\")"
        case .granted: return "granted sso populate deletes and recreates its sections on every run, so a key added there is lost"
        case .awsSSOCli: return "aws-sso setup profiles regenerates everything between # BEGIN_AWS_SSO_CLI and # END_AWS_SSO_CLI from ~/.aws-sso/config.yaml"
        case .awsSSOUtil: return "aws-sso-util configure populate writes these profiles from its options, and its next run writes them again"
        case .leapp: return "Leapp rewrites the AWS files itself (js-ini), so an edit there does not stay as written"
        case .saml2aws: return "saml2aws and gimme-aws-creds write the keys, their expiry (and saml2aws the region it is configured with) into this credentials section at every login"
        }
    }
}

/// Where a region suggestion comes from: never a constant.
public struct RegionEvidence: Sendable, Hashable {
    public var region: String
    /// "the region of its source_profile base", "AWS_REGION", ...
    public var source: String

    /// The profile's source_profile chain, then the user's default region (`[default]`,
    /// `AWS_DEFAULT_REGION`, `AWS_REGION`), then its SSO region; nil when nothing says.
    static func find(for p: Profile, index: Index, environment: [String: String]) -> RegionEvidence? {
        for source in Doctor.botocoreChain(of: p.name, in: index).profiles.dropFirst() {
            if let r = source.region, Regions.isKnown(r) { return RegionEvidence(region: r, source: "the region of its source_profile \(source.name)") }
        }
        if p.name != "default", let r = index.profile(named: "default")?.region, Regions.isKnown(r) {
            return RegionEvidence(region: r, source: "the region of [default]")
        }
        for variable in ["AWS_DEFAULT_REGION", "AWS_REGION"] {
            if let r = environment[variable], Regions.isKnown(r) { return RegionEvidence(region: r, source: "your \(variable)") }
        }
        if let r = p.ssoRegion, Regions.isKnown(r) {
            return RegionEvidence(region: r, source: "its SSO region (sso_region), where your Identity Center lives")
        }
        return nil
    }

    static let unknownHint = "<region>: no region in its source_profile chain, [default], AWS_DEFAULT_REGION, AWS_REGION or its SSO settings; use the region your resources are in (the AWS console shows it top right)"
}

/// The one place that writes a fix touching a profile or sso-session: it knows the section's
/// owner and proposes only what that owner keeps, saying why in one sentence.
public struct Remedies: Sendable {
    let index: Index
    /// sw's own config file, for `[env GLOB]` overlays.
    let swConfigPath: String

    func owner(of p: Profile) -> SectionOwner { SectionOwner(p.origin) }
    func owner(of s: SSOSession) -> SectionOwner { SectionOwner(s.origin) }

    /// A glob for `[env GLOB]` that matches exactly this name (`*`, `?`, `[` quoted).
    static func literalGlob(_ name: String) -> String {
        var out = ""
        for c in name {
            if c == "*" || c == "?" || c == "[" { out += "[\(c)]" } else { out.append(c) }
        }
        return out
    }

    /// sw's overlay that gives `profile` a region when `sw use` switches to it: lines to paste,
    /// with where the region comes from as a comment line (INI has no comment after a value).
    func overlay(_ profile: Profile, evidence: RegionEvidence?) -> Fix {
        let why = evidence.map { "; \($0.region): \($0.source)" } ?? "; " + RegionEvidence.unknownHint
        return Fix([.addSwConfigSection(file: swConfigPath, header: "env \(Remedies.literalGlob(profile.name))",
                                        lines: [why, "AWS_REGION = \(evidence?.region ?? "<region>")"],
                                        effect: "sw use then sets AWS_REGION and AWS_DEFAULT_REGION")])
    }

    /// Give `p` a region (`replacing`: its present `region` line, when that value is wrong).
    func setRegion(of p: Profile, evidence: RegionEvidence?, replacing: SourceLocation? = nil) -> Fix {
        let region = evidence?.region ?? "<region>"
        let because = evidence.map { "   (\($0.region): \($0.source))" } ?? "\n" + RegionEvidence.unknownHint
        // In lines to paste, the reason is a comment line of its own.
        let commentLine = "; " + (evidence.map { "\($0.region): \($0.source)" } ?? RegionEvidence.unknownHint)
        let owner = owner(of: p)
        if let replacing, owner.keeps(changeOf: "region") {
            return Fix([.setKey(at: replacing, key: "region", value: region), .prose(because)])
        }
        switch owner {
        case .user:
            if p.location.file == index.credentials.path {
                return Fix([.addSection(file: index.config.path, header: "profile \(p.name)", lines: [commentLine, "region = \(region)"])])
            }
            return Fix([.addKey(key: "region", value: region, section: "profile \(p.name)", at: p.location), .prose(because)])
        case .tshAWSProfile:
            return Fix([.addKey(key: "region", value: region, section: "profile \(p.name)", at: p.location),
                        .prose(": tsh aws-profile keeps keys you add to its sections\(because)\nor, without touching the file, ")])
                + overlay(p, evidence: evidence)
        case .saml2aws:
            // botocore lays the credentials file's keys over the config file's (Session.full_config):
            // a wrong region there wins over any region in the config file, so it is fixed in place.
            // saml2aws writes `region` at login only when its IdP account has one (account.Region,
            // from ~/.saml2aws or --region); gimme-aws-creds never writes it.
            if let replacing, replacing.file == index.credentials.path {
                return Fix([.setKey(at: replacing, key: "region", value: region), .prose("\(because)\n(a region in \(index.config.path) does not count while this line is there: botocore lets the credentials file win; if saml2aws wrote it, correct region in ~/.saml2aws (or the --region you give it) too, or its next login writes it again)")])
            }
            // They write only the credentials file; botocore merges the config file's section in.
            return Fix([.addSection(file: index.config.path, header: "profile \(p.name)", lines: [commentLine, "region = \(region)"],
                                    note: "\(owner.tool) write only the credentials file, and botocore merges both")])
        case .awsSSOUtil:
            return overlay(p, evidence: evidence)
                + Fix("\nor run aws-sso-util configure populate again with --region \(region); not by hand in [profile \(p.name)]: \(owner.whyNotHere)")
        case .awsSSOCli:
            // Its profile template writes `region = ` from DefaultRegion (internal/awsconfig CONFIG_TEMPLATE).
            return overlay(p, evidence: evidence)
                + Fix("\nor set DefaultRegion: \(region) in ~/.aws-sso/config.yaml and run aws-sso setup profiles, which then writes region into its profiles; not by hand in [profile \(p.name)]: \(owner.whyNotHere)")
        case .tshApps, .granted, .leapp:
            return overlay(p, evidence: evidence) + Fix("\nnot in [profile \(p.name)]: \(owner.whyNotHere)")
        }
    }

    /// Change an SSO setting (`sso_region`, `sso_start_url`) where it is written: an sso-session,
    /// or a legacy profile. `value` nil: the right value is not known.
    func setSSO(_ key: String, to value: String?, at location: SourceLocation, session: SSOSession?, profile: Profile?,
                adding: Bool = false) -> Fix {
        let owner = session.map(owner(of:)) ?? profile.map(owner(of:)) ?? .user
        let shown = value ?? "<the region of your Identity Center instance>"
        let startURL = session?.startURL ?? profile?.ssoStartURL ?? "<start url>"
        switch owner {
        case .user:
            if adding {
                return Fix([.addKey(key: key, value: shown, section: session.map { "sso-session \($0.name)" } ?? "profile \(profile?.name ?? "")", at: location)])
            }
            return Fix([.setKey(at: location, key: key, value: shown)])
        case .tshAWSProfile:
            return "ask your Teleport admin to correct the \(key) of Teleport's AWS Identity Center integration (\(shown)), then run tsh aws-profile again: \(owner.whyNotHere), from the integration"
        case .granted:
            let region = key == "sso_region" ? shown : (session?.region ?? profile?.ssoRegion ?? "<sso region>")
            let url = key == "sso_start_url" ? shown : startURL
            return "granted sso populate --sso-region \(region) \(url)   (\(owner.whyNotHere))"
        case .awsSSOUtil:
            let flag = key == "sso_region" ? "--sso-region" : "--sso-start-url"
            return "run aws-sso-util configure populate again with \(flag) \(shown) (and your usual options): \(owner.whyNotHere)"
        case .awsSSOCli:
            let field = key == "sso_region" ? "SSORegion" : "StartUrl"
            return "set \(field): \(shown) for this SSO instance in ~/.aws-sso/config.yaml, then run aws-sso setup profiles: \(owner.whyNotHere)"
        case .leapp:
            return "correct the \(key == "sso_region" ? "region" : "portal URL") of this AWS IAM Identity Center integration in Leapp (\(shown)): \(owner.whyNotHere)"
        case .tshApps:
            return "delete the SSO keys from [profile \(profile?.name ?? "")]: \(owner.whyNotHere)"
        case .saml2aws:
            return "set \(key) = \(shown) in [profile \(profile?.name ?? "")] of \(index.config.path), a file saml2aws and gimme-aws-creds do not write"
        }
    }

    /// Any other change to a profile's key (`change` says what, for a user's section).
    func edit(_ p: Profile, key: String, _ change: Fix) -> Fix {
        let owner = owner(of: p)
        if owner.keeps(changeOf: key) { return change }
        return "\(regenerate(p)): \(owner.whyNotHere), so do not edit \(Remedies.header(of: p)) by hand"
    }

    /// Removing a key: done in place where the owner keeps that change, and for tsh apps login,
    /// which wants its section to hold nothing else; the generators that write whole sections are
    /// asked to write it again.
    func delete(_ p: Profile, key: String, _ change: Fix) -> Fix {
        let owner = owner(of: p)
        if owner.keeps(changeOf: key) || owner == .tshApps { return change }
        return "\(regenerate(p)): \(owner.whyNotHere)"
    }

    /// The section's header as it is written in its file: `[name]` in the credentials file.
    static func header(of p: Profile) -> String {
        p.credentialsLocation == p.location || p.name == "default" ? "[\(p.name)]" : "[profile \(p.name)]"
    }

    /// How the owner writes its sections again.
    func regenerate(_ p: Profile) -> String {
        switch owner(of: p) {
        case .user: return "edit [profile \(p.name)] (\(p.location))"
        case .tshAWSProfile: return "run tsh aws-profile again"
        case .tshApps:
            let app = p["credential_process"].flatMap { PythonText.shlexSplit($0)?.last } ?? "<app>"
            return "delete [profile \(p.name)] and run tsh apps login \(app) again"
        case .granted:
            return "run granted sso populate --sso-region \(p["granted_sso_region"] ?? p.ssoRegion ?? "<sso region>") \(p["granted_sso_start_url"] ?? p.ssoStartURL ?? "<start url>") again"
        case .awsSSOCli: return "correct ~/.aws-sso/config.yaml and run aws-sso setup profiles"
        case .awsSSOUtil: return "run aws-sso-util configure populate again with the right options"
        case .leapp: return "correct the session in Leapp"
        case .saml2aws: return "log in again with saml2aws login (or gimme-aws-creds)"
        }
    }
}
