import Foundation
import Testing
import TestSupport

@Suite("sw console, the binary")
struct ConsoleBinaryTests {
    private var exampleHome: String { repositoryRoot.appendingPathComponent("examples/home").path }

    @Test("sw console --print NAME prints the link, one line, and exits 0")
    func printsLink() throws {
        let r = try Harness.sw(["console", "--print", "teleport-awsic-prod-reader"],
                               environment: ["HOME": exampleHome, "SW_INDEX_CACHE": "off", "PATH": "/usr/bin:/bin"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "https://d-9067c4a1b2.awsapps.com/start/#/console?account_id=111111111111&role_name=Reader\n")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test("a refused profile: stdout empty, exit 1, the example's secret key nowhere")
    func refusalLeavesStdoutEmpty() throws {
        let r = try Harness.sw(["console", "ci-base"], environment: ["HOME": exampleHome, "SW_INDEX_CACHE": "off", "DISPLAY": ":0"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("sw: error: 'ci-base' signs in with access keys"), "\(r.stderr)")
        #expect(!r.stderr.contains("example/secret/not/real"))
    }

    @Test("the browser really starts, with the link as its argument, and what it prints never reaches sw's stdout")
    func startsBrowser() throws {
        // GIVEN a fake browser that writes its arguments to a file and chatters on both streams
        let home = try TemporaryHome("sw-console-binary")
        try home.write("[profile base]\nregion = us-east-1\n[profile deploy]\nrole_arn = arn:aws:iam::666666666666:role/Deployer\nsource_profile = base\n",
                       to: ".aws/config")
        let record = home.path("browser-args")
        try home.writeExecutable("#!/bin/sh\necho browser-stdout\necho browser-stderr >&2\nprintf '%s\\n' \"$@\" > \"\(record).tmp\"\nmv \"\(record).tmp\" \"\(record)\"\n",
                                 to: "bin/fakebrowser")
        // WHEN sw console runs with BROWSER naming it, on a display
        let r = try Harness.sw(["console", "deploy"], environment: ["HOME": home.root.path, "SW_INDEX_CACHE": "off", "DISPLAY": ":0",
                                                                      "PATH": home.path("bin") + ":/usr/bin:/bin", "BROWSER": "fakebrowser --x %s"])
        // THEN sw's stdout is the link only, and the browser got it as one argument
        let link = "https://signin.aws.amazon.com/switchrole?account=666666666666&roleName=Deployer&displayName=deploy"
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == link + "\n")
        #expect(!r.stderr.contains("browser-stderr"))
        // The browser runs on its own: wait for its file (generously; it only ever takes long on a loaded machine).
        var arguments: String?
        for _ in 0..<200 where arguments == nil {
            arguments = home.read("browser-args").map { String(decoding: $0, as: UTF8.self) }
            if arguments == nil { usleep(50_000) }
        }
        #expect(arguments == "--x\n\(link)\n")
    }
}
