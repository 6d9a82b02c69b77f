import Foundation

/// What a child process wrote and how it ended.
public struct ChildRun: Sendable {
    public var stdout: String
    public var stderr: String
    public var status: Int32

    public init(stdout: String, stderr: String, status: Int32) {
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
    }
}

/// The one way tests start a program: arguments, exactly the given environment (nothing leaks in
/// from the test runner, so no test reads the developer's real ~/.aws), optional stdin and
/// working folder; stdout and stderr captured separately.
public enum ChildProcess {
    /// Runs `executable` to its end. With `stdoutFile`, stdout goes to that file (read back into
    /// the result) instead of a pipe. A hung child is stopped after `timeout` seconds, so the
    /// test fails on its output instead of hanging the suite.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                           stdin: String? = nil, workingDirectory: String? = nil, stdoutFile: URL? = nil,
                           timeout: Double = 120) throws -> ChildRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let err = Pipe(), input = Pipe()
        let out = Pipe()
        var outFile: FileHandle?
        if let stdoutFile {
            _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
            outFile = try FileHandle(forWritingTo: stdoutFile)
            process.standardOutput = outFile
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        try? outFile?.close()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        // Read both pipes concurrently so a chatty child cannot deadlock on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = stdoutFile == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        group.wait()
        process.waitUntilExit()
        watchdog.cancel()
        let stdoutText = stdoutFile.map { String(decoding: FileManager.default.contents(atPath: $0.path) ?? Data(), as: UTF8.self) }
            ?? String(decoding: outData, as: UTF8.self)
        return ChildRun(stdout: stdoutText, stderr: String(decoding: errData, as: UTF8.self), status: process.terminationStatus)
    }
}
