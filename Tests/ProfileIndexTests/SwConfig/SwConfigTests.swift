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
    // Reserved names, unknown sections and unparseable lines are warnings with their ids and lines.
    let found = config.problems.map { "\($0.code.rawValue):\($0.location?.line ?? 0)" }.sorted()
    #expect(found == ["SW802:17", "SW804:10", "SW809:15"])
    #expect(config.problems.allSatisfy { $0.severity == .warning && $0.location?.file == "/c.ini" })
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
    #expect(config.problems.map(\.location?.line) == [10])
    #expect(config.problems.map(\.code) == [.swConfigRegionsDisagree])
}

@Test("sw's config: each kind of problem has its own stable id, at its line; an unreadable file is SW801 at line 0")
func swConfigProblemIDs() {
    let text = """
        [alias]
        empty =
        [env x]
        SW_FOO = 1
        MULTI =
          nested = b
        [login]
        colour = on
        auto = maybe
        device_code = sometimes
        [what]
        broken line
        """
    let config = SwConfig(path: "/c.ini", bytes: Array(text.utf8), home: "/home/u")
    let found = config.problems.map { "\($0.code.rawValue):\($0.location?.line ?? 0)" }.sorted()
    #expect(found == ["SW802:12", "SW803:2", "SW804:4", "SW805:5", "SW807:8", "SW808:9", "SW809:11", "SW810:10"])
    let unreadable = SwConfig.load(environment: ["SW_CONFIG": "/"], fileSystem: LocalFileSystem())
    #expect(unreadable.problems.map(\.code) == [.swConfigUnreadable])
    #expect(unreadable.problems.first?.location == SourceLocation(file: "/", line: 0))
}

@Test("[login] device_code is always, never or auto (any case); auto when absent")
func swConfigDeviceCode() {
    func choice(_ text: String) -> SwConfig {
        SwConfig(path: "/c.ini", bytes: Array(text.utf8), home: "/home/u")
    }
    #expect(choice("[login]\nauto = true\n").deviceCode == .auto)
    #expect(choice("[login]\ndevice_code = Always\n").deviceCode == .always)
    #expect(choice("[login]\ndevice_code = never\n").deviceCode == .never)
    let wrong = choice("[login]\ndevice_code = yes\n")
    #expect(wrong.deviceCode == .auto, "a value sw does not know leaves the default")
    #expect(wrong.problems.map(\.message) == ["[login] device_code must be always, never or auto"])
}
