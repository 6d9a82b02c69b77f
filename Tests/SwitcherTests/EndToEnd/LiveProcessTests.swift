import Foundation
import ProfileIndex
@testable import Switcher
import Testing
import TestSupport

/// The live runner blocks its calling thread until an async spawn finishes, as sw's synchronous
/// commands need; a test calls it from a thread of its own, so that it never blocks one of the
/// few threads the tasks it waits for need.
private func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

@Suite("the live process runner")
struct LiveProcessTests {
    @Test("capture keeps the child's stdout and stderr apart")
    func captureKeepsStreamsApart() async throws {
        // GIVEN a child that prints on both streams
        // WHEN sw captures it
        let captured = try await onOwnThread {
            try SubprocessRunner().capture("/bin/sh", ["-c", "printf out; printf err >&2; exit 3"], environment: [:])
        }
        // THEN each stream is on its own, with the exit code
        #expect(captured.standardOutput == "out")
        #expect(captured.standardError == "err")
        #expect(captured.outcome == .exited(3))
    }

    @Test("a detached child leads a session of its own, reads /dev/null, and sw does not wait for it")
    func detachedChildHasItsOwnSession() async throws {
        // GIVEN a child that records its pid, session id and stdin, then outlives the call
        let home = try TemporaryHome()
        let out = home.url("child")
        let script = "read -r _ sid _ <<EOF\n$(cut -d' ' -f1,6 /proc/$$/stat)\nEOF\n"
            + "printf '%s %s %s\\n' \"$$\" \"$sid\" \"$(readlink /proc/$$/fd/0)\" > \"$1.tmp\"; mv \"$1.tmp\" \"$1\"; exec sleep 30"
        // WHEN sw starts it detached
        try await onOwnThread {
            try SubprocessRunner().startDetached("/bin/sh", ["-c", script, "sh", out.path], environment: ["PATH": "/usr/bin:/bin"])
        }
        // THEN the call returned before the child ended, and the child leads its own session
        // with /dev/null as stdin
        var fields: [Substring] = []
        for _ in 0..<500 where fields.isEmpty {
            if let text = try? String(contentsOf: out, encoding: .utf8) { fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
            else { usleep(10_000) }
        }
        try #require(fields.count == 3, "the detached child never wrote \(out.path)")
        #expect(fields[0] == fields[1], "session id \(fields[1]) is not the child's pid \(fields[0])")
        #expect(fields[2] == "/dev/null")
        // The child is this test process's own: reap it (the runner's monitoring task may reap it
        // first; then waitpid just fails), so that no zombie is left for swift-testing's exit-test
        // monitor, which waits for any child and would spin on it.
        if let pid = Int32(fields[0]) {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
        }
    }

    @Test("starting a program that does not exist throws the errno")
    func detachedStartFailureThrows() async {
        await #expect(throws: (any Error).self) {
            try await onOwnThread {
                try SubprocessRunner().startDetached("/nonexistent/browser", ["https://example.com"], environment: [:])
            }
        }
    }
}
