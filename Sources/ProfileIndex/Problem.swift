/// Something wrong in the AWS files, found while indexing them. Each has a stable id (like a
/// compiler diagnostic), a severity, the place it applies to and one sentence of explanation.
public struct Problem: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        case error, warning, info

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .info: return 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// botocore refuses the whole file (ConfigParseError).
        case fileUnparseable = "SW101"
        /// The file exists but cannot be read; botocore silently uses no profiles from it.
        case fileUnusable = "SW102"
        /// A `profile`/`sso-session`/`services` header botocore silently ignores.
        case headerIgnored = "SW110"
        /// A config-file section that is not a profile (`[x]`, `[Profile x]`, `[ profile x ]`).
        case sectionNotProfile = "SW111"
        /// `[default]` and `[profile default]` both present: the later replaces the earlier.
        case defaultTwice = "SW112"
        /// One profile or session under two spellings (`[profile a]`, `[profile  a]`).
        case definedTwice = "SW113"
        /// `[DEFAULT]` keys are copied into every section.
        case defaultsSection = "SW114"
        /// A value that looks like it carries an inline comment, which botocore keeps.
        case inlineComment = "SW115"
    }

    public var code: Code
    public var severity: Severity
    public var location: SourceLocation?
    public var profile: String?
    public var session: String?
    public var message: String

    public init(_ code: Code, _ severity: Severity, at location: SourceLocation?, profile: String? = nil,
                session: String? = nil, _ message: String) {
        self.code = code
        self.severity = severity
        self.location = location
        self.profile = profile
        self.session = session
        self.message = message
    }
}
