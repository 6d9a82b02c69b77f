import Foundation
import Testing
import TestSupport

@Test("sw --version prints a version on stdout and exits 0")
func versionFlag() throws {
    let result = try Harness.sw(["--version"], environment: ["PATH": "/usr/bin:/bin"])
    #expect(result.status == 0)
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
}

@Test("a command line run in-process writes the binary's bytes: version, usage errors, sw's own errors, exit codes",
      arguments: [["--version"], ["list", "--bogus"], ["nosuchcommand"], ["exec", "dev"], ["use", "dev"],
                  ["show", "nosuch"], ["current"], ["current", "--format", "%x"], ["list", "--names"], ["off", "--shell", "fish"]])
func inProcessMatchesBinary(arguments: [String]) throws {
    let home = try TemporaryHome("sw-same-bytes")
    try home.write("[profile dev]\nregion = eu-west-1\n", to: ".aws/config")
    let env = ["HOME": home.root.path, "PATH": "/usr/bin:/bin", "SW_INDEX_CACHE": "off", "AWS_PROFILE": arguments == ["current"] ? "" : "dev"]
    let binary = try Harness.sw(arguments, environment: env)
    let inProcess = InProcess.sw(arguments, environment: env)
    #expect(inProcess.stdout == binary.stdout)
    #expect(inProcess.stderr == binary.stderr)
    #expect(inProcess.status == binary.status)
}
