import ProfileIndex

extension Context {
    /// sw's own config; each problem in it is a warning, never a failure.
    func loadSwConfig() -> SwConfig {
        let config = SwConfig.load(environment: environment, fileSystem: fileSystem)
        for problem in config.problems {
            let at = problem.location.map { $0.line > 0 ? $0.description : $0.file } ?? config.path
            warn("\(at): \(problem.message) (sw's own config; ignored, everything else still works)")
        }
        return config
    }
}
