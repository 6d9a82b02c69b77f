#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ProfileIndex
import ShellHooks

extension SwitcherCommand {
    struct Exec: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "exec",
            abstract: "Run one command with a profile applied, without changing the shell.",
            discussion: "sw exec prod-reader -- aws s3 ls. The command replaces sw, so its exit code and signals are its own.")

        @Argument(help: "The profile (matched like sw use).", completion: ProfileNameCompletion.kind)
        var name: String

        @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.")
        var command: [String] = []

        func validate() throws {
            if command.isEmpty { throw ValidationError("give the command to run after --, e.g. sw exec \(name) -- aws sts get-caller-identity") }
        }

        func run(_ context: Context) throws {
            let index = try context.loadSwitchableIndex()
            let config = context.loadSwConfig()
            let profile = try context.resolveProfile(name, in: index, config: config)
            let plan = SwitchPlan.use(profile, index: index, environment: context.environment, config: config)
            do {
                try context.processes.replaceProcess(command[0], Array(command.dropFirst()), environment: context.environment,
                                                     applying: plan.change)
            } catch let failure as FileError {
                throw SwitcherError("cannot run \(command[0]): \(String(cString: strerror(failure.code)))",
                                    exitCode: failure.code == ENOENT ? 127 : 126)
            }
        }
    }
}
