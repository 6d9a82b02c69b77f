import Foundation
import Testing

/// Runs the built `sw` executable the way a shell would: arguments, environment, optional stdin,
/// and captures stdout, stderr and the exit status separately.
struct SwRun {
    var stdout: String
    var stderr: String
    var status: Int32
}

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

    /// Runs `executable` with `arguments`; the environment is exactly `environment` (nothing leaks
    /// in from the test runner, so no test can read the developer's real ~/.aws).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    stdin: String? = nil, workingDirectory: String? = nil) throws -> SwRun {
        let process = Process()
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child cannot deadlock on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return SwRun(stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self),
                     status: process.terminationStatus)
    }

    static func sw(_ arguments: [String], environment: [String: String], stdin: String? = nil) throws -> SwRun {
        try run(swBinary, arguments, environment: environment, stdin: stdin)
    }
}

/// `sw list --json`'s output as an array of objects.
func jsonArray(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
}
