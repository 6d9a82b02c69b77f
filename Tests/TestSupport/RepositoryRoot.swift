import Foundation

/// The repository root, found from this file's path (Tests/TestSupport/…).
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
