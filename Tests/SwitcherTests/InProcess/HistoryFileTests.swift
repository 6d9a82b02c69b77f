import Foundation
import ProfileIndex
import ProfileSearch
@testable import Switcher
import Testing

@Suite("Picker history file")
struct HistoryFileTests {
    func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sw-history-\(UUID().uuidString)").path
        return dir + "/state/sw/history"
    }

    @Test("the history lives under XDG_STATE_HOME, else ~/.local/state")
    func location() {
        #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/sw/history")
        #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/sw/history")
        #expect(HistoryFile.path(environment: ["HOME": "/h"]) == "/h/.local/state/sw/history")
        #expect(HistoryFile.path(environment: [:]) == nil)
    }

    @Test("a pick that cannot be recorded says which folder could not be made, and why")
    func unwritableHistory() throws {
        // GIVEN a history whose folder would have to be made inside a regular file
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("sw-history-\(UUID().uuidString)").path
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocker))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let file = HistoryFile(path: blocker + "/sw/history", files: LocalFileSystem())
        // WHEN a pick is appended
        let result = file.append(HistoryEntry(time: 1, profile: "p", query: ""))
        // THEN the error names the folder and the reason, and nothing is read back
        guard case .failure(let error) = result, case .cannotCreate(let directory, _) = error else {
            Issue.record("expected cannotCreate, got \(result)")
            return
        }
        #expect(directory == blocker + "/sw")
        #expect(error.description == "cannot create \(blocker)/sw: Not a directory")
        #expect(file.read().isEmpty)
    }

    @Test("writers appending at once lose nothing and corrupt nothing")
    func concurrentAppends() async throws {
        // GIVEN eight writers, each with its own open file (as separate shells have)
        let path = try scratch()
        let writers = 8, perWriter = 150
        // WHEN they all append at once
        await withTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    let file = HistoryFile(path: path, files: LocalFileSystem())
                    for i in 0..<perWriter {
                        if case .failure(let error) = file.append(HistoryEntry(time: Double(i), profile: "writer-\(w)", query: "q \(i)\tx")) {
                            Issue.record("append failed: \(error)")
                        }
                    }
                }
            }
        }
        // THEN every entry is there exactly once, and every line is whole
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let entries = HistoryFile(path: path, files: LocalFileSystem()).read()
        #expect(bytes.filter { $0 == 10 }.count == writers * perWriter)
        #expect(entries.count == writers * perWriter)
        for w in 0..<writers {
            let mine = entries.filter { $0.profile == "writer-\(w)" }.map(\.query)
            #expect(mine == (0..<perWriter).map { "q \($0)\tx" })
        }
    }

    @Test("trimming while others append keeps the file whole and the newest entries")
    func concurrentTrims() async throws {
        let path = try scratch()
        let writers = 6, perWriter = 200
        await withTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    var file = HistoryFile(path: path, files: LocalFileSystem())
                    file.keep = 20
                    for i in 0..<perWriter {
                        if case .failure(let error) = file.append(HistoryEntry(time: Double(i), profile: "writer-\(w)", query: String(i))) {
                            Issue.record("append failed: \(error)")
                        }
                    }
                }
            }
        }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let entries = HistoryEntry.parse(bytes)
        #expect(bytes.last == 10)
        #expect(bytes.filter { $0 == 10 }.count == entries.count)
        // Trimming starts once the file passes keep * 2 * 40 bytes.
        #expect(entries.count >= 20 && bytes.count <= 20 * 2 * 40 + 32)
        // Trimming drops only the oldest: what is left of each writer is the end of its sequence.
        for w in 0..<writers {
            let mine = entries.filter { $0.profile == "writer-\(w)" }.compactMap { Int($0.query) }
            if let first = mine.first { #expect(mine == Array(first..<perWriter), "writer \(w)") }
        }
        #expect(entries.last?.query == String(perWriter - 1))
    }
}
