import ArgumentParser
import Foundation
@testable import Switcher
import Testing
import TestSupport

/// The subcommands, as sw itself defines them.
private let subcommands = SwitcherCommand.configuration.subcommands.map { $0.configuration.commandName ?? "" }

/// The subcommands whose stdout a shell evaluates: the ones that take `--shell`, except `export`:
/// its stdout is credentials that a person evaluates, redirects or pipes (`--format json` and
/// `dotenv` must reach stdout), so `sw init`'s function runs it untouched.
private let evaluated = SwitcherCommand.configuration.subcommands
    .filter { $0.helpMessage(columns: 200).contains("--shell <shell>") }
    .map { $0.configuration.commandName ?? "" }
    .filter { $0 != "export" }

private func file(_ relative: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent(relative), encoding: .utf8)
}

/// The words of the first line of `text` that matches `pattern`'s capture, split by `separator`.
private func words(in text: String, _ pattern: Regex<(Substring, Substring)>, separator: String) throws -> [String] {
    let match = try #require(text.firstMatch(of: pattern), "no line matches in the script")
    return match.1.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

@Suite("the shell scripts name the subcommands sw has")
struct SubcommandListTests {
    @Test("the subcommands that take --shell are use, pick and off (the ones sw init's function evaluates)")
    func evaluatedSubcommands() {
        #expect(evaluated == ["use", "pick", "off"])
        #expect(Set(evaluated).isSubset(of: subcommands))
    }

    @Test("sw init's functions evaluate exactly the subcommands that take --shell, and their comments say which")
    func functionsEvaluateTheShellSubcommands() throws {
        let bash = try file("shell/sw.bash"), zsh = try file("shell/sw.zsh"), fish = try file("shell/sw.fish")
        #expect(try words(in: bash, /\n        ([a-z |]+)\)\n/, separator: "|") == evaluated)
        #expect(try words(in: zsh, /\n        \(([a-z|]+)\)\n/, separator: "|") == evaluated)
        #expect(try words(in: fish, /\n        case ([a-z ]+)\n/, separator: " ") == evaluated)
        for script in [bash, zsh, fish] {
            #expect(script.contains("environment (\(evaluated.joined(separator: ", ")))"))
        }
    }

    @Test("the completion scripts offer every subcommand and no other")
    func completionsOfferEverySubcommand() throws {
        let bash = try file("shell/completions/sw.bash"), zsh = try file("shell/completions/_sw"), fish = try file("shell/completions/sw.fish")
        let offered = subcommands + ["help"]
        #expect(try words(in: bash, /compgen -W '([a-z ]+)'/, separator: " ") == offered)
        #expect(try words(in: zsh, /\n        ([a-z|]+)\)\n/, separator: "|") == offered)
        let fishNames = fish.matches(of: /__sw_should_offer_completions_for_positional "sw" -eq 1' -fa '([a-z]+)'/).map { String($0.1) }
        #expect(fishNames == offered)
    }
}
