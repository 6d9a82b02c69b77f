import Foundation
import Testing
@testable import ProfileIndex

/// A scratch folder with `layout` (relative path -> mode; a trailing `/` makes a folder).
private func scratch(_ layout: [String: Int]) throws -> String {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("sw-exec-\(UUID().uuidString)").path
    for (path, mode) in layout.sorted(by: { $0.key < $1.key }) {
        let full = root + "/" + path
        if path.hasSuffix("/") {
            try fm.createDirectory(atPath: full, withIntermediateDirectories: true)
        } else {
            try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            fm.createFile(atPath: full, contents: Data("#!/bin/sh\n".utf8))
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: full)
        }
    }
    return root
}

private func find(_ program: String, path: String, in cwd: String) -> String? {
    ExecutableSearch.find(program, path: path, workingDirectory: cwd, in: LocalFileSystem())
}

@Suite("PATH search, as a POSIX shell does it")
struct ExecutableSearchTests {
    @Test("an empty PATH entry is the working directory, wherever it stands")
    func emptyEntryIsWorkingDirectory() throws {
        let root = try scratch(["tool": 0o755])
        #expect(find("tool", path: "/nonexistent:", in: root) == root + "/tool")
        #expect(find("tool", path: ":/nonexistent", in: root) == root + "/tool")
        #expect(find("tool", path: "/nonexistent::/also-not", in: root) == root + "/tool")
        #expect(find("tool", path: "/nonexistent", in: root) == nil)
    }

    @Test("a relative PATH entry is taken from the working directory")
    func relativeEntry() throws {
        let root = try scratch(["bin/tool": 0o755])
        #expect(find("tool", path: "bin", in: root) == root + "/bin/tool")
        #expect(find("tool", path: "bin", in: root + "/bin") == nil)
    }

    @Test("a folder, or a file without execute permission, is passed over for a later entry")
    func skipsFoldersAndNonExecutables() throws {
        let root = try scratch(["a/tool/": 0, "b/tool": 0o644, "c/tool": 0o755])
        #expect(find("tool", path: "\(root)/a:\(root)/b:\(root)/c", in: "/") == root + "/c/tool")
        #expect(find("tool", path: "\(root)/a:\(root)/b", in: "/") == nil)
    }

    @Test("the first match wins, and an entry ending in / gives no double slash")
    func firstMatch() throws {
        let root = try scratch(["a/tool": 0o755, "b/tool": 0o755])
        #expect(find("tool", path: "\(root)/b/:\(root)/a", in: "/") == root + "/b/tool")
    }

    @Test("a name with a slash is not searched for: it is run as written, from the working directory")
    func nameWithSlash() throws {
        let root = try scratch(["bin/tool": 0o755, "bin/data": 0o644])
        #expect(find("bin/tool", path: "/nonexistent", in: root) == "bin/tool")
        #expect(find(root + "/bin/tool", path: "", in: "/") == root + "/bin/tool")
        #expect(find("bin/data", path: "", in: root) == nil)
        #expect(find("bin/tool", path: "", in: "/") == nil)
        #expect(find("", path: root + "/bin", in: root) == nil)
    }
}
