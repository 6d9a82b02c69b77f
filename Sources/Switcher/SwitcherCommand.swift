import ArgumentParser

@main
struct SwitcherCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sw",
        abstract: "Switch AWS profiles fast, and know when a login is needed.",
        version: "0.1.0",
        subcommands: [List.self, Show.self, Sessions.self, Login.self]
    )
}
