/// Generator checks: what generators do to each other's sections, and what they leave behind that botocore reads
/// differently than the user meant: each finding says the exact consequence.
extension Doctor {
    mutating func generatorChecks() {
        awsSSOCliBlocks()
        for p in scope {
            accountID(p)
            flattenedNesting(p)
            shadowingKeys(p)
            tshAppsExtraKeys(p)
        }
    }

    // MARK: aws-sso-cli's block without its end

    /// aws-sso-cli regenerates everything from `# BEGIN_AWS_SSO_CLI` to `# END_AWS_SSO_CLI`. go-ini
    /// (tsh aws-profile, granted) drops a comment at the end of the file, so an END that was the
    /// last line is lost, and the next `aws-sso setup profiles` deletes everything after BEGIN.
    private mutating func awsSSOCliBlocks() {
        // The index parsed the config with its comments; one read from a snapshot has none, and
        // `sw doctor` always parses.
        guard focus == nil, let doc = index.parsedConfig else { return }
        let path = index.config.path
        var begins: [INIComment] = []
        var ends: [Int] = []
        for c in doc.comments {
            if doc.comment(c, contains: "BEGIN_AWS_SSO_CLI") { begins.append(c) } else if doc.comment(c, contains: "END_AWS_SSO_CLI") { ends.append(c.line) }
        }
        for (i, begin) in begins.enumerated() {
            let nextBegin = i + 1 < begins.count ? begins[i + 1].line : Int.max
            if ends.contains(where: { $0 > begin.line && $0 < nextBegin }) { continue }
            let after = doc.sections.filter { $0.line > begin.line }
            // aws-sso-cli's own sections run its credential_process (the program Builder.recognise
            // knows it by); the first other one ends them.
            func isAWSSSOCli(_ s: INISection) -> Bool {
                guard let process = s.options.first(where: { $0.key == "credential_process" })?.value.string else { return false }
                return Builder.commandWords(process).first.map(Builder.programName) == "aws-sso"
            }
            let others = after.filter { !isAWSSSOCli($0) }
            let listed = others.prefix(8).map { "[\($0.name)] (line \($0.line))" }.joined(separator: ", ") + (others.count > 8 ? " and \(others.count - 8) more" : "")
            let lost = others.isEmpty
                ? "only aws-sso-cli's own \(after.count) section\(after.count == 1 ? "" : "s") follow it now, but a section another tool appends at the end of the file (tsh aws-profile and granted do) falls inside the block and is deleted too"
                : "\(others.count) section\(others.count == 1 ? "" : "s") of other tools or yours would be lost: \(listed)"
            let insertBefore: String
            if let first = others.first {
                let commentLine = first.commentsAbove.first.map { doc.comments[$0].line } ?? first.line
                insertBefore = "insert the line # END_AWS_SSO_CLI\(endSuffix(doc, begin)) in \(path) just before line \(commentLine) (above [\(first.name)]), so the block ends with aws-sso-cli's own sections"
            } else {
                insertBefore = "add the line # END_AWS_SSO_CLI\(endSuffix(doc, begin)) at the end of \(path)"
            }
            add(Problem(.awsSSOCliBlockUnterminated, .warning, at: SourceLocation(file: path, line: begin.line),
                        "# BEGIN_AWS_SSO_CLI at line \(begin.line) has no # END_AWS_SSO_CLI after it (go-ini, which tsh aws-profile and granted use, drops a comment at the end of the file): the next aws-sso setup profiles deletes everything after line \(begin.line); \(lost)",
                        predicts: nil,
                        fix: Fix(insertBefore + "; then keep another section after the block: go-ini loses a comment only when it is the last line")))
        }
    }

    /// `_<SSO name>` of `# BEGIN_AWS_SSO_CLI_<name>`, for the matching END line.
    private func endSuffix(_ doc: INIDocument, _ begin: INIComment) -> String {
        let text = Array(doc.text(of: begin).utf8), marker = Array("BEGIN_AWS_SSO_CLI".utf8)
        guard text.count >= marker.count, let start = (0...(text.count - marker.count)).first(where: { text[$0..<($0 + marker.count)].elementsEqual(marker) }) else { return "" }
        let rest = text[(start + marker.count)...].prefix { $0 != 0x20 && $0 != 0x09 }
        return String(decoding: rest, as: UTF8.self)
    }

    // MARK: Account ids

    private mutating func accountID(_ p: Profile) {
        for key in ["sso_account_id", "granted_sso_account_id"] {
            guard let s = p.setting(key), let v = s.value.string else { continue }
            let digits = v.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            guard !(digits && v.utf8.count == 12) else { continue }
            let lostZeros = digits && !v.isEmpty && v.utf8.count < 12
            let fixed = lostZeros ? String(repeating: "0", count: 12 - v.utf8.count) + v : "<the 12-digit account id>"
            let why = lostZeros
                ? "it has \(v.utf8.count) digits: an account id is exactly 12, and leading zeros are lost when a tool reads it as a number (Leapp's js-ini turns 012345678901 into 12345678901)"
                : "an AWS account id is exactly 12 digits"
            add(Problem(.accountIDMalformed, severity(forProfile: p.name), at: s.location, profile: p.name,
                        "profile \(p.name) has \(key) = \(v); \(why). botocore sends it as written (the SSO API has no pattern for it), and Identity Center answers GetRoleCredentials with an error (403 Forbidden, as for an account you have no role in) instead of credentials",
                        fix: remedies.edit(p, key: key, Fix([.setKey(at: s.location, key: key, value: fixed),
                                                         .prose(lostZeros ? "   (the leading zero\(12 - v.utf8.count == 1 ? "" : "s") restored; check it in the AWS access portal)" : "")]))))
        }
    }

