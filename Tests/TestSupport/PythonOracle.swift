import Foundation
import Testing

/// A Python script that asks botocore (the reference) about a manifest of cases and prints one
/// JSON report on stdout.
public enum PythonOracle {
    /// Runs `script` on `manifest` and decodes its report. When the script cannot run, fails or
    /// prints something else, records an issue ending in `help` (what to install) and returns nil.
    public static func report<Report: Decodable>(_ type: Report.Type, script: URL, manifest: URL, help: String) -> Report? {
        let run: ChildRun
        do {
            run = try ChildProcess.run("/usr/bin/env", ["python3", script.path, manifest.path],
                                       environment: ProcessInfo.processInfo.environment, timeout: 600)
        } catch {
            Issue.record("cannot start python3 (\(error)). \(help)")
            return nil
        }
        guard run.status == 0, let report = try? JSONDecoder().decode(Report.self, from: Data(run.stdout.utf8)) else {
            Issue.record("the botocore oracle failed (exit \(run.status)): \(run.stderr.suffix(2000)) \(help)")
            return nil
        }
        return report
    }
}
