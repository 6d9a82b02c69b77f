import Foundation
@testable import Switcher
import Testing

// `sw pick --candidates-from FILE` reads the whole list; a file or stream over the limit is
// refused instead of exhausting memory or tripping the ranker's 31-bit offsets.
@Suite("Reading a candidates file")
struct ReadFileTests {
    @Test("a regular file is read whole up to the limit, and refused above it without reading it")
    func regularFileLimit() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sw-readfile-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = [UInt8]((0..<100).map { UInt8($0) })
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(readFile(path, limit: 100) == bytes)
        #expect(readFile(path, limit: 99) == nil)
    }

    @Test("an endless stream stops at the limit")
    func endlessStream() {
        #expect(readFile("/dev/zero", limit: 100_000) == nil)
    }

    @Test("a missing file is nil")
    func missing() {
        #expect(readFile("/nonexistent/sw-candidates") == nil)
    }
}
