import Foundation
import Testing
@testable import ProfileIndex

// The fixes `sw doctor` proposes go through Remedies, which knows who owns the section: each test
// pins one rule, with the generator's own marker or keys in the section.

private let tshIC = "; Do not edit. Section managed by Teleport (AWS Identity Center integration).\n"
private let tshApps = "; Do not edit. Section managed by Teleport.\n"
private let tshSession = tshIC + "[sso-session teleport-d-123]\nsso_start_url=https://d-123.awsapps.com/start\nsso_region=us-east-1\n\n"
private func tshProfile(_ name: String = "teleport-awsic-dev-admin", extra: String = "") -> String {
    tshIC + "[profile \(name)]\nsso_session=teleport-d-123\nsso_account_id=111111111111\nsso_role_name=Admin\n\(extra)\n"
}
private func grantedProfile(_ name: String = "prod/Admin", extra: String = "") -> String {
    "[profile \(name)]\ngranted_sso_start_url=https://d-999.awsapps.com/start\ngranted_sso_region=eu-central-1\ngranted_sso_account_id=333333333333\ngranted_sso_role_name=Admin\ncommon_fate_generated_from=aws-sso\ncredential_process=granted credential-process --profile \(name)\n\(extra)\n"
}
private let appsProfile = tshApps + "[profile payments]\ncredential_process=tsh apps config --format aws-credential-process payments\n\n"

private func diagnose(_ config: String, credentials: String? = nil, env: [String: String] = [:], profile: String? = nil,
                      swConfig: String? = nil) -> [Problem] {
    let index = Index(config: Array(config.utf8), configPath: "/h/.aws/config", credentials: credentials.map { Array($0.utf8) },
                      credentialsPath: "/h/.aws/credentials")
    let sw = swConfig.map { SwConfig(path: "/h/.config/sw/config.ini", bytes: Array($0.utf8), home: "/h") }
        ?? SwConfig(path: "/h/.config/sw/config.ini")
    let facts = DoctorFacts(environment: env, now: Date(timeIntervalSince1970: 1_800_000_000), awsCLI: .version2("2.22.0"),
                            tokenCache: TokenCache(directory: "/nonexistent/sso/cache", fileSystem: LocalFileSystem()), cacheDirectoryExists: false,
                            isRunnable: { _ in true }, credentialsFileMode: 0o600, exposedCacheFiles: [], shellIntegration: .active,
                            swConfig: sw)
    return Doctor.diagnose(index, facts: facts, profile: profile)
}

private func fix(_ code: Problem.Code, _ findings: [Problem], profile: String? = nil) throws -> String {
    let f = try #require(findings.first { $0.code == code && (profile == nil || $0.profile == profile) }, "no \(code.rawValue) in \(findings.map(\.code.rawValue))")
    return try #require(f.fixText)
}

@Suite("Doctor fixes respect who owns the section")
struct DoctorRemedyTests {
    // MARK: region (SW504, SW506)

    @Test("no region, hand-written profile: add region to the section, the value from [default]")
    func regionFromDefault() throws {
        let text = try fix(.regionMissing, diagnose("[default]\nregion = eu-west-3\n\n[profile p]\naws_access_key_id = A\naws_secret_access_key = fixture-secret\n", profile: "p"))
        #expect(text.hasPrefix("add region = eu-west-3 to [profile p] (/h/.aws/config:4)"))
        #expect(text.contains("eu-west-3: the region of [default]"))
    }

    @Test("no region: the source_profile chain comes before [default] and the environment")
    func regionFromChain() throws {
        let config = "[default]\nregion = eu-west-3\n\n[profile base]\naws_access_key_id = A\naws_secret_access_key = fixture-secret\nregion = ap-south-1\n\n[profile p]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = base\n"
        let text = try fix(.regionMissing, diagnose(config, profile: "p"))
        #expect(text.hasPrefix("add region = ap-south-1 to [profile p]"))
        #expect(text.contains("its source_profile base"))
    }

