import Foundation
import Testing
import TestSupport

/// What one run of `sw` wrote and its exit status, in-process or from the binary.
typealias SwRun = ChildRun

enum Harness {
    /// The `sw` binary built beside this test bundle (SwiftPM puts products and test bundles in one
    /// folder); `SW_BIN` overrides it.
    static let swBinary: String = {
        if let explicit = ProcessInfo.processInfo.environment["SW_BIN"], !explicit.isEmpty {
            return explicit
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("sw").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        fatalError("cannot find the built sw binary near \(exe.path); set SW_BIN")
    }()

    /// Runs `executable` with `arguments`; the environment is exactly `environment`.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    stdin: String? = nil, workingDirectory: String? = nil) throws -> SwRun {
        try ChildProcess.run(executable, arguments, environment: environment, stdin: stdin ?? "",
                             workingDirectory: workingDirectory)
    }

    /// Runs the real `sw` binary.
    static func sw(_ arguments: [String], environment: [String: String], stdin: String? = nil) throws -> SwRun {
        try run(swBinary, arguments, environment: environment, stdin: stdin)
    }
}

/// `sw list --json`'s output as an array of objects.
func jsonArray(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
}
