import Foundation
@testable import Switcher
import Testing
import TestSupport

@Suite("sw console: which profile, and the kinds it refuses")
struct ConsoleCommandTests {
    @Test("profiles without an SSO or assume-role link are refused: exit 1, stdout empty, why on stderr, no secret",
          arguments: [
              ("keys", "signs in with access keys (static-keys)"),
              ("tool", "gets its credentials from credential_process (credential-process)"),
              ("web", "assumes its role with a web identity token (web-identity)"),
              ("settings-only", "has no credentials of its own (no-credentials)"),
              ("broken", "is a profile the AWS CLI cannot use (invalid"),
          ])
    func refusedKinds(name: String, reason: String) throws {
        // GIVEN a home with one profile of each kind, keys in the config file
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        // WHEN sw console runs for a profile of a kind without a link (a browser could be opened)
        let browser = RecordingBrowser()
        let r = fixture.sw(["console", name], processes: browser)
        // THEN it exits 1 with nothing on stdout, says why, starts nothing and never shows the secret
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("sw: error: '\(name)' "), "\(r.stderr)")
        #expect(r.stderr.contains(reason), "\(r.stderr)")
        #expect(browser.started.isEmpty)
        #expect(!r.stderr.contains("SECRET-STATIC-KEY"))
        if name != "broken" && name != "settings-only" {
            #expect(r.stderr.contains("GetSigninToken"), "\(r.stderr)")
        }
    }

    @Test("keys in the credentials file are refused the same way, and the secret stays out of stderr")
    func credentialsFileKeys() throws {
        let fixture = try ConsoleFixture(config: "[profile ci]\nregion = us-east-1\n",
                                         credentials: "[ci]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = SECRET-IN-CREDENTIALS\n")
        let r = fixture.sw(["console", "--print", "ci"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("static-keys"), "\(r.stderr)")
        #expect(!r.stderr.contains("SECRET-IN-CREDENTIALS"))
    }

    @Test("a granted profile's refusal names granted's own console command")
    func grantedProfile() throws {
        let fixture = try ConsoleFixture(config: """
            [profile sandbox]
            granted_sso_start_url = https://d-123.awsapps.com/start
            granted_sso_region = us-east-1
            granted_sso_account_id = 777777777777
            granted_sso_role_name = Sandbox
            common_fate_generated_from = aws-sso
            credential_process = granted credential-process --profile sandbox
            """)
        let r = fixture.sw(["console", "--print", "sandbox"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("granted opens its console: assume -c sandbox"), "\(r.stderr)")
    }

    @Test("NAME is matched as sw use matches it: without the generator prefix, by account id, by role")
    func forgivingName() throws {
        // GIVEN the example home (Teleport-generated SSO profiles, a hand-written assume-role chain)
        let home = repositoryRoot.appendingPathComponent("examples/home").path
        let env = ["HOME": home, "SW_INDEX_CACHE": "off", "PATH": "/nonexistent"]
        for (query, link) in [
            ("prod-reader", "https://d-9067c4a1b2.awsapps.com/start/#/console?account_id=111111111111&role_name=Reader"),
            ("333333333333", "https://d-9067c4a1b2.awsapps.com/start/#/console?account_id=333333333333&role_name=PowerUser"),
            ("Deployer", "https://signin.aws.amazon.com/switchrole?account=666666666666&roleName=Deployer&displayName=deploy"),
        ] {
            // WHEN sw console --print runs with a forgiving name
            let r = InProcess.sw(["console", "--print", query], environment: env)
            // THEN the matched profile's link is printed, and stderr says how the name matched
            #expect(r.status == 0, "\(query): \(r.stderr)")
            #expect(r.stdout == link + "\n", "\(query)")
            #expect(r.stderr.contains("'\(query)' is "), "\(r.stderr)")
        }
    }

    @Test("an ambiguous name off a terminal is the ambiguity error, as for sw use")
    func ambiguousName() throws {
        let home = repositoryRoot.appendingPathComponent("examples/home").path
        let r = InProcess.sw(["console", "--print", "reader"], environment: ["HOME": home, "SW_INDEX_CACHE": "off"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("matches 2 profiles"), "\(r.stderr)")
    }

    @Test("without NAME the profile is $AWS_PROFILE's")
    func currentProfile() throws {
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        var env = fixture.environment
        env["AWS_PROFILE"] = "deploy"
        let r = fixture.sw(["console", "--print"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "https://signin.aws.amazon.com/switchrole?account=666666666666&roleName=Deployer&displayName=deploy\n")
    }

    @Test("without NAME, AWS_PROFILE or a terminal: an error saying what to do, stdout empty")
    func noProfile() throws {
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        for profile in [nil, ""] as [String?] {
            var env = fixture.environment
            env["AWS_PROFILE"] = profile
            let r = fixture.sw(["console"], environment: env, processes: RecordingBrowser())
            #expect(r.status == 1)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr == "sw: error: name a profile (sw console NAME): AWS_PROFILE is not set and there is no terminal to pick one on\n")
        }
    }

    @Test("a name that matches nothing: the did-you-mean error, stdout empty")
    func unknownName() throws {
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        let r = fixture.sw(["console", "--print", "deplyo"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("no profile matches 'deplyo'"), "\(r.stderr)")
    }
}
