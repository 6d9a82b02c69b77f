/// Which tool wrote a section, by the marker that tool itself looks for, or by the names and keys
/// it writes when another tool (Leapp's js-ini, which drops every comment) or a hand edit took
/// the marker away; and what the files say about a profile's account.
///
/// What each generator writes and checks (from each tool's sources):
/// - `tsh aws-profile` marks each section with `; Do not edit. Section managed by Teleport (AWS
///   Identity Center integration).`, names them `[sso-session teleport-<x>]` and
///   `[profile teleport-awsic-<account name>-<role, lower case>]`, writes only `sso_session`,
///   `sso_account_id`, `sso_role_name` (sessions: `sso_start_url`, `sso_region`), and refuses to
///   run when a section of a name it writes lacks the marker.
/// - `tsh apps login` marks its section `; Do not edit. Section managed by Teleport.` (older:
///   `This section is managed by Teleport. Do not edit.`), whose only key is
///   `credential_process=tsh apps config …`, and refuses an unmarked section of that name.
/// - aws-sso-cli replaces the lines between `# BEGIN_AWS_SSO_CLI[_<SSO>]` and
///   `# END_AWS_SSO_CLI[_<SSO>]` and, when it finds no BEGIN line, appends a new block; each
///   profile's `credential_process = aws-sso -u <open> -S "<SSO>" process --arn <role ARN>`.
extension Builder {
    struct Recognition: Equatable {
        var origin: Origin
        var markersLost: Bool = false
    }

    static let teleportICMarker = "; Do not edit. Section managed by Teleport (AWS Identity Center integration)."
    static let teleportAppsMarker = "; Do not edit. Section managed by Teleport."

    static func recognise(_ entry: Entry) -> Recognition {
        if let marked = markedTeleport(entry) { return marked }
        let settings = entry.settings
        func get(_ key: String) -> String? { settings.first(where: { $0.key == key })?.value.string }
        if entry.inGrantedRegistry || get("common_fate_generated_from") != nil || get("granted_generated_from") != nil
            || get("granted_sso_start_url") != nil {
            return Recognition(origin: .granted)
        }
        if entry.inAWSSSOCliBlock { return Recognition(origin: .awsSSOCli) }
        if get("sso_auto_populated")?.lowercased() == "true" { return Recognition(origin: .awsSSOUtil) }
        if get("x_security_token_expires") != nil { return Recognition(origin: .saml2aws) }
        if let role = get("sso_role_name"), get("sso_account_id") != nil,
           get("sso_session")?.hasPrefix("teleport-") == true,
           teleportAccountName(profile: entry.name, role: role) != nil {
            return Recognition(origin: .teleportIdentityCenter, markersLost: true)
        }
        if let process = get("credential_process") {
            let words = commandWords(process)
            switch words.first.map(programName) ?? "" {
            case "granted", "assumego": return Recognition(origin: .granted)
            case "aws-sso-util": return Recognition(origin: .awsSSOUtil)
            case "aws-sso":
                // After a BEGIN whose END is gone (SW121) its markers are there, only broken.
                return Recognition(origin: .awsSSOCli, markersLost: awsSSOCliSSOName(words) != nil && !entry.afterOpenAWSSSOCliBegin)
            case "leapp": return Recognition(origin: .leapp)
            case "tsh":
                let generated = words.count > 2 && words[1] == "apps" && words[2] == "config" && settings.count == 1
                return Recognition(origin: .teleportRolesAnywhere, markersLost: generated)
            default: break
            }
        }
        return Recognition(origin: .handWritten)
    }

    /// An `[sso-session]` section: Teleport's by its marker, or by its name and both of the keys
    /// `tsh aws-profile` writes when the marker is gone.
    static func recogniseSession(_ entry: Entry) -> Recognition {
        if let marked = markedTeleport(entry) { return marked }
        let keys = Set(entry.settings.map(\.key))
        if entry.name.hasPrefix("teleport-"), keys.contains("sso_start_url"), keys.contains("sso_region") {
            return Recognition(origin: .teleportIdentityCenter, markersLost: true)
        }
        return Recognition(origin: .handWritten)
    }

