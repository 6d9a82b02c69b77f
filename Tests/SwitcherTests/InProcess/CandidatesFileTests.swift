import Foundation
import ProfileIndex
@testable import Switcher
import Testing

// `sw pick --filter Q --candidates-from FILE` reads the whole list; a file or stream over the
// limit is refused instead of exhausting memory or tripping the ranker's 31-bit offsets.
@Suite("Reading a candidates file")
struct CandidatesFileTests {
    let files = LocalFileSystem()

    @Test("a regular file is read whole up to the limit, and refused above it")
    func regularFileLimit() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sw-candidates-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = [UInt8]((0..<100).map { UInt8($0) })
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(SwitcherCommand.Pick.candidateLines(path, files: files, limit: 100) == bytes)
        #expect(SwitcherCommand.Pick.candidateLines(path, files: files, limit: 99) == nil)
    }

    @Test("an endless stream stops at the limit")
    func endlessStream() {
        #expect(SwitcherCommand.Pick.candidateLines("/dev/zero", files: files, limit: 100_000) == nil)
    }

    @Test("a missing file is nil")
    func missing() {
        #expect(SwitcherCommand.Pick.candidateLines("/nonexistent/sw-candidates", files: files) == nil)
    }
}
