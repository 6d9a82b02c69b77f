import Foundation
@testable import Switcher
import Testing
import TestSupport

/// `sw console --print NAME` on a home whose only profile is `dev`, an SSO profile of `startURL`.
private func portalLink(startURL: String, ssoRegion: String = "us-east-1", extra: [String] = []) throws -> SwRun {
    let fixture = try ConsoleFixture(config: """
        [sso-session corp]
        sso_start_url = \(startURL)
        sso_region = \(ssoRegion)

        [profile dev]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = Admin
        """)
    return fixture.sw(["console", "--print", "dev"] + extra)
}

/// `sw console --print NAME` on a home whose only profile is `role`, assuming `arn`.
private func switchRoleLink(arn: String, profile: String = "role", extraKeys: String = "", extra: [String] = []) throws -> SwRun {
    let fixture = try ConsoleFixture(config: """
        [profile base]
        region = us-east-1

        [profile \(profile)]
        role_arn = \(arn)
        source_profile = base
        \(extraKeys)
        """)
    return fixture.sw(["console", "--print", profile] + extra)
}

@Suite("sw console: the access portal's shortcut link for SSO profiles")
struct PortalShortcutTests {
    @Test("every way people write one start URL gives the same link",
          arguments: ["https://d-123.awsapps.com/start", "https://d-123.awsapps.com/start/", "https://d-123.awsapps.com/start#/",
                      "https://d-123.awsapps.com/start/#/", "https://d-123.awsapps.com/start//", "HTTPS://D-123.AWSAPPS.COM/start",
                      "https://d-123.awsapps.com:443/start#/"])
    func startURLSpellings(startURL: String) throws {
        // GIVEN an sso-session whose start URL is written one of the usual ways
        // WHEN sw console --print runs for its profile
        let r = try portalLink(startURL: startURL)
        // THEN stdout is the portal's shortcut link, one line, and nothing is started
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "https://d-123.awsapps.com/start/#/console?account_id=111111111111&role_name=Admin\n")
    }

    @Test("portal URLs without a path (the dual-stack *.app.aws form) and GovCloud's directory form",
          arguments: [
              ("https://ssoins-7223abcd.portal.us-east-1.app.aws", "us-east-1",
               "https://ssoins-7223abcd.portal.us-east-1.app.aws/#/console?account_id=111111111111&role_name=Admin"),
              ("https://ssoins-7223abcd.portal.us-east-1.app.aws/", "us-east-1",
               "https://ssoins-7223abcd.portal.us-east-1.app.aws/#/console?account_id=111111111111&role_name=Admin"),
              ("https://start.us-gov-home.awsapps.com/directory/d-9067abcdef", "us-gov-west-1",
               "https://start.us-gov-home.awsapps.com/directory/d-9067abcdef/#/console?account_id=111111111111&role_name=Admin"),
              ("https://d-123.awsapps.com/start?lang=en", "us-east-1",
               "https://d-123.awsapps.com/start/?lang=en#/console?account_id=111111111111&role_name=Admin"),
          ])
    func otherPortalForms(startURL: String, region: String, link: String) throws {
        // GIVEN a portal URL of another shape WHEN sw console --print runs THEN the fragment route follows its path (a query stays before it)
        let r = try portalLink(startURL: startURL, ssoRegion: region)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == link + "\n")
    }

    @Test("a legacy profile's own start URL is used, and a role name's punctuation is percent-encoded")
    func legacyAndEncoding() throws {
        // GIVEN a legacy SSO profile whose role name holds + = , . @ - _
        let fixture = try ConsoleFixture(config: """
            [profile old]
            sso_start_url = https://legacy.awsapps.com/start#/
            sso_region = eu-west-1
            sso_account_id = 012345678901
            sso_role_name = Ops+Team=1,a.b@c-d_e
            """)
        // WHEN sw console --print runs for it
        let r = fixture.sw(["console", "--print", "old"])
        // THEN the account keeps its leading zero and the role is encoded strictly
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "https://legacy.awsapps.com/start/#/console?account_id=012345678901&role_name=Ops%2BTeam%3D1%2Ca.b%40c-d_e\n")
    }

    @Test("a destination is one encoded parameter: its ? & # % spaces and non-ASCII cannot leak into the link",
          arguments: [
              ("https://console.aws.amazon.com/s3/buckets/my-bucket?region=us-east-1&tab=objects#top",
               "https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fbuckets%2Fmy-bucket%3Fregion%3Dus-east-1%26tab%3Dobjects%23top"),
              ("https://us-west-2.console.aws.amazon.com/s3/object/b?prefix=50%25 off/Zürich",
               "https%3A%2F%2Fus-west-2.console.aws.amazon.com%2Fs3%2Fobject%2Fb%3Fprefix%3D50%2525%20off%2FZ%C3%BCrich"),
          ])
    func destination(destination: String, encoded: String) throws {
        // GIVEN an SSO profile and a console page with reserved characters
        // WHEN sw console --print --destination runs
        let r = try portalLink(startURL: "https://d-123.awsapps.com/start", extra: ["--destination", destination])
        // THEN the page is the destination parameter, encoded as a whole
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "https://d-123.awsapps.com/start/#/console?account_id=111111111111&role_name=Admin&destination=\(encoded)\n")
    }

    @Test("a destination on another partition's console than the portal's is refused, saying which")
    func destinationPartition() throws {
        // GIVEN a commercial portal WHEN the destination is a GovCloud console page THEN exit 1, stdout empty
        let r = try portalLink(startURL: "https://d-123.awsapps.com/start",
                               extra: ["--destination", "https://console.amazonaws-us-gov.com/s3"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("on the console of aws-us-gov"), "\(r.stderr)")
        #expect(r.stderr.contains("signs in to aws accounts"), "\(r.stderr)")
        // AND a GovCloud portal takes a GovCloud destination
        let gov = try portalLink(startURL: "https://start.us-gov-home.awsapps.com/directory/d-1", ssoRegion: "us-gov-west-1",
                                 extra: ["--destination", "https://console.amazonaws-us-gov.com/s3"])
        #expect(gov.status == 0, "\(gov.stderr)")
        #expect(gov.stdout.hasSuffix("&destination=https%3A%2F%2Fconsole.amazonaws-us-gov.com%2Fs3\n"))
    }

    @Test("a refused --destination is a usage error: exit 64, stdout empty, the reason on stderr")
    func badDestination() throws {
        let r = try portalLink(startURL: "https://d-123.awsapps.com/start",
                               extra: ["--destination", "https://console.aws.amazon.com.evil.example/"])
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--destination is refused: console.aws.amazon.com.evil.example is not an AWS console host"), "\(r.stderr)")
    }

    @Test("a start URL sw cannot link to, a missing sso-session section or account id, an account id that lost a digit, a start URL the session contradicts are refused",
          arguments: [
              ("""
               [profile dev]
               sso_start_url = http://d-123.awsapps.com/start
               sso_region = us-east-1
               sso_account_id = 111111111111
               sso_role_name = Admin
               """, "is not an access portal URL sw can link to: it does not start with https://"),
              ("""
               [profile dev]
               sso_session = nope
               sso_account_id = 111111111111
               sso_role_name = Admin
               """, "names sso_session 'nope'"),
              ("""
               [sso-session corp]
               sso_region = us-east-1
               [profile dev]
               sso_session = corp
               sso_account_id = 111111111111
               sso_role_name = Admin
               """, "has no sso_start_url"),
              ("""
               [profile dev]
               sso_start_url = https://d-123.awsapps.com/start
               sso_region = us-east-1
               sso_role_name = Admin
               """, "has no sso_account_id"),
              ("""
               [profile dev]
               sso_start_url = https://d-123.awsapps.com/start
               sso_region = us-east-1
               sso_account_id = 12345678901
               sso_role_name = Admin
               """, "sso_account_id '12345678901' of 'dev'"),
              ("""
               [sso-session corp]
               sso_start_url = https://d-123.awsapps.com/start
               sso_region = us-east-1
               [profile dev]
               sso_session = corp
               sso_start_url = https://d-456.awsapps.com/start
               sso_account_id = 111111111111
               sso_role_name = Admin
               """, "has sso_start_url https://d-456.awsapps.com/start and its [sso-session corp]"),
          ])
    func refusedSSO(config: String, reason: String) throws {
        let fixture = try ConsoleFixture(config: config)
        let r = fixture.sw(["console", "--print", "dev"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(reason), "\(r.stderr)")
    }
}

@Suite("sw console: the console's switch-role page for assume-role profiles")
struct SwitchRoleLinkTests {
    @Test("the sign-in host is the role's partition's", arguments: [
        ("arn:aws:iam::666666666666:role/Deployer", "https://signin.aws.amazon.com/switchrole"),
        ("arn:aws-us-gov:iam::666666666666:role/Deployer", "https://signin.amazonaws-us-gov.com/switchrole"),
        ("arn:aws-cn:iam::666666666666:role/Deployer", "https://signin.amazonaws.cn/switchrole"),
    ])
    func partitions(arn: String, page: String) throws {
        // GIVEN a role in a partition WHEN sw console --print runs THEN the page is on that partition's sign-in host
        let r = try switchRoleLink(arn: arn)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "\(page)?account=666666666666&roleName=Deployer&displayName=role\n")
    }

    @Test("a role with a path is named with its path, as the console's Switch Role wants it")
    func rolePath() throws {
        let r = try switchRoleLink(arn: "arn:aws:iam::666666666666:role/team/ci/deploy")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "https://signin.aws.amazon.com/switchrole?account=666666666666&roleName=team%2Fci%2Fdeploy&displayName=role\n")
    }

    @Test("a path and name over the console's 64 characters are refused: the switch would fail")
    func longRole() throws {
        let role = "platform/" + String(repeating: "x", count: 56)
        let r = try switchRoleLink(arn: "arn:aws:iam::666666666666:role/\(role)")
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("are 65 characters"), "\(r.stderr)")
    }

    @Test("the display name is the profile name, cut to the console's 64 characters with an ellipsis")
    func displayName() throws {
        // GIVEN a profile whose name is 70 characters WHEN the link is made THEN displayName keeps 63 and adds …
        let name = String(repeating: "p", count: 70)
        let r = try switchRoleLink(arn: "arn:aws:iam::666666666666:role/Deployer", profile: name)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("&displayName=\(String(repeating: "p", count: 63))%E2%80%A6\n"))
        #expect(SwitchRoleLink.displayName("dev") == "dev")
        #expect(SwitchRoleLink.displayName(String(repeating: "é", count: 64)) == String(repeating: "é", count: 64))
        #expect(SwitchRoleLink.displayName(String(repeating: "☁", count: 65)).utf16.count == 64)
    }

    @Test("a destination becomes redirect_uri on the same partition, and is refused on another")
    func destination() throws {
        let r = try switchRoleLink(arn: "arn:aws:iam::666666666666:role/Deployer",
                                   extra: ["--destination", "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "https://signin.aws.amazon.com/switchrole?account=666666666666&roleName=Deployer&displayName=role"
            + "&redirect_uri=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fec2%2Fhome%3Fregion%3Deu-west-1\n")
        let china = try switchRoleLink(arn: "arn:aws:iam::666666666666:role/Deployer",
                                       extra: ["--destination", "https://console.amazonaws.cn/s3"])
        #expect(china.status == 1)
        #expect(china.stdout.isEmpty)
        #expect(china.stderr.contains("on the console of aws-cn"), "\(china.stderr)")
    }

    @Test("a partition sw has no sign-in host for, and an ARN that is no role, are refused saying which")
    func unknownPartition() throws {
        let iso = try switchRoleLink(arn: "arn:aws-iso:iam::666666666666:role/Deployer")
        #expect(iso.status == 1)
        #expect(iso.stdout.isEmpty)
        #expect(iso.stderr.contains("is in partition 'aws-iso', whose console sw does not know (it knows aws, aws-us-gov, aws-cn)"), "\(iso.stderr)")
        let user = try switchRoleLink(arn: "arn:aws:iam::666666666666:user/bob")
        #expect(user.status == 1)
        #expect(user.stderr.contains("is not an IAM role ARN"), "\(user.stderr)")
    }

    @Test("a role assumed with an external_id gets its link and a note that the console cannot pass one")
    func externalID() throws {
        let r = try switchRoleLink(arn: "arn:aws:iam::666666666666:role/Deployer", extraKeys: "external_id = shared-123")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("https://signin.aws.amazon.com/switchrole?"))
        #expect(r.stderr.contains("external_id"), "\(r.stderr)")
        #expect(!r.stderr.contains("shared-123"))
    }
}