    // MARK: Flattened nested blocks

    /// Keys botocore (`DEFAULT_S3_CONFIG_VARS`) and the AWS CLI (`s3` transfer settings) read only
    /// inside `s3 =`; none of them is a top-level setting of its own.
    static let nestedOnlyS3Keys: Set<String> = [
        "addressing_style", "payload_signing_enabled", "use_accelerate_endpoint", "use_arn_region",
        "us_east_1_regional_endpoint", "s3_disable_multiregion_access_points",
        "max_concurrent_requests", "max_queue_size", "multipart_threshold", "multipart_chunksize", "max_bandwidth",
    ]

    private mutating func flattenedNesting(_ p: Profile) {
        let stray = p.settings.filter { Doctor.nestedOnlyS3Keys.contains($0.key) && $0.value.string != nil }
        guard !stray.isEmpty else { return }
        let emptyParent = p.setting("s3").flatMap { s -> Setting? in s.value.string.map { PythonText.strip(Substring($0)).isEmpty } == true ? s : nil }
        let keys = stray.map(\.key).joined(separator: ", ")
        let parentText = emptyParent.map { "s3 = at line \($0.location.line) has nothing nested under it, and " } ?? ""
        let block = "s3 =\n" + stray.map { "  \($0.key) = \($0.value.string ?? "")" }.joined(separator: "\n")
        add(Problem(.nestedBlockFlattened, .warning, at: stray[0].location, profile: p.name,
                    "profile \(p.name): \(parentText)\(keys) \(stray.count == 1 ? "is" : "are") written at the top level, where botocore and the AWS CLI ignore \(stray.count == 1 ? "it" : "them"): they read \(stray.count == 1 ? "it" : "them") only indented under s3 = (a nested block flattened, as js-ini does when Leapp rewrites the file)",
                    fix: remedies.edit(p, key: "s3", "in [profile \(p.name)] (\(p.location)), replace \(emptyParent == nil ? "" : "s3 = and ")those lines with the nested block:\n\(block)")))
    }

    // MARK: Static keys before credential_process / beside SSO

    /// botocore's profile providers, in order (ProfileProviderBuilder.providers): web identity,
    /// SSO, the credentials file's static keys, login, credential_process, the config file's keys.
    private mutating func shadowingKeys(_ p: Profile) {
        guard p.kind != .assumeRole, p.kind != .webIdentity,
              let key = p.setting("aws_access_key_id"), key.location.file == index.credentials.path else { return }
        let temporary = p.setting("aws_session_token") != nil || p.setting("aws_security_token") != nil
        let expires = p["x_security_token_expires"] ?? p["aws_expiration"]
        let section = "[\(p.name)] of \(index.credentials.path) (line \(p.credentialsLocation?.line ?? key.location.line))"
        let remove = "delete aws_access_key_id, aws_secret_access_key\(temporary ? " and aws_session_token" : "") from \(section)"
        if p.setting("sso_account_id") != nil || p.setting("sso_role_name") != nil {
            add(Problem(.staticKeysShadow, .info, at: key.location, profile: p.name,
                        "profile \(p.name) has SSO settings and static keys in \(section): botocore uses SSO (its SSO provider comes before the credentials file), so those keys are never used by it",
                        fix: Fix(remove + " if nothing else reads them")))
            return
        }
        guard let process = p.setting("credential_process") else { return }
        let program = PythonText.shlexSplit(process.value.string ?? "")?.first ?? "credential_process"
        let granted = p.origin == .granted || program.hasSuffix("granted") || program.hasSuffix("assumego")
        let consequence = temporary
            ? "they are temporary\(expires.map { " (x_security_token_expires = \($0))" } ?? ""): once they expire, every call fails with ExpiredToken instead of asking \(program) for new ones"
            : "it uses those keys, whatever \(program) would return"
        // They work until they expire: a hazard, not a failure today.
        add(Problem(.staticKeysShadow, .warning, at: key.location, profile: p.name,
                    "profile \(p.name) runs \(program) for credentials (credential_process, \(process.location)), but \(section) holds static keys, and botocore reads the credentials file first, so \(program) never runs; \(consequence)",
                    fix: Fix(remove + (granted ? "; they come from granted's assume --export without an export suffix: set one with granted settings export-suffix set, so exported keys go to a section of their own" : ""))))
    }

    // MARK: tsh apps login's section shared

    /// `tsh apps login` (and logout) refuses a section of its own that has any other key.
    private mutating func tshAppsExtraKeys(_ p: Profile) {
        guard p.origin == .teleportRolesAnywhere, p.location.file == index.config.path else { return }
        let extra = p.settings.filter { $0.key != "credential_process" && $0.location.file == index.config.path }
        guard !extra.isEmpty else { return }
        let lines = extra.map { "\($0.key) (line \($0.location.line))" }.joined(separator: ", ")
        var fix = Fix("delete \(lines) from [profile \(p.name)]")
        if let region = extra.first(where: { $0.key == "region" })?.value.string {
            let evidence = Regions.isKnown(region) ? RegionEvidence(region: region, source: "the region you had written there")
                : Regions.suggestion(for: region).map { RegionEvidence(region: $0, source: "the region name nearest to '\(region)'") }
            fix = fix + "; then " + remedies.setRegion(of: p, evidence: evidence)
        }
        add(Problem(.tshAppsSectionShared, .warning, at: extra[0].location, profile: p.name,
                    "[profile \(p.name)] is tsh apps login's section, and it also has \(lines): the next tsh apps login (or logout) of this app refuses to run",
                    predicts: "section \"profile \(p.name)\" contains other keys, remove the section and try again", stage: .tool,
                    fix: fix))
    }
}
