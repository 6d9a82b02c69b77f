import Foundation
import Testing
@testable import ProfileIndex

private let icMarker = "; Do not edit. Section managed by Teleport (AWS Identity Center integration)."

private func index(_ config: String, credentials: String? = nil) -> Index {
    Index(config: Array(config.utf8), credentials: credentials.map { Array($0.utf8) })
}

private func profile(_ name: String, _ config: String, credentials: String? = nil) throws -> Profile {
    try #require(index(config, credentials: credentials).profile(named: name))
}

/// What Leapp's js-ini leaves of a `tsh aws-profile` home: no comments, numbers for numbers.
let teleportStripped = """
    [sso-session teleport-d-123]
    sso_start_url=https://d-123.awsapps.com/start
    sso_region=us-east-1

    [profile teleport-awsic-dev-admin]
    sso_session=teleport-d-123
    sso_account_id=12345678901
    sso_role_name=Admin

    """

@Suite("Generators known without their markers")
struct GeneratorRecognitionTests {
    // MARK: Recognition

    @Test("tsh aws-profile's profile and session without the marker comment are teleport-awsic with markers lost")
    func teleportStrippedIsRecognised() throws {
        let idx = index(teleportStripped)
        let p = try #require(idx.profile(named: "teleport-awsic-dev-admin"))
        #expect(p.origin == .teleportIdentityCenter)
        #expect(p.markersLost)
        // js-ini turned 012345678901 into a number; the section is still tsh's.
        #expect(p.accountID == "12345678901")
        #expect(p.accountName == "dev")
        let s = try #require(idx.ssoSession(named: "teleport-d-123"))
        #expect(s.origin == .teleportIdentityCenter)
        #expect(s.markersLost)
        #expect(idx.ssoSessions.first { $0.name == "teleport-d-123" }?.markersLost == true)
    }

    @Test("with Teleport's marker comment the same sections are teleport-awsic and nothing is lost")
    func teleportMarkedIsNotLost() throws {
        let config = teleportStripped.replacingOccurrences(of: "[", with: icMarker + "\n[")
        let idx = index(config)
        let p = try #require(idx.profile(named: "teleport-awsic-dev-admin"))
        #expect(p.origin == .teleportIdentityCenter && !p.markersLost)
        let s = try #require(idx.ssoSession(named: "teleport-d-123"))
        #expect(s.origin == .teleportIdentityCenter && !s.markersLost)
    }

    @Test("a teleport-awsic- name is tsh's only with a teleport- session and a name ending in its role: otherwise hand-written")
    func teleportShapeMustHold() throws {
        let otherSession = "[profile teleport-awsic-dev-admin]\nsso_session=corp\nsso_account_id=1\nsso_role_name=Admin\n"
        #expect(try profile("teleport-awsic-dev-admin", otherSession).origin == .handWritten)
        let otherRole = "[profile teleport-awsic-dev-admin]\nsso_session=teleport-x\nsso_account_id=1\nsso_role_name=Reader\n"
        #expect(try profile("teleport-awsic-dev-admin", otherRole).origin == .handWritten)
        let noAccount = "[profile teleport-awsic-dev-admin]\nsso_session=teleport-x\nsso_role_name=Admin\n"
        #expect(try profile("teleport-awsic-dev-admin", noAccount).origin == .handWritten)
        let session = "[sso-session teleport-x]\nsso_start_url=https://x.awsapps.com/start\n"
        #expect(index(session).ssoSession(named: "teleport-x")?.origin == .handWritten)
    }

