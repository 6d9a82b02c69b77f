import ArgumentParser

@main
struct SwitcherCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sw",
        abstract: "Switch AWS profiles fast, and know when a login is needed.",
        version: "0.1.0",
        subcommands: [Use.self, Pick.self, Off.self, Current.self, Exec.self, Init.self, List.self, Show.self, Sessions.self, Login.self, Doctor.self]
    )
}
