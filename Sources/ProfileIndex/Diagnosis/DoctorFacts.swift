import FoundationEssentials

/// What `sw doctor` knows about the world outside the AWS files: the environment, the clock, the
/// installed tools, file permissions and the shell setup. Gathered by the command, passed to
/// `Doctor` as a value, so the rules need no real tools in tests.
public struct DoctorFacts: Sendable {
    public enum AWSCLI: Sendable, Equatable {
        case missing
        /// Found on PATH; the version is not known (no SSO profile needed it).
        case present(path: String)
        case version1(String)
        case version2(String)
    }

    public enum ShellIntegration: Sendable, Equatable {
        /// `sw` runs inside the shell function (`SW_SHELL` is set).
        case active
        /// The rc file of `$SHELL` loads it.
        case configured(rcFile: String)
        /// Not found: `shell` is `$SHELL`'s name when sw supports it, `rcFile` where to add it.
        case missing(shell: String?, rcFile: String?)
    }

    public var environment: [String: String]
    public var now: Date
    public var awsCLI: AWSCLI
    public var tokenCache: TokenCache
    public var cacheDirectoryExists: Bool
    /// Whether a program (a `credential_process` first word) can be run with this PATH.
    public var isRunnable: @Sendable (String) -> Bool
    /// Permission bits of the credentials file, when it exists.
    public var credentialsFileMode: UInt32?
    /// Token cache files (and the folder itself) other users can read.
    public var exposedCacheFiles: [String]
    public var shellIntegration: ShellIntegration
    /// sw's own config: `[env GLOB]` regions for profiles without one, and where fixes go.
    public var swConfig: SwConfig

    public init(environment: [String: String], now: Date, awsCLI: AWSCLI, tokenCache: TokenCache,
                cacheDirectoryExists: Bool, isRunnable: @escaping @Sendable (String) -> Bool,
                credentialsFileMode: UInt32?, exposedCacheFiles: [String], shellIntegration: ShellIntegration,
                swConfig: SwConfig? = nil) {
        self.swConfig = swConfig ?? SwConfig(path: SwConfig.path(environment: environment))
        self.environment = environment
        self.now = now
        self.awsCLI = awsCLI
        self.tokenCache = tokenCache
        self.cacheDirectoryExists = cacheDirectoryExists
        self.isRunnable = isRunnable
        self.credentialsFileMode = credentialsFileMode
        self.exposedCacheFiles = exposedCacheFiles
        self.shellIntegration = shellIntegration
    }

    /// What the file system says, through `fileSystem`: the token cache folder and its files'
    /// permissions, the credentials file's permissions, and which
    /// programs PATH finds (ExecutableSearch, from `workingDirectory`). The caller gives what needs
    /// more than reading files: the AWS CLI (it may run `aws --version`), the shell setup, and
    /// sw's config.
    public static func gather(environment: [String: String], now: Date, paths: AWSPaths, awsCLI: AWSCLI,
                              shellIntegration: ShellIntegration, swConfig: SwConfig,
                              workingDirectory: String, fileSystem: any FileSystem) -> DoctorFacts {
        let cacheDirectory = TokenCache.defaultDirectory(home: paths.home)
        let path = environment["PATH"] ?? ""
        return DoctorFacts(
            environment: environment, now: now, awsCLI: awsCLI, tokenCache: TokenCache(directory: cacheDirectory, loginDirectory: LoginSessionCache.directory(environment: environment, home: paths.home), fileSystem: fileSystem),
            cacheDirectoryExists: (try? fileSystem.status(cacheDirectory).get())?.kind == .directory,
            isRunnable: { ExecutableSearch.find($0, path: path, workingDirectory: workingDirectory, in: fileSystem) != nil },
            credentialsFileMode: (try? fileSystem.status(paths.credentials).get())?.permissions,
            exposedCacheFiles: exposedFiles(in: cacheDirectory, fileSystem),
            shellIntegration: shellIntegration, swConfig: swConfig)
    }

    /// The cache folder when other users may enter it, and each file in it they may read.
    static func exposedFiles(in directory: String, _ fileSystem: any FileSystem) -> [String] {
        var result: [String] = []
        if let mode = (try? fileSystem.status(directory).get())?.permissions, mode & 0o077 != 0 { result.append(directory) }
        guard case .success(let names) = fileSystem.entries(ofDirectory: directory) else { return result }
        for name in names {
            let path = directory + "/" + name
            if let mode = (try? fileSystem.status(path).get())?.permissions, mode & 0o044 != 0 { result.append(path) }
        }
        return result
    }
}
