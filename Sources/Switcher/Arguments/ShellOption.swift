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
