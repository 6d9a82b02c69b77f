import ProfileIndex

extension Context {
    /// sw's own config; each problem in it is a warning, never a failure.
    func loadSwConfig() -> SwConfig {
        let config = SwConfig.load(environment: environment, fileSystem: fileSystem)
        for problem in config.problems {
            warn("\(problem.location.line > 0 ? problem.location.description : problem.location.file): \(problem.message) (sw's own config; ignored, everything else still works)")
        }
        return config
    }
}
