/// Finds a program the way a POSIX shell does before running it, so that `sw doctor` and
/// `sw login` agree on which `aws` (or `credential_process` program) a command would run.
///
/// A name with a `/` is used as it is. Otherwise each `PATH` entry is tried in order: an empty
/// entry means the working directory and a relative one is taken from it (as bash and dash do);
/// a candidate that is a folder, or that the user may not execute, is passed over.
public enum ExecutableSearch {
    /// The path the shell would run for `program`, or nil. `workingDirectory` resolves relative
    /// entries and relative names; the returned path is absolute unless `program` itself was a
    /// relative path (then it is returned as written, as the shell runs it).
    public static func find(_ program: String, path: String, workingDirectory: String, in fileSystem: any FileSystem) -> String? {
        guard !program.isEmpty else { return nil }
        if program.utf8.contains(slash) {
            let absolute = program.utf8.first == slash ? program : joined(workingDirectory, program)
            return isRunnable(absolute, fileSystem) ? program : nil
        }
        for entry in path.utf8.split(separator: colon, omittingEmptySubsequences: false) {
            let directory = Substring(entry)
            let base: String
            if directory.isEmpty {
                base = workingDirectory
            } else if directory.utf8.first == slash {
                base = String(directory)
            } else {
                base = joined(workingDirectory, String(directory))
            }
            let candidate = joined(base, program)
            if isRunnable(candidate, fileSystem) { return candidate }
        }
        return nil
    }

    private static func isRunnable(_ path: String, _ fileSystem: any FileSystem) -> Bool {
        guard case .success(let status) = fileSystem.status(path), status.kind != .directory else { return false }
        return fileSystem.isExecutable(path)
    }

    private static func joined(_ directory: String, _ name: String) -> String {
        directory.utf8.last == slash ? directory + name : directory + "/" + name
    }

    private static let slash = UInt8(ascii: "/")
    private static let colon = UInt8(ascii: ":")
}
