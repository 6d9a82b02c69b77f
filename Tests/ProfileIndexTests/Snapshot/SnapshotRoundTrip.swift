import Foundation
@testable import ProfileIndex

/// Writes the AWS files to a scratch folder, loads them once (a snapshot is written) and again,
/// and returns the second index, answered from sw's index snapshot, with how it was loaded.
func indexFromSnapshot(config: String, credentials: String? = nil) throws -> (Index, IndexCache.Outcome) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sw-roundtrip-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let paths = AWSPaths(config: root.appendingPathComponent("config").path,
                         credentials: root.appendingPathComponent("credentials").path, home: root.path)
    try Data(config.utf8).write(to: URL(fileURLWithPath: paths.config))
    if let credentials { try Data(credentials.utf8).write(to: URL(fileURLWithPath: paths.credentials)) }
    let cache = IndexCache(directory: root.appendingPathComponent("cache").path, identity: Array("test".utf8))
    // A wall clock after the files settle, so that the first load writes a snapshot.
    let later = Int(Date().timeIntervalSince1970) + 3600
    _ = Index.load(paths: paths, fileSystem: LocalFileSystem(), cache: cache, now: later)
    return Index.load(paths: paths, fileSystem: LocalFileSystem(), cache: cache, now: later)
}
