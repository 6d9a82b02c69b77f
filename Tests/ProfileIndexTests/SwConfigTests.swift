import Testing
@testable import ProfileIndex

@Test("sw's config: aliases, env rules by glob with later rules winning, ~ expanded, and problems with their line")
func swConfigParses() {
    let text = """
        [alias]
        prod = teleport-awsic-prod-reader

        [env teleport-awsic-prod-*]
        KUBECONFIG = ~/.kube/prod
        TF_WORKSPACE = prod

        [env *-reader]
        TF_WORKSPACE = readonly
        AWS_PROFILE = hijack

        [login]
        auto = yes

        [colours]
        x = 1
        broken line
        """
    let config = SwConfig(path: "/c.ini", bytes: Array(text.utf8), home: "/home/u")
    #expect(config.aliases == ["prod": "teleport-awsic-prod-reader"])
    #expect(config.autoLogin)
    let vars = config.variables(for: "teleport-awsic-prod-reader")
    #expect(vars.map(\.name) == ["KUBECONFIG", "TF_WORKSPACE"])
    #expect(vars.map(\.value) == ["/home/u/.kube/prod", "readonly"])
    #expect(config.variables(for: "staging-admin").isEmpty)
    // Reserved names, unknown sections and unparseable lines are reported with their lines.
    let lines = config.problems.map(\.location.line).sorted()
    #expect(lines == [10, 15, 17])
}