    @Test("tsh apps login's section whose only key is credential_process=tsh apps config, without a marker, is teleport-apps with markers lost")
    func teleportAppsStripped() throws {
        let line = "credential_process=tsh apps config --format aws-credential-process billing"
        let bare = try profile("billing", "[profile billing]\n\(line)\n")
        #expect(bare.origin == .teleportRolesAnywhere && bare.markersLost)
        for marker in ["; Do not edit. Section managed by Teleport.", "; This section is managed by Teleport. Do not edit."] {
            let marked = try profile("billing", "\(marker)\n[profile billing]\n\(line)\n")
            #expect(marked.origin == .teleportRolesAnywhere && !marked.markersLost, "\(marker)")
        }
        // A hand-written profile that also calls tsh is not tsh's output: nothing is lost.
        let own = try profile("billing", "[profile billing]\n\(line)\nregion = us-east-1\n")
        #expect(own.origin == .teleportRolesAnywhere && !own.markersLost)
    }

    @Test("aws-sso-cli's generated profile outside a BEGIN/END block has markers lost; inside one, or hand-written, it has not")
    func awsSSOCliOutsideBlock() throws {
        let generated = "credential_process = aws-sso -u open -S \"Default\" process --arn arn:aws:iam::111122223333:role/Admin"
        let outside = try profile("111122223333:Admin", "[profile 111122223333:Admin]\n\(generated)\n")
        #expect(outside.origin == .awsSSOCli && outside.markersLost)
        let inside = try profile("111122223333:Admin",
                                 "# BEGIN_AWS_SSO_CLI\n\n[profile 111122223333:Admin]\n\(generated)\n\n# END_AWS_SSO_CLI\n")
        #expect(inside.origin == .awsSSOCli && !inside.markersLost)
        let named = try profile("x", "# BEGIN_AWS_SSO_CLI_work\n[profile x]\n\(generated.replacingOccurrences(of: "Default", with: "work"))\n# END_AWS_SSO_CLI_work\n")
        #expect(named.origin == .awsSSOCli && !named.markersLost)
        let byHand = try profile("mine", "[profile mine]\ncredential_process = aws-sso process --arn arn:aws:iam::111122223333:role/Admin\n")
        #expect(byHand.origin == .awsSSOCli && !byHand.markersLost)
    }

    @Test("aws-sso-cli's profile after a BEGIN whose END is gone keeps its markers (doctor says SW121, not SW722)")
    func awsSSOCliAfterOpenBegin() throws {
        let generated = "credential_process = aws-sso -u open -S \"Default\" process --arn arn:aws:iam::111122223333:role/Admin"
        let open = try profile("111122223333:Admin", "# BEGIN_AWS_SSO_CLI\n[profile 111122223333:Admin]\n\(generated)\n")
        #expect(open.origin == .awsSSOCli && !open.markersLost)
        let before = try profile("111122223333:Admin", "[profile 111122223333:Admin]\n\(generated)\n# BEGIN_AWS_SSO_CLI\n[profile y]\nregion = eu-west-1\n")
        #expect(before.origin == .awsSSOCli && before.markersLost)
    }

    @Test("sections of the other generators keep their origin and lose nothing")
    func otherGeneratorsUnchanged() throws {
        let granted = try profile("Prod/Admin", "[profile Prod/Admin]\ngranted_sso_start_url = https://x.awsapps.com/start\ngranted_sso_account_id = 111122223333\ngranted_sso_role_name = Admin\ncommon_fate_generated_from = aws-sso\ncredential_process = granted credential-process --profile Prod/Admin\n")
        #expect(granted.origin == .granted && !granted.markersLost)
        let leapp = try profile("l", "[profile l]\ncredential_process = leapp session generate 4f1c\n")
        #expect(leapp.origin == .leapp && !leapp.markersLost)
        let util = try profile("a.R", "[profile a.R]\nsso_auto_populated = true\nsso_account_id = 1\nsso_role_name = R\n")
        #expect(util.origin == .awsSSOUtil && !util.markersLost)
    }

    // MARK: What the files say about the account

