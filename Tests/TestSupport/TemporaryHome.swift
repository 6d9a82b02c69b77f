import Foundation

/// A fresh folder for one test under /tmp (symbolic links resolved, so paths a program prints
/// match), deleted when the value is released.
public final class TemporaryHome: @unchecked Sendable {
    public let root: URL

    /// `label` names the folder, to tell which test left one behind after a crash.
    public init(_ label: String = "sw-test") throws {
        let base = URL(fileURLWithPath: "/tmp", isDirectory: true).resolvingSymlinksInPath()
        root = base.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// `relative` inside the folder.
    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
    public func path(_ relative: String) -> String { url(relative).path }

    /// Writes `text` to `relative`, creating the folders on the way.
    public func write(_ text: String, to relative: String) throws {
        try write(text, to: url(relative))
    }

    public func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func createDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(at: url(relative), withIntermediateDirectories: true)
    }

    public func read(_ url: URL) -> Data? { FileManager.default.contents(atPath: url.path) }
    public func read(_ relative: String) -> Data? { read(url(relative)) }

    public func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Writes an executable script. A child process writes it: if this test process held it open
    /// for writing, a child forked meanwhile by a parallel test could inherit that descriptor and
    /// make running the script fail with ETXTBSY ("File is currently open for writing").
    public func writeExecutable(_ text: String, to relative: String) throws {
        let target = url(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let run = try ChildProcess.run("/bin/sh", ["-c", #"printf %s "$1" > "$2" && chmod 755 "$2""#, "sh", text, target.path],
                                       environment: [:])
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path]) }
    }
}
