#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `sw`'s own settings, in the INI format of `~/.aws/config` itself and read by the same
/// configparser-exact parser (JSON was the alternative, but Foundation's decoder cannot say on
/// which line a syntax error is):
///
/// ```ini
/// [alias]
/// prod = teleport-awsic-prod-reader
///
/// [env teleport-awsic-prod-*]
/// KUBECONFIG = ~/.kube/prod
/// TF_WORKSPACE = prod
///
/// [login]
/// auto = true
/// device_code = auto
/// ```
///
/// `[env GLOB]` sections apply to profiles whose name matches the glob (`fnmatch`); a later
/// section overrides an earlier one for the same variable. A leading `~/` in a value is expanded.
/// `AWS_REGION` / `AWS_DEFAULT_REGION` in an `[env]` section give a region to matching profiles
/// that have none in their `source_profile` chain (`tsh aws-profile` writes none); `sw use` then
/// sets both variables to it, as for a region of the profile itself.
public struct SwConfig: Sendable {
    /// One `NAME = value` of an `[env]` section. The name is as written: the shell layer checks
    /// that it is a valid variable name before anything is rendered.
    public struct Variable: Sendable, Hashable {
        public var name: String
        public var value: String
        public var location: SourceLocation
    }

    public struct EnvRule: Sendable, Hashable {
        public var pattern: String
        public var variables: [Variable]
        public var location: SourceLocation

    }

    public var path: String
    public var aliases: [String: String] = [:]
    public var envRules: [EnvRule] = []
    /// `[login] auto = true`: `sw use` logs in when the profile's SSO session needs it.
    public var autoLogin = false
    /// `[login] device_code`: whether logins sw runs use the device code flow.
    public var deviceCode = DeviceCode.auto

    /// The device code flow needs no browser on this machine: the user types a code on any
    /// device. The default flow since AWS CLI 2.22.0 (authorization code) needs the browser to
    /// reach a callback on this machine's 127.0.0.1, which an SSH session cannot give.
    public enum DeviceCode: String, Sendable, CaseIterable {
        /// Always pass the device-code flag.
        case always
        /// Never pass it.
        case never
        /// Pass it when the session is remote or has no display.
        case auto
    }
    /// What is wrong in the file (SW8xx warnings), each at its line; the rest of the file still
    /// applies.
    public var problems: [Problem] = []

    /// Variables `sw use` manages itself; an `[env]` section may not set them.
    public static let reservedNames: Set<String> = [
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
    ]
    /// Allowed in `[env]`, but as the region of profiles without one (`region(for:)`), not as
    /// plain variables: `sw use` sets both to one value.
    public static let regionNames: Set<String> = ["AWS_REGION", "AWS_DEFAULT_REGION"]