    @Test("x_principal_arn, an STS assumed-role ARN, gives the account and role (saml2aws, gimme-aws-creds)")
    func principalARN() throws {
        let creds = "[saml]\naws_access_key_id = A\naws_secret_access_key = S\nx_principal_arn = arn:aws:sts::123456789012:assumed-role/Dev/user@example.com\nx_security_token_expires = 2026-12-01T00:00:00Z\n"
        let p = try profile("saml", "", credentials: creds)
        #expect(p.accountID == "123456789012")
        #expect(p.roleName == "Dev")
        #expect(p.origin == .saml2aws)
        #expect(p.accountName == nil)
        let gov = Builder.parseAssumedRoleARN("arn:aws-us-gov:sts::111122223333:assumed-role/Ops/s")
        #expect(gov?.account == "111122223333" && gov?.role == "Ops")
    }

    @Test("ARNs that are not STS assumed-role ARNs give nothing", arguments: [
        "arn:aws:iam::123456789012:role/Dev", "arn:aws:sts::123456789012:assumed-role/Dev", "arn:aws:sts::123456789012:federated-user/x",
        "arn:aws:sts:::assumed-role/Dev/s", "arn:aws:sts::1:assumed-role//s", "not an arn",
    ])
    func principalARNRejects(arn: String) {
        #expect(Builder.parseAssumedRoleARN(arn) == nil)
    }

    @Test("role_arn in the profile wins over x_principal_arn from the credentials file")
    func roleARNFirst() throws {
        let p = try profile("p", "[profile p]\nrole_arn = arn:aws:iam::111111111111:role/Target\nsource_profile = q\n",
                            credentials: "[p]\nx_principal_arn = arn:aws:sts::222222222222:assumed-role/Other/s\n")
        #expect(p.accountID == "111111111111" && p.roleName == "Target")
    }

    @Test("sso_account_name (aws-sso-util configure populate) is the account name")
    func awsSSOUtilAccountName() throws {
        let p = try profile("my-account.Admin", "[profile my-account.Admin]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_name = My Account\nsso_account_id = 123456789012\nsso_role_name = Admin\nsso_auto_populated = true\n")
        #expect(p.accountName == "My Account")
    }

    @Test("granted sso populate's <account name>/<role> names give the account name; other shapes give none")
    func grantedAccountName() throws {
        func granted(_ name: String, fromPopulate: Bool = true) throws -> Profile {
            try profile(name, "[profile \(name)]\ngranted_sso_start_url = https://x.awsapps.com/start\ngranted_sso_account_id = 111122223333\ngranted_sso_role_name = AdministratorAccess\n"
                        + (fromPopulate ? "common_fate_generated_from = aws-sso\n" : ""))
        }
        #expect(try granted("Prod-Account/AdministratorAccess").accountName == "Prod-Account")
        #expect(try granted("Prod-Account.AdministratorAccess").accountName == nil)
        #expect(try granted("a/b/AdministratorAccess").accountName == nil)
        #expect(try granted("/AdministratorAccess").accountName == nil)
        #expect(try granted("111122223333/AdministratorAccess").accountName == nil)
        // Not written by sso populate (no common_fate_generated_from): the name is the user's.
        #expect(try granted("Prod-Account/AdministratorAccess", fromPopulate: false).accountName == nil)
        // --no-credential-process: plain sso_* keys.
        let plain = try profile("Dev/ReadOnly", "[profile Dev/ReadOnly]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 222233334444\nsso_role_name = ReadOnly\ncommon_fate_generated_from = aws-sso\n")
        #expect(plain.origin == .granted && plain.accountName == "Dev")
    }

