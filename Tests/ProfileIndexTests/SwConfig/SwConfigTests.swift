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

@Test("sw's config: AWS_REGION / AWS_DEFAULT_REGION in [env] are the region of matching profiles, not plain variables; two different values are a problem")
func swConfigRegion() {
    let text = """
        [env teleport-awsic-*]
        AWS_REGION = eu-west-1
        KUBECONFIG = ~/.kube/tsh

        [env teleport-awsic-prod-*]
        AWS_DEFAULT_REGION = us-east-2

        [env odd]
        AWS_REGION = eu-west-1
        AWS_DEFAULT_REGION = us-east-1
        """
    let config = SwConfig(path: "/c.ini", bytes: Array(text.utf8), home: "/home/u")
    #expect(config.region(for: "teleport-awsic-dev-admin")?.value == "eu-west-1")
    #expect(config.region(for: "teleport-awsic-dev-admin")?.location.line == 2)
    #expect(config.region(for: "teleport-awsic-prod-admin")?.value == "us-east-2")
    #expect(config.region(for: "other") == nil)
    #expect(config.variables(for: "teleport-awsic-dev-admin").map(\.name) == ["KUBECONFIG"])
    #expect(config.region(for: "odd")?.value == "eu-west-1")
    #expect(config.problems.map(\.location.line) == [10])
}
