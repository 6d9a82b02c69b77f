import ProfileIndex

extension Context {
    /// The program a shell started with this context's PATH would run for `program`
    /// (ExecutableSearch); nil when it finds none, or when PATH is unset.
    func findProgram(_ program: String) -> String? {
        guard let path = environment["PATH"] else { return nil }
        return ExecutableSearch.find(program, path: path, workingDirectory: workingDirectory, in: fileSystem)
    }

    /// The folder relative PATH entries and program names are taken from.
    var workingDirectory: String { fileSystem.resolvedPath(".") ?? "." }
}