    @Test("aws-sso-cli's <account name or alias>:<role> names give the account name; its default <account id>:<role> gives none")
    func awsSSOCliAccountName() throws {
        func cli(_ name: String, inBlock: Bool = true, generated: Bool = true) throws -> Profile {
            let line = generated ? "credential_process = aws-sso -u open -S \"Default\" process --arn arn:aws:iam::011122223333:role/AdministratorAccess"
                : "credential_process = aws-sso process --arn arn:aws:iam::011122223333:role/AdministratorAccess"
            let section = "[profile \(name)]\n\(line)\n"
            return try profile(name, inBlock ? "# BEGIN_AWS_SSO_CLI\n\(section)# END_AWS_SSO_CLI\n" : section)
        }
        #expect(try cli("prod-alias:AdministratorAccess").accountName == "prod-alias")
        #expect(try cli("prod-alias:AdministratorAccess").accountID == "011122223333")
        #expect(try cli("prod-alias:AdministratorAccess", inBlock: false).accountName == "prod-alias")
        #expect(try cli("011122223333:AdministratorAccess").accountName == nil)
        #expect(try cli("11122223333:AdministratorAccess").accountName == nil)
        #expect(try cli("a:b:AdministratorAccess").accountName == nil)
        #expect(try cli("prod-alias-AdministratorAccess").accountName == nil)
        // A profile the user wrote around aws-sso: its name is the user's.
        #expect(try cli("prod-alias:AdministratorAccess", inBlock: false, generated: false).accountName == nil)
    }

    @Test("an account name equal to the account id, with or without its leading zeros, is dropped")
    func accountNameNeverTheID() throws {
        let same = try profile("a", "[profile a]\nsso_account_name = 012345678901\nsso_account_id = 012345678901\nsso_role_name = R\nsso_start_url = u\n")
        #expect(same.accountName == nil)
        let unpadded = try profile("b", "[profile b]\nsso_account_name = 12345678901\nsso_account_id = 012345678901\nsso_role_name = R\nsso_start_url = u\n")
        #expect(unpadded.accountName == nil)
        let teleport = try profile("teleport-awsic-111111111111-admin",
                                   "\(icMarker)\n[profile teleport-awsic-111111111111-admin]\nsso_session=teleport-x\nsso_account_id=111111111111\nsso_role_name=Admin\n")
        #expect(teleport.accountName == nil)
    }

    @Test("sw use <account name> finds a profile by an account name from sso_account_name, granted and aws-sso-cli")
    func nameMatchingUsesAccountNames() throws {
        let config = """
            [profile util-profile]
            sso_account_name = Billing
            sso_account_id = 123456789012
            sso_role_name = Admin
            sso_start_url = https://x.awsapps.com/start
            sso_region = us-east-1

            [profile Sandbox/Admin]
            granted_sso_account_id = 222233334444
            granted_sso_role_name = Admin
            common_fate_generated_from = aws-sso

            # BEGIN_AWS_SSO_CLI
            [profile research:Admin]
            credential_process = aws-sso -u open -S "Default" process --arn arn:aws:iam::333344445555:role/Admin
            # END_AWS_SSO_CLI
            """
        let resolver = NameResolver(index: index(config))
        for (query, expected) in [("billing", "util-profile"), ("sandbox", "Sandbox/Admin"), ("research", "research:Admin")] {
            #expect(resolver.resolve(query) == .found(expected, how: .accountName), "\(query)")
        }
    }

    @Test("the bundled example home is described as before: no markers lost, account names only from Teleport's names")
    func exampleHomeUnchanged() throws {
        let home = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/home").path
        let idx = Index.load(environment: ["HOME": home], fileSystem: LocalFileSystem())
        #expect(idx.profiles.count == 11)
        #expect(!idx.profiles.contains { $0.markersLost })
        #expect(!idx.ssoSessions.contains { $0.markersLost })
        let names = Dictionary(uniqueKeysWithValues: idx.profiles.compactMap { p in p.accountName.map { (p.name, $0) } })
        #expect(names == ["teleport-awsic-dev-poweruser": "dev", "teleport-awsic-prod-admin": "prod",
                          "teleport-awsic-prod-reader": "prod", "teleport-awsic-staging-reader": "staging"])
        #expect(idx.profiles.map(\.origin.rawValue) == ["teleport-apps", "hand-written", "hand-written", "hand-written", "hand-written",
                                                        "granted", "hand-written", "teleport-awsic", "teleport-awsic", "teleport-awsic",
                                                        "teleport-awsic"])
    }
}

