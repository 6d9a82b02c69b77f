import ArgumentParser
import ProfileIndex
import ShellHooks

extension Shell: ExpressibleByArgument {
    // argument-parser's defaults for these describe each value by String interpolation, whose
    // first run looks conformances up at run time: ~1.4M instructions (3%) of a command that
    // takes such an option. The raw values are what those defaults produce.
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    /// No value has a description other than itself (what the default works out, at a cost).
    public static var allValueDescriptions: [String: String] { [:] }
}

/// `--shell`, for the commands whose stdout is evaluated by a shell. Each declares it as a plain
/// `@Option(help: ShellOption.help) var shell: Shell?` rather than an `@OptionGroup`: the nested
/// group cost every `sw use` about 1.3M instructions of argument-parser reflection (10 %).
enum ShellOption {
    static let help = ArgumentHelp("The shell that evaluates the output: bash, zsh or fish (default: the one `sw init` set up, else $SHELL).")

    /// `--shell`, else `SW_SHELL` (set by the function `sw init` installs), else `$SHELL`.
    static func resolve(_ shell: Shell?, _ context: Context) throws -> Shell {
        if let shell { return shell }
        if let recorded = context.environment["SW_SHELL"], let shell = Shell(rawValue: recorded) { return shell }
        if let login = context.environment["SHELL"], let shell = Shell(path: login) { return shell }
        throw SwitcherError("cannot tell which shell will evaluate the output (SHELL=\(context.environment["SHELL"] ?? "unset")); pass --shell bash, --shell zsh or --shell fish", exitCode: 64)
    }
}

extension Context {
    func loadSwConfig() -> SwConfig {
        let config = SwConfig.load(environment: environment)
        for problem in config.problems {
            let at = problem.location.map { $0.line > 0 ? $0.description : $0.file } ?? config.path
            warn("\(at): \(problem.message) (sw's own config; ignored, everything else still works)")
        }
        return config
    }

    /// Finds the profile a person meant, or fails with the candidates / suggestions.
    func resolveProfile(_ query: String, in index: Index, config: SwConfig) throws -> Profile {
        switch NameResolver(index: index, aliases: config.aliases).resolve(query) {
        case .found(let name, let how):
            if how != "exact name" { note("'\(query)' is \(name) (by \(how))") }
            return index.profile(named: name)!
        case .ambiguous(let names, let how):
            let shown = names.prefix(10).joined(separator: "\n  ")
            let more = names.count > 10 ? "\n  … and \(names.count - 10) more" : ""
            throw SwitcherError("'\(query)' matches \(names.count) profiles by \(how):\n  \(shown)\(more)\nbe more specific, or pick one with sw pick")
        case .notFound(let suggestions):
            var message = "no profile matches '\(query)' in \(index.config.path)"
            if !suggestions.isEmpty { message += "; did you mean: \(suggestions.joined(separator: ", "))?" }
            throw SwitcherError(message + " (sw list shows every profile)")
        }
    }

    /// The index for commands that switch: refuses when botocore cannot read the files, since no
    /// profile would work.
    func loadSwitchableIndex() throws -> Index {
        let index = try loadUsableIndex()
        for file in [index.config, index.credentials] {
            if let (failure, line) = file.parseFailures.first {
                throw SwitcherError("the AWS CLI cannot read \(file.path) (line \(line): \(failure.explanation)), so no profile works; fix that line first (sw doctor explains)")
            }
        }
        return index
    }

    /// The one stderr line that confirms a switch.
    func confirm(_ profile: Profile, index: Index) {
        let account = [profile.accountName, profile.accountID.map { profile.accountName == nil ? $0 : "(\($0))" }]
            .compactMap { $0 }.joined(separator: " ")
        var parts: [String] = []
        if !account.isEmpty { parts.append("account \(account)") }
        if let role = profile.roleName { parts.append("role \(role)") }
        parts.append("region \(index.effectiveRegion(of: profile.name) ?? "none")")
        note("using \(profile.name): " + parts.joined(separator: ", "))
    }
}
