import ProfileIndex

extension FileSystem {
    /// The first executable regular file named `name` in the `PATH` entries, as `aws sso login`
    /// is started: empty and relative entries are skipped, like swift-subprocess does.
    func findExecutable(_ name: String, path: String?) -> String? {
        guard let path else { return nil }
        for dir in path.split(separator: ":", omittingEmptySubsequences: true) where dir.hasPrefix("/") {
            let candidate = String(dir.hasSuffix("/") ? dir + name : dir + "/" + name)
            if case .success(let status) = self.status(candidate), status.kind == .regular, isExecutable(candidate) {
                return candidate
            }
        }
        return nil
    }

    /// Where a shell would find `program` with this PATH (`program` may be a path itself): an
    /// empty entry is the current folder, and anything executable but a folder counts.
    func findProgram(_ program: String, path: String) -> String? {
        guard !program.isEmpty else { return nil }
        if program.contains("/") { return isExecutable(program) && !isDirectory(program) ? program : nil }
        for dir in path.split(separator: ":", omittingEmptySubsequences: false) {
            let base = dir.isEmpty ? "." : String(dir)
            let candidate = base.hasSuffix("/") ? base + program : base + "/" + program
            if isExecutable(candidate) && !isDirectory(candidate) { return candidate }
        }
        return nil
    }

    private func isDirectory(_ path: String) -> Bool {
        if case .success(let status) = status(path) { return status.kind == .directory }
        return false
    }
}