    /// `$SW_CONFIG`, else `$XDG_CONFIG_HOME/sw/config.ini`, else `~/.config/sw/config.ini`.
    public static func path(environment: [String: String]) -> String {
        if let explicit = environment["SW_CONFIG"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/sw/config.ini" }
        return AWSPaths.home(environment) + "/.config/sw/config.ini"
    }

    /// Reads the config; a missing file is an empty config, an unreadable one is a problem.
    public static func load(environment: [String: String], fileSystem: any FileSystem) -> SwConfig {
        let path = path(environment: environment)
        let (state, bytes) = FileReader.read(path, in: fileSystem, limit: 1_048_576)
        switch state {
        case .missing: return SwConfig(path: path)
        case .unusable(let why):
            var config = SwConfig(path: path)
            config.problem(.swConfigUnreadable, at: SourceLocation(file: path, line: 0), "\(path) \(why)")
            return config
        case .read: return SwConfig(path: path, bytes: bytes, home: AWSPaths.home(environment))
        }
    }

    public init(path: String) {
        self.path = path
    }

    public init(path: String, bytes: [UInt8], home: String) {
        self.path = path
        let doc = INIDocument(bytes: bytes, preserveKeyCase: true)
        for failure in doc.failures {
            problem(.swConfigUnparseable, at: SourceLocation(file: path, line: failure.line), failure.failure.explanation)
        }
        for section in doc.sections {
            let at = SourceLocation(file: path, line: section.line)
            let words = PythonText.shlexSplit(section.name) ?? []
            switch (words.first, words.count) {
            case ("alias", 1):
                for option in section.options {
                    guard let target = option.value.string, !target.isEmpty else {
                        problem(.swConfigAliasEmpty, at: SourceLocation(file: path, line: option.line), "alias '\(option.key)' needs a profile name")
                        continue
                    }
                    aliases[option.key] = target
                }
            case ("env", 2):
                var rule = EnvRule(pattern: words[1], variables: [], location: at)
                for option in section.options {
                    let line = SourceLocation(file: path, line: option.line)
                    guard !SwConfig.reservedNames.contains(option.key), !option.key.hasPrefix("SW_") else {
                        problem(.swConfigVariableReserved, at: line, "\(option.key) is set by sw use itself and cannot be set in [env]")
                        continue
                    }
                    guard case .string(var value) = option.value, !value.utf8.contains(0) else {
                        problem(.swConfigValueNotOneLine, at: line, "the value of \(option.key) must be a single line")
                        continue
                    }
                    if value == "~" || value.hasPrefix("~/") { value = home + value.dropFirst() }
                    if SwConfig.regionNames.contains(option.key),
                       let other = rule.variables.first(where: { SwConfig.regionNames.contains($0.name) && $0.value != value }) {
                        problem(.swConfigRegionsDisagree, at: line,
                                "\(option.key) = \(value) differs from \(other.name) = \(other.value) at line \(other.location.line): sw use sets both region variables to one value, so give one")
                        continue
                    }
                    rule.variables.append(Variable(name: option.key, value: value, location: line))
                }
                envRules.append(rule)
            case ("login", 1):
                for option in section.options {
                    if option.key.lowercased() == "device_code" {
                        if let choice = option.value.string.flatMap({ DeviceCode(rawValue: $0.lowercased()) }) {
                            deviceCode = choice
                        } else {
                            problem(.swConfigDeviceCodeUnknown, at: SourceLocation(file: path, line: option.line),
                                    "[login] device_code must be always, never or auto")
                        }
                        continue
                    }
                    guard option.key.lowercased() == "auto" else {
                        problem(.swConfigLoginUnknown, at: SourceLocation(file: path, line: option.line), "unknown setting '\(option.key)' in [login] (known: auto, device_code)")
                        continue
                    }
                    switch option.value.string?.lowercased() {
                    case "true", "yes", "on", "1": autoLogin = true
                    case "false", "no", "off", "0": autoLogin = false
                    default:
                        problem(.swConfigLoginNotBoolean, at: SourceLocation(file: path, line: option.line), "[login] auto must be true or false")
                    }
                }
            default:
                problem(.swConfigSectionUnknown, at: at, "unknown section [\(section.name)] (known: [alias], [env GLOB], [login])")
            }
        }
    }

    private mutating func problem(_ code: Problem.Code, at location: SourceLocation, _ message: String) {
        problems.append(Problem(code, .warning, at: location, message))
    }

    /// The extra variables for a profile: every matching `[env]` rule, later ones winning.
    /// The region variables are not among them (see `region(for:)`).
    public func variables(for profile: String) -> [Variable] {
        var result: [Variable] = []
        for rule in envRules where fnmatch(rule.pattern, profile, 0) == 0 {
            for variable in rule.variables where !SwConfig.regionNames.contains(variable.name) {
                result.removeAll { $0.name == variable.name }
                result.append(variable)
            }
        }
        return result
    }

    /// The region `[env]` rules give a profile (`AWS_REGION` / `AWS_DEFAULT_REGION`; the later
    /// matching rule wins), with where it is written.
    public func region(for profile: String) -> Variable? {
        var result: Variable?
        for rule in envRules where fnmatch(rule.pattern, profile, 0) == 0 {
            if let region = rule.variables.last(where: { SwConfig.regionNames.contains($0.name) }) { result = region }
        }
        return result
    }
}
