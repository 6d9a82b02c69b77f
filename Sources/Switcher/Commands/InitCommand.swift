import ArgumentParser
import ShellHooks

extension SwitcherCommand {
    struct Init: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Print the shell integration: add eval \"$(sw init bash)\" (or zsh, fish) to your shell's rc file.",
            discussion: "For fish: sw init fish | source (in ~/.config/fish/config.fish).")

        @Argument(help: "bash, zsh or fish (default: from $SHELL).")
        var shell: Shell?

        func run(_ context: Context) throws {
            let target = try shell ?? ShellOption.resolveLogin(context)
            context.stdout.write(InitScript.text(for: target))
        }
    }
}

extension ShellOption {
    /// For `sw init`: only $SHELL counts (SW_SHELL describes the shell already set up).
    static func resolveLogin(_ context: Context) throws -> Shell {
        if let login = context.environment["SHELL"], let shell = Shell(path: login) { return shell }
        throw SwitcherError("cannot tell your shell from SHELL=\(context.environment["SHELL"] ?? "unset"); run sw init bash, sw init zsh or sw init fish", exitCode: 64)
    }
}