@Suite("Doctor: generators whose markers are gone")
struct MarkersLostDoctorTests {
    @Test("tsh aws-profile's profile and session without the marker get SW720: tsh's refusal and the exact line to put back, never SW505 too")
    func teleportMarkersLost() throws {
        let found = try Fixture("generator-teleport-markers-lost").diagnose()
        let lost = found.filter { $0.code == .teleportMarkersLost }
        #expect(lost.map { $0.profile ?? "sso-session " + ($0.session ?? "") }.sorted()
                == ["sso-session teleport-d-123", "teleport-awsic-dev-admin"])
        #expect(!found.contains { $0.code == .teleportNameUnmarked })
        let p = try #require(lost.first { $0.profile == "teleport-awsic-dev-admin" })
        #expect(p.predicts == "section \"profile teleport-awsic-dev-admin\" is not managed by Teleport, remove the section and try again")
        #expect(p.stage == .tool)
        #expect(p.fixText?.contains("\n; Do not edit. Section managed by Teleport (AWS Identity Center integration).\n") == true)
    }

    @Test("a hand-written section with a name Teleport manages is still SW505 and not SW720")
    func handWrittenTeleportNameIsSW505() throws {
        let found = try Fixture("profile-teleport-name-unmarked").diagnose()
        #expect(found.contains { $0.code == .teleportNameUnmarked })
        #expect(!found.contains { $0.code == .teleportMarkersLost })
    }

    @Test("tsh apps login's section without its marker gets SW721, whose fix puts the marker back or runs tsh apps login for its app")
    func teleportAppsMarkerLost() throws {
        let found = try Fixture("generator-teleport-apps-marker-lost").diagnose()
        let f = try #require(found.first { $0.code == .teleportAppsMarkerLost })
        #expect(f.predicts == "section \"profile billing\" is not managed by Teleport, remove the section and try again")
        #expect(f.fixText?.contains("\n; Do not edit. Section managed by Teleport.\n") == true)
        #expect(f.fixText?.hasSuffix("run tsh apps login billing again") == true)
    }

    @Test("an aws-sso-cli profile with no block left in the file: its next run appends a new block; with a block: move it inside")
    func awsSSOCliBlockLost() throws {
        let none = try #require(try Fixture("generator-aws-sso-cli-block-lost").diagnose().first { $0.code == .awsSSOCliBlockLost })
        #expect(none.message.contains("appends a new block at the end of the file"))
        #expect(none.message.contains("botocore refuses (Unable to parse config file)"))
        #expect(none.fixText?.contains("# BEGIN_AWS_SSO_CLI back above") == true)
        #expect(none.predicts == nil)
        let outside = try #require(try Fixture("generator-aws-sso-cli-outside-block").diagnose().first { $0.code == .awsSSOCliBlockLost })
        #expect(outside.profile == "111122223333:ReadOnly")
        #expect(outside.message.contains("never updates or removes this one"))
        #expect(outside.fixText?.hasPrefix("move [profile 111122223333:ReadOnly]") == true)
    }

    @Test("a block for another SSO instance is named with its suffix, and does not count as this profile's block")
    func awsSSOCliNamedInstance() throws {
        let config = """
            # BEGIN_AWS_SSO_CLI
            [profile a:Admin]
            credential_process = aws-sso -u open -S "Default" process --arn arn:aws:iam::111122223333:role/Admin
            # END_AWS_SSO_CLI

            [profile w:Admin]
            credential_process = aws-sso -u open -S "work" process --arn arn:aws:iam::222233334444:role/Admin
            region = us-east-1
            """
        let idx = Index(config: Array(config.utf8), configPath: "/h/.aws/config")
        let found = MarkersLost.findings(profiles: idx.profiles, sessions: idx.ssoSessions, index: idx)
        #expect(found.map(\.profile) == ["w:Admin"])
        #expect(found.first?.message.contains("# BEGIN_AWS_SSO_CLI_work and # END_AWS_SSO_CLI_work lines are gone") == true)
    }
}
