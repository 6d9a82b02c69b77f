import Testing

@Test("sw --version prints a version on stdout and exits 0")
func versionFlag() throws {
    let result = try Harness.sw(["--version"], environment: ["PATH": "/usr/bin:/bin"])
    #expect(result.status == 0)
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
}
