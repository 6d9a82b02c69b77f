/// The index's own findings about the files, narrowed to what `sw doctor NAME` looks at, and the
/// credentials file's permissions.
extension Doctor {
    mutating func fileChecks() {
        let inScope = Set(scope.map(\.name))
        let sessions = Set(sessionsInScope.map(\.name))
        let refused = Set([index.config, index.credentials].filter(\.isRefusedByBotocore).map(\.path))
        for var problem in index.problems {
            // The index's fix for a value (an inline comment) goes to the section's owner too.
            if problem.code == .inlineComment, let name = problem.profile, let p = index.profile(named: name),
               let s = p.settings.first(where: { $0.location == problem.location }), let fix = problem.fix {
                problem.fix = remedies.edit(p, key: s.key, fix)
            }
            // In a file botocore refuses, nothing else matters until that is fixed.
            if problem.code != .fileUnparseable, let file = problem.location?.file, refused.contains(file) { continue }
            switch problem.code {
            case .fileUnparseable, .fileUnusable, .defaultsSection:
                add(problem)
            default:
                if focus == nil { add(problem); continue }
                if let p = problem.profile, inScope.contains(p) { add(problem); continue }
                if let s = problem.session, sessions.contains(s) { add(problem) }
            }
        }
        if let mode = facts.credentialsFileMode, mode & 0o077 != 0, index.credentials.state != .missing {
            let path = index.credentials.path
            add(Problem(.credentialsFileExposed, .warning, at: SourceLocation(file: path, line: 0),
                        "\(path) holds secret keys but its permissions are \(Doctor.octal(mode)): other users on this machine can \(mode & 0o044 != 0 ? "read" : "change") it",
                        fix: .command(["chmod", "600", .value(path)])))
        }
    }

    /// Permission bits as `chmod` takes them: `0644`.
    static func octal(_ mode: UInt32) -> String { "0" + String(mode, radix: 8) }
}