    @Test("no region and no evidence anywhere: <region> and where to look, never a made-up region")
    func regionWithoutEvidence() throws {
        let text = try fix(.regionMissing, diagnose("[profile p]\naws_access_key_id = A\naws_secret_access_key = fixture-secret\n", profile: "p"))
        #expect(text.contains("region = <region>"))
        #expect(text.contains("no region in its source_profile chain, [default], AWS_DEFAULT_REGION, AWS_REGION or its SSO settings"))
        for region in Regions.all { #expect(!text.contains(region), "suggested \(region) without evidence") }
    }

    @Test("no region, tsh aws-profile section: adding region there is kept by tsh; the SSO region is the evidence")
    func regionInTshSection() throws {
        let text = try fix(.regionMissing, diagnose(tshSession + tshProfile(), profile: "teleport-awsic-dev-admin"))
        #expect(text.hasPrefix("add region = us-east-1 to [profile teleport-awsic-dev-admin]"))
        #expect(text.contains("tsh aws-profile keeps keys you add to its sections"))
        #expect(text.contains("its SSO region"))
        #expect(text.contains("[env teleport-awsic-dev-admin]\n; us-east-1: its SSO region (sso_region), where your Identity Center lives\nAWS_REGION = us-east-1"))
    }

    @Test("no region, tsh apps login section: sw's [env] overlay, never the section tsh refuses to share")
    func regionForTshApps() throws {
        let text = try fix(.regionMissing, diagnose("[default]\nregion = us-west-2\n\n" + appsProfile, profile: "payments"))
        #expect(text.hasPrefix("in sw's config /h/.config/sw/config.ini"))
        #expect(text.contains("[env payments]\n; us-west-2: the region of [default]\nAWS_REGION = us-west-2"))
        #expect(text.contains("contains other keys, remove the section and try again"))
        #expect(!text.contains("add region"))
    }

    @Test("no region, granted section: the overlay, because granted recreates its sections")
    func regionForGranted() throws {
        let text = try fix(.regionMissing, diagnose(grantedProfile(), profile: "prod/Admin"))
        #expect(text.contains("[env prod/Admin]\n; <region>: no region in its source_profile chain"))
        #expect(text.contains("\nAWS_REGION = <region>\n"))
        #expect(text.contains("granted sso populate deletes and recreates its sections on every run"))
        #expect(!text.contains("add region"))
    }

    @Test("a glob character in a profile name is quoted in the [env] overlay")
    func overlayGlobIsLiteral() {
        #expect(Remedies.literalGlob("a*b?[c]") == "a[*]b[?][[]c]")
    }

    @Test("only AWS_REGION set: export AWS_DEFAULT_REGION, and the owner's lasting fix")
    func regionOnlyCLIVariable() throws {
        let text = try fix(.regionMissing, diagnose(appsProfile, env: ["AWS_REGION": "eu-north-1"], profile: "payments"))
        #expect(text.hasPrefix("export AWS_DEFAULT_REGION=eu-north-1\nor, to keep it: in sw's config"))
        #expect(text.contains("AWS_REGION = eu-north-1"))
    }

    @Test("sw's config gives the region: no finding for a profile not in use; in use without sw use, the fix is sw use")
    func regionFromSwConfig() throws {
        let overlay = "[env payments]\nAWS_REGION = eu-west-1\n"
        #expect(!diagnose(appsProfile, swConfig: overlay).contains { $0.code == .regionMissing })
        #expect(!diagnose(appsProfile, profile: "payments", swConfig: overlay).contains { $0.code == .regionMissing })
        let active = diagnose(appsProfile, env: ["AWS_PROFILE": "payments"], swConfig: overlay)
        #expect(try fix(.regionMissing, active) == "sw use payments")
        #expect(active.first { $0.code == .regionMissing }?.message.contains("eu-west-1 (/h/.config/sw/config.ini:2)") == true)
    }

    @Test("a misspelt region you added to a tsh section is corrected in place; in a granted section, the overlay")
    func regionTypoByOwner() throws {
        let tsh = try fix(.regionUnknown, diagnose(tshSession + tshProfile(extra: "region=eu-west1\n"), profile: "teleport-awsic-dev-admin"))
        #expect(tsh.hasPrefix("/h/.aws/config:11: region = eu-west-1"))
        let granted = try fix(.regionUnknown, diagnose(grantedProfile(extra: "region=eu-west1\n"), profile: "prod/Admin"))
        #expect(granted.hasPrefix("in sw's config"))
        #expect(granted.contains("AWS_REGION = eu-west-1"))
    }

    @Test("a key saml2aws and gimme-aws-creds never write (output) is fixed in place in their credentials section: they keep it")
    func temporaryKeyWritersKeepOtherKeys() throws {
        let credentials = "[saml]\naws_access_key_id = ASIAFIXTURE\naws_secret_access_key = fixture-secret\naws_session_token = fixture-token\nx_principal_arn = arn:aws:sts::123456789012:assumed-role/Admin/me\nx_security_token_expires = 2099-01-01T00:00:00+00:00\noutput = json # pretty\n"
        let text = try fix(.inlineComment, diagnose("[default]\nregion = eu-west-1\n", credentials: credentials), profile: "saml")
        #expect(text.contains("output = json"), "\(text)")
        #expect(!text.contains("log in again"), "\(text)")
        #expect(!SectionOwner.saml2aws.keeps(changeOf: "aws_session_token"))
        #expect(!SectionOwner.saml2aws.keeps(changeOf: "x_security_token_expires"))
        #expect(SectionOwner.saml2aws.keeps(changeOf: "output"))
        #expect(Remedies.header(of: try #require(Index(config: [], configPath: "/c", credentials: Array(credentials.utf8), credentialsPath: "/k").profile(named: "saml"))) == "[saml]")
    }

    @Test("a misspelt region in saml2aws's credentials section is corrected there, not in the config file, whose region botocore lets it override")
    func regionTypoInSaml2awsCredentials() throws {
        let credentials = "[prod-admin]\naws_access_key_id        = ASIAFIXTURE\naws_secret_access_key    = fixture-secret\n"
            + "x_principal_arn          = arn:aws:sts::123456789012:assumed-role/Admin/u\nx_security_token_expires = 2099-01-01T13:04:05+01:00\nregion                   = eu-west1\n"
        let found = diagnose("[profile prod-admin]\nregion = eu-west-1\n", credentials: credentials, profile: "prod-admin")
        let text = try fix(.regionUnknown, found)
        #expect(text.hasPrefix("/h/.aws/credentials:6: region = eu-west-1"), "\(text)")
        #expect(text.contains("botocore lets the credentials file win"))
        #expect(text.contains("~/.saml2aws"))
        #expect(!text.contains("add to /h/.aws/config"))
        // With no region anywhere, the config file is still where it goes (neither tool writes it).
        let missing = try fix(.regionMissing, diagnose("", credentials: credentials.replacingOccurrences(of: "region                   = eu-west1\n", with: ""), profile: "prod-admin"))
        #expect(missing.hasPrefix("add to /h/.aws/config"))
    }

    // MARK: SSO settings (SW201-SW209)

    @Test("a wrong sso_region in Teleport's sso-session goes to Teleport's AWS Identity Center integration")
    func ssoRegionInTshSession() throws {
        let config = tshSession.replacingOccurrences(of: "sso_region=us-east-1", with: "sso_region=us-east1") + tshProfile(extra: "region=us-east-1\n")
        let text = try fix(.ssoRegionUnknown, diagnose(config))
        #expect(text.hasPrefix("ask your Teleport admin to correct the sso_region of Teleport's AWS Identity Center integration (us-east-1), then run tsh aws-profile again"))
    }

    @Test("a wrong sso_region in your own sso-session is edited in place")
    func ssoRegionInUserSession() throws {
        let config = "[sso-session corp]\nsso_start_url = https://ssoins-1.portal.eu-central-1.app.aws\nsso_region = us-east-1\n\n[profile p]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = R\nregion = eu-central-1\n"
        #expect(try fix(.ssoRegionContradictsStartURL, diagnose(config)) == "/h/.aws/config:3: sso_region = eu-central-1")
    }

    @Test("granted profiles without its credential process: the SSO region is set with granted sso populate --sso-region")
    func ssoRegionInGrantedProfile() throws {
        let config = "[profile g]\nsso_start_url = https://ssoins-1.portal.eu-central-1.app.aws\nsso_region = us-east-1\nsso_account_id = 111122223333\ncommon_fate_generated_from = aws-sso\nsso_role_name = Admin\nregion = eu-central-1\n"
        let text = try fix(.ssoRegionContradictsStartURL, diagnose(config))
        #expect(text.hasPrefix("granted sso populate --sso-region eu-central-1 https://ssoins-1.portal.eu-central-1.app.aws"))
    }

    @Test("a key missing from Teleport's sso-session: Teleport writes it, not you")
    func missingKeyInTshSession() throws {
        let config = tshIC + "[sso-session teleport-d-123]\nsso_start_url=https://d-123.awsapps.com/start\n\n" + tshProfile(extra: "region=us-east-1\n")
        #expect(try fix(.ssoKeyMissing, diagnose(config)).hasPrefix("ask your Teleport admin"))
    }

    @Test("an sso_region you added to a tsh profile that contradicts its session: deleting it is kept")
    func deleteUserKeyInTshProfile() throws {
        let config = tshSession + tshProfile(extra: "sso_region=eu-west-1\nregion=us-east-1\n")
        #expect(try fix(.ssoProfileSessionDisagree, diagnose(config)) == "/h/.aws/config:11: delete the sso_region line (the sso-session's value applies)")
    }

    @Test("a tsh profile naming a missing sso-session: run tsh aws-profile again, do not edit sso_session")
    func missingSessionOfTshProfile() throws {
        let text = try fix(.ssoSessionMissing, diagnose(tshProfile(extra: "region=us-east-1\n")))
        #expect(text.hasPrefix("run tsh aws-profile again: tsh aws-profile writes sso_session"))
    }

    @Test("one portal, two regions: the minority sso-session is Teleport's, so the fix goes to Teleport's integration")
    func ssoRegionConflictInTshSession() throws {
        func user(_ name: String) -> String { "[sso-session \(name)]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = eu-west-1\n\n" }
        let config = tshSession + tshProfile(extra: "region=us-east-1\n") + user("a") + user("b")
            + "[profile pa]\nsso_session = a\nsso_account_id = 111122223333\nsso_role_name = R\nregion = eu-west-1\n\n"
            + "[profile pb]\nsso_session = b\nsso_account_id = 111122223333\nsso_role_name = R\nregion = eu-west-1\n"
        let f = try #require(diagnose(config).first { $0.code == .ssoRegionConflict })
        #expect(f.session == "teleport-d-123")
        #expect(f.fixText?.hasPrefix("ask your Teleport admin to correct the sso_region of Teleport's AWS Identity Center integration (eu-west-1)") == true)
    }

    @Test("start URL spellings: your profile is edited, aws-sso-util's is written again by aws-sso-util")
    func startURLSpellingsByOwner() throws {
        func legacy(_ name: String, _ url: String, generated: Bool) -> String {
            "[profile \(name)]\nsso_start_url = \(url)\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = R\nregion = us-east-1\n\(generated ? "sso_auto_populated = true\n" : "")\n"
        }
        let config = legacy("mine", "https://acme.awsapps.com/start/", generated: false) + legacy("gen", "https://acme.awsapps.com/start#/", generated: true)
        let text = try fix(.startURLSpellings, diagnose(config))
        #expect(text.contains("/h/.aws/config:2: sso_start_url = https://acme.awsapps.com/start"))
        #expect(text.contains("run aws-sso-util configure populate again with the right options: aws-sso-util configure populate writes these profiles"))
    }

    @Test("a source_profile loop in your own profiles: the fix names the profile to change")
    func sourceProfileCycleInUserProfiles() throws {
        let config = "[profile p]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = q\nregion = us-east-1\n\n[profile q]\nrole_arn = arn:aws:iam::111122223333:role/B\nsource_profile = p\nregion = us-east-1\n"
        #expect(try fix(.sourceProfileCycle, diagnose(config, profile: "p")) == "point source_profile of q at a profile with its own credentials")
    }

    @Test("a missing source_profile in your own profile is edited in place")
    func sourceProfileInUserProfile() throws {
        let config = "[profile base]\naws_access_key_id = A\naws_secret_access_key = fixture-secret\nregion = us-east-1\n\n[profile p]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = bsae\nregion = us-east-1\n"
        #expect(try fix(.sourceProfileMissing, diagnose(config)) == "/h/.aws/config:8: source_profile = base")
    }

    @Test("legacy profiles aws-sso-util writes are not told to move to an sso-session; your own are")
    func shareSessionOnlyForYourProfiles() {
        func legacy(_ name: String, generated: Bool) -> String {
            "[profile \(name)]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = R\nregion = us-east-1\n\(generated ? "sso_auto_populated = true\n" : "")\n"
        }
        #expect(!diagnose(legacy("a", generated: true) + legacy("b", generated: true)).contains { $0.code == .legacyCouldShareSession })
        #expect(diagnose(legacy("a", generated: false) + legacy("b", generated: false)).contains { $0.code == .legacyCouldShareSession })
    }

    @Test("an inline comment in a granted section: granted writes the section again, so the fix is granted's, not an edit")
    func inlineCommentByOwner() throws {
        let text = try fix(.inlineComment, diagnose(grantedProfile(extra: "output = json # main\n")))
        #expect(text.hasPrefix("run granted sso populate --sso-region eu-central-1 https://d-999.awsapps.com/start again: granted sso populate deletes and recreates"))
        #expect(try fix(.inlineComment, diagnose("[profile p]\nregion = us-east-1\noutput = json # main\n")) == "/h/.aws/config:3: output = json")
    }

    // MARK: No fix edits a section whose owner rejects or reverts the edit

    @Test("no fix for a tsh apps login or granted section asks to edit that section", arguments: [
        appsProfile, grantedProfile(), "[default]\nregion = us-west-2\n\n" + appsProfile + grantedProfile("dev/Dev", extra: "region=eu-west1\n"),
        grantedProfile(extra: "sso_account_id=12345\n"), appsProfile.replacingOccurrences(of: "payments\n\n", with: "payments\nregion=us-east1\n\n"),
    ])
    func noEditOfRejectingOwners(config: String) throws {
        let index = Index(config: Array(config.utf8), configPath: "/h/.aws/config")
        let findings = diagnose(config)
        #expect(!findings.isEmpty)
        for f in findings {
            guard let name = f.profile, let p = index.profile(named: name), [SectionOwner.tshApps, .granted].contains(SectionOwner(p.origin)) else { continue }
            let text = try #require(f.fixText)
            let lines = Set([p.location.line] + p.settings.map(\.location.line))
            for line in lines { #expect(!text.contains("/h/.aws/config:\(line):"), "\(f.code.rawValue) edits line \(line) of [profile \(name)]: \(text)") }
            #expect(!text.contains("to [profile \(name)]"), "\(f.code.rawValue) adds to [profile \(name)]: \(text)")
            // tsh apps login wants the section to hold credential_process alone: removing the rest is its own demand.
            if f.code == .tshAppsSectionShared { #expect(text.hasPrefix("delete ")); continue }
            #expect(text.contains(SectionOwner(p.origin).whyNotHere), "\(f.code.rawValue) does not say why: \(text)")
        }
    }
}

@Suite("Doctor: hazards between generators")
struct DoctorHazardTests {
    @Test("BEGIN_AWS_SSO_CLI without its END: the sections after it that would be lost, and where END goes")
    func awsSSOCliWithoutEnd() throws {
        let config = "[default]\nregion=us-west-2\n\n# BEGIN_AWS_SSO_CLI_Work\n[profile 1:A]\ncredential_process = /usr/local/bin/aws-sso process --arn x\n\n"
            + tshSession + tshProfile(extra: "region=us-east-1\n")
        let found = diagnose(config)
        let f = try #require(found.first { $0.code == .awsSSOCliBlockUnterminated })
        #expect(f.location?.line == 4)
        #expect(f.message.contains("the next aws-sso setup profiles deletes everything after line 4"))
        #expect(f.message.contains("2 sections of other tools or yours would be lost: [sso-session teleport-d-123] (line 9), [profile teleport-awsic-dev-admin] (line 14)"))
        #expect(f.fixText?.hasPrefix("insert the line # END_AWS_SSO_CLI_Work in /h/.aws/config just before line 8 (above [sso-session teleport-d-123])") == true)
    }

    @Test("an aws-sso-cli block with its END is not a hazard")
    func awsSSOCliWithEnd() {
        let config = "# BEGIN_AWS_SSO_CLI\n[profile 1:A]\ncredential_process = aws-sso process --arn x\n# END_AWS_SSO_CLI\n\n[profile q]\nregion = us-east-1\n"
        #expect(!diagnose(config).contains { $0.code == .awsSSOCliBlockUnterminated })
    }

    @Test("an sso_account_id that lost its leading zero: the zero restored; other junk: a placeholder", arguments: [
        ("12345678901", "012345678901"), ("1234567890", "001234567890"), ("1234-5678-9012", "<the 12-digit account id>"),
    ])
    func accountID(value: String, expected: String) throws {
        let config = "[profile p]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = \(value)\nsso_role_name = R\nregion = us-east-1\n"
        let found = diagnose(config, profile: "p")
        let f = try #require(found.first { $0.code == .accountIDMalformed })
        #expect(f.fixText?.hasPrefix("/h/.aws/config:4: sso_account_id = \(expected)") == true)
        #expect(f.message.contains("GetRoleCredentials"))
        #expect(!diagnose(config.replacingOccurrences(of: value, with: "012345678901"), profile: "p").contains { $0.code == .accountIDMalformed })
    }

    @Test("static keys in the credentials file shadow credential_process: botocore uses the keys, granted never runs")
    func staticKeysShadowProcess() throws {
        let found = diagnose(grantedProfile() + "", credentials: "[prod/Admin]\naws_access_key_id = ASIA\naws_secret_access_key = fixture-secret\naws_session_token = t\n", profile: "prod/Admin")
        let f = try #require(found.first { $0.code == .staticKeysShadow })
        #expect(f.severity == .warning)
        #expect(f.message.contains("botocore reads the credentials file first, so granted never runs"))
        #expect(f.message.contains("once they expire, every call fails with ExpiredToken"))
        #expect(f.fixText?.contains("granted settings export-suffix set") == true)
        #expect(!found.contains { $0.code == .credentialProcessMissing })
    }

    @Test("static keys beside SSO settings: botocore uses SSO, the keys are unused (info)")
    func staticKeysBesideSSO() throws {
        let found = diagnose(tshSession + tshProfile(extra: "region=us-east-1\n"),
                             credentials: "[teleport-awsic-dev-admin]\naws_access_key_id = A\naws_secret_access_key = fixture-secret\n")
        let f = try #require(found.first { $0.code == .staticKeysShadow })
        #expect(f.severity == .info)
        #expect(f.message.contains("botocore uses SSO"))
    }

    @Test("static keys in the config file do not shadow credential_process (botocore reads them after it)")
    func configFileKeysDoNotShadow() {
        let config = "[profile p]\ncredential_process = /bin/true\naws_access_key_id = A\naws_secret_access_key = fixture-secret\nregion = us-east-1\n"
        #expect(!diagnose(config).contains { $0.code == .staticKeysShadow })
    }

    @Test("a flattened s3 block: the stray keys, and the nested block to write back")
    func flattenedS3() throws {
        let config = "[profile p]\naws_access_key_id = A\naws_secret_access_key = fixture-secret\nregion = us-east-1\ns3=\nmax_concurrent_requests=20\nmultipart_threshold=64MB\n"
        let f = try #require(diagnose(config).first { $0.code == .nestedBlockFlattened })
        #expect(f.message.contains("s3 = at line 5 has nothing nested under it, and max_concurrent_requests, multipart_threshold are written at the top level"))
        #expect(f.fixText?.hasSuffix("s3 =\n  max_concurrent_requests = 20\n  multipart_threshold = 64MB") == true)
        let nested = "[profile p]\naws_access_key_id = A\naws_secret_access_key = fixture-secret\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 20\n"
        #expect(!diagnose(nested).contains { $0.code == .nestedBlockFlattened })
    }
}

@Suite("Doctor: what tsh itself says")
struct DoctorToolPredictionTests {
    @Test("SW703 predicts the error go-ini tsh apps login gave on the generated home, and the fix only deletes from the section")
    func tshAppsRefusal() throws {
        let fixture = try Fixture("gen-tsh-apps-login-user-region")
        let found = fixture.diagnose()
        let f = try #require(found.first { $0.code == .tshAppsSectionShared })
        let generators = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("DoctorFixtures/generators/out")
        let said = try String(contentsOf: generators.appendingPathComponent("tsh-apps-login-user-region/tsh-error.txt"), encoding: .utf8)
        #expect(f.stage == .tool)
        #expect(said.contains(try #require(f.predicts)), "tsh said \(said)")
        let fix = try #require(f.fixText)
        #expect(fix.hasPrefix("delete region (line 7) from [profile payments-prod]; then in sw's config"))
        #expect(fix.contains("[env payments-prod]\n; us-east-1: the region you had written there\nAWS_REGION = us-east-1"))
    }
}

@Suite("Doctor fixtures: botocore reads each home as sw does")
struct DoctorFixtureConformanceTests {
    @Test("every doctor fixture home, generated ones included: same profiles, settings and sso-sessions for botocore and sw")
    func fixturesAgreeWithBotocore() throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("DoctorFixtures")
        let cases = fm.temporaryDirectory.appendingPathComponent("sw-doctor-cases-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: cases) }
        var slugs: [String] = []
        for slug in try fm.contentsOfDirectory(atPath: root.path).sorted() where fm.fileExists(atPath: root.path + "/\(slug)/expect.json") {
            // Homes that move the files with AWS_CONFIG_FILE are not read from ~/.aws.
            if fm.fileExists(atPath: root.path + "/\(slug)/env.json"),
               (try String(contentsOfFile: root.path + "/\(slug)/env.json", encoding: .utf8)).contains("AWS_CONFIG_FILE") { continue }
            let folder = cases.appendingPathComponent(slug)
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in ["config", "credentials"] where fm.fileExists(atPath: root.path + "/\(slug)/home/.aws/\(name)") {
                try fm.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: root.path + "/\(slug)/home/.aws/\(name)")
            }
            slugs.append(slug)
        }
        #expect(slugs.filter { $0.hasPrefix("gen-") }.count >= 7)
        let verdicts = try ConfigOracle.run(cases: cases).get()
        for slug in slugs {
            let botocore = try #require(verdicts[slug], "the oracle printed nothing for \(slug)")
            let folder = cases.appendingPathComponent(slug)
            let sw = ConfigOutcome(Index.load(paths: AWSPaths(config: folder.appendingPathComponent("config").path,
                                                             credentials: folder.appendingPathComponent("credentials").path, home: folder.path),
                                               fileSystem: LocalFileSystem()))
            #expect(sw == botocore, "\(slug): \(sw.difference(from: botocore) ?? "")")
        }
    }
}