    private static func markedTeleport(_ entry: Entry) -> Recognition? {
        for comment in entry.commentsAbove {
            if comment.containsBytes("Section managed by Teleport (AWS Identity Center integration)") {
                return Recognition(origin: .teleportIdentityCenter)
            }
            if comment.containsBytes("managed by Teleport") { return Recognition(origin: .teleportRolesAnywhere) }
        }
        return nil
    }

    /// The words of a `credential_process` line as botocore splits them (shlex), or on spaces
    /// when shlex refuses it.
    static func commandWords(_ command: String) -> [String] {
        PythonText.shlexSplit(command) ?? command.split(separator: " ").map(String.init)
    }

    static func programName(_ word: String) -> String {
        word.split(separator: "/").last.map(String.init) ?? ""
    }

    /// The SSO instance named by aws-sso-cli's generated line `aws-sso -u <open> -S "<SSO>" process
    /// --arn <ARN>`, or nil for any other use of `aws-sso` (hand-written profiles may call it too).
    static func awsSSOCliSSOName(_ words: [String]) -> String? {
        guard let s = words.firstIndex(of: "-S"), s + 1 < words.count, let p = words.firstIndex(of: "process"), p > s,
              words[(p + 1)...].contains("--arn") else { return nil }
        return words[s + 1]
    }

    /// tsh's `teleport-awsic-<account name>-<role, lower case>`: the account name, or nil when
    /// the profile's name does not have that shape.
    static func teleportAccountName(profile name: String, role: String) -> String? {
        between(name, prefix: Origin.teleportIdentityCenter.namePrefix ?? "", suffix: "-" + role.lowercased())
    }

    /// `name` is `prefix`, something non-empty, `suffix`: the something.
    static func between(_ name: String, prefix: String, suffix: String) -> String? {
        let bytes = name.utf8
        guard bytes.starts(with: prefix.utf8), bytes.reversed().starts(with: suffix.utf8.reversed()),
              bytes.count > prefix.utf8.count + suffix.utf8.count else { return nil }
        return String(decoding: bytes.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count), as: UTF8.self)
    }

    /// The account name the files give, by the first rule that applies:
    /// - `sso_account_name` (aws-sso-util writes it);
    /// - Teleport: `teleport-awsic-<account name>-<role, lower case>`;
    /// - granted `sso populate` (it writes `common_fate_generated_from`): its default template
    ///   `{{ .AccountName }}/{{ .RoleName }}` (spaces in the account name become `-`), so a name
    ///   `<X>/<role>` with no other `/`; a `--prefix` stays part of X, as sw cannot tell it apart;
    /// - aws-sso-cli's own profiles: `<X>:<role>` from its ProfileFormat
    ///   `{{ FirstItem .AccountName (.AccountAlias | nospace) }}:{{ .RoleName }}`, where X is not
    ///   digits (the default format `{{ .AccountIdPad }}:{{ .RoleName }}` gives the account id).
    /// Never a name equal to the account id, with or without its leading zeros.
    static func accountName(_ p: Profile, recognition: Recognition, inAWSSSOCliBlock: Bool, _ get: (String) -> String?) -> String? {
        var found: String?
        if let named = get("sso_account_name"), !named.isEmpty {
            found = named
        } else if let role = p.roleName {
            switch p.origin {
            case .teleportIdentityCenter:
                found = teleportAccountName(profile: p.name, role: role)
            case .granted where get("common_fate_generated_from") != nil:
                found = between(p.name, prefix: "", suffix: "/" + role).flatMap { $0.contains("/") ? nil : $0 }
            case .awsSSOCli where inAWSSSOCliBlock || recognition.markersLost:
                found = between(p.name, prefix: "", suffix: ":" + role)
                    .flatMap { $0.contains(":") || $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? nil : $0 }
            default:
                break
            }
        }
        guard let found, let id = p.accountID else { return found }
        func trimmed(_ s: String) -> Substring { s.drop(while: { $0 == "0" }) }
        return found == id || trimmed(found) == trimmed(id) ? nil : found
    }

    /// `arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION`, as saml2aws and gimme-aws-creds
    /// write it in `x_principal_arn`.
    static func parseAssumedRoleARN(_ arn: String) -> (account: String, role: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sts", !parts[4].isEmpty else { return nil }
        let resource = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        guard resource.count >= 3, resource[0] == "assumed-role", !resource[1].isEmpty else { return nil }
        return (String(parts[4]), String(resource[1]))
    }
}
