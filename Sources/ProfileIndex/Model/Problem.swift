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
        /// The credentials file can be read or written by other users.
        case credentialsFileExposed = "SW120"
        /// `# BEGIN_AWS_SSO_CLI` without its `# END_AWS_SSO_CLI`: the next `aws-sso setup
        /// profiles` deletes every section after it, other tools' included.
        case awsSSOCliBlockUnterminated = "SW121"
        /// Keys botocore / the AWS CLI read only nested (under `s3 =`) written at the top level,
        /// as js-ini (Leapp) leaves them.
        case nestedBlockFlattened = "SW122"

        // SSO configuration
        /// `sso_session` names a section that does not exist.
        case ssoSessionMissing = "SW201"
        /// An SSO profile lacks a key botocore requires.
        case ssoKeyMissing = "SW202"
        /// Profile and sso-session give different `sso_region` / `sso_start_url`.
        case ssoProfileSessionDisagree = "SW203"
        /// `sso_region` is not a real AWS region.
        case ssoRegionUnknown = "SW204"
        /// The start URL's host fixes the region, and `sso_region` says another.
        case ssoRegionContradictsStartURL = "SW205"
        /// The cached token was issued in another region than `sso_region`.
        case ssoRegionContradictsToken = "SW206"
        /// One start URL, configured with different `sso_region`s.
        case ssoRegionConflict = "SW207"
        /// Start URLs that differ only by a trailing `/`, `#` or `#/`: separate logins.
        case startURLSpellings = "SW208"
        /// Legacy SSO profiles that could share one `[sso-session]`.
        case legacyCouldShareSession = "SW209"

        // Token cache
        /// No cached token for a login (or no cache folder at all).
        case tokenMissing = "SW301"
        /// The token exists, but under the other cache key (legacy URL vs session name).
        case tokenUnderOtherKey = "SW302"
        /// The token expired and botocore cannot refresh it.
        case tokenExpired = "SW303"
        /// The client registration expired: the token can no longer be refreshed.
        case registrationExpired = "SW304"
        /// The token file is there but botocore cannot use it.
        case tokenCorrupt = "SW305"
        /// Token cache files (secrets) readable by other users.
        case tokenCacheExposed = "SW306"
        /// Temporary keys whose `x_security_token_expires` has passed: AWS rejects them.
        case temporaryKeysExpired = "SW307"
        /// `x_security_token_expires` is not a date and time with a zone.
        case temporaryKeysExpiryUnreadable = "SW308"

        // Environment
        /// `AWS_PROFILE` / `AWS_DEFAULT_PROFILE` names a profile that does not exist.
        case envProfileUnknown = "SW401"
        /// `AWS_DEFAULT_PROFILE` differs from `AWS_PROFILE` (boto3 and CLI v1 use it).
        case envProfilesDisagree = "SW402"
        /// Credential variables override the profile.
        case envCredentialsOverride = "SW403"
        /// `AWS_REGION` and `AWS_DEFAULT_REGION` differ.
        case envRegionsDisagree = "SW404"
        /// `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` names a file that is not there.
        case envFileMissing = "SW405"
        /// `sw` was not run through the shell function, which is not set up in the rc file.
        case shellIntegrationMissing = "SW406"
        /// A region variable that is not a real AWS region.
        case envRegionUnknown = "SW407"

        // Profiles
        /// `source_profile` names a profile that does not exist.
        case sourceProfileMissing = "SW501"
        /// `source_profile` chain loops.
        case sourceProfileCycle = "SW502"
        /// `credential_process` runs a program that is not on PATH.
        case credentialProcessMissing = "SW503"
        /// No region for the profile: regional clients fail.
        case regionMissing = "SW504"
        /// A hand-written section with a name Teleport manages.
        case teleportNameUnmarked = "SW505"
        /// The profile's `region` is not a real AWS region.
        case regionUnknown = "SW506"
        /// botocore fails choosing the profile's credential provider (ProfileKind.invalid).
        case credentialsInvalid = "SW507"

        // Generators
        /// `sso_account_id` is not exactly 12 digits (a leading zero lost to js-ini, ...).
        case accountIDMalformed = "SW701"
        /// Static keys in the credentials file come before the profile's `credential_process`
        /// (or sit beside SSO settings that come before them).
        case staticKeysShadow = "SW702"
        /// A `tsh apps login` section with keys besides `credential_process`: tsh refuses it.
        case tshAppsSectionShared = "SW703"

        // Tools
        /// `aws` is not on PATH.
        case awsCLIMissing = "SW601"
        /// `aws` is the AWS CLI v1, which has no `aws sso login`.
        case awsCLIVersion1 = "SW602"

        // Generator output whose markers are gone (Generators.swift recognises it by its shape)
        /// `tsh aws-profile`'s profile or sso-session without Teleport's marker comment.
        case teleportMarkersLost = "SW720"
        /// `tsh apps login`'s profile without Teleport's marker comment.
        case teleportAppsMarkerLost = "SW721"
        /// An aws-sso-cli profile outside its BEGIN/END block.
        case awsSSOCliBlockLost = "SW722"

        // sw's own config (SwConfig): each is ignored, and the rest of the file still applies
        /// The file is there but cannot be read.
        case swConfigUnreadable = "SW801"
        /// A line the INI parser cannot read.
        case swConfigUnparseable = "SW802"
        /// `[alias]` entry without a profile name.
        case swConfigAliasEmpty = "SW803"
        /// `[env]` sets a variable `sw use` manages itself.
        case swConfigVariableReserved = "SW804"
        /// `[env]` value that is not a single line.
        case swConfigValueNotOneLine = "SW805"
        /// `[env]` gives `AWS_REGION` and `AWS_DEFAULT_REGION` different values.
        case swConfigRegionsDisagree = "SW806"
        /// A `[login]` setting sw does not know.
        case swConfigLoginUnknown = "SW807"
        /// `[login] auto` that is not true or false.
        case swConfigLoginNotBoolean = "SW808"
        /// A section sw does not know.
        case swConfigSectionUnknown = "SW809"
        /// `[login] device_code` that is not always, never or auto.
        case swConfigDeviceCodeUnknown = "SW810"
    }

    /// Where the error a finding predicts would appear.
    public enum Stage: String, Sendable, Hashable {
        /// botocore resolving the profile's credentials (any SDK call, `aws` exits 255).
        case credentials
        /// botocore creating a regional client.
        case region
        /// `aws sso login`, in the terminal or the browser.
        case login
        /// Another tool (tsh) rewriting the file.
        case tool
    }

    public var code: Code
    public var severity: Severity
    public var location: SourceLocation?
    public var profile: String?
    public var session: String?
    public var message: String
    /// The exact error text the AWS CLI / SDK would show, when there is one.
    public var predicts: String?
    /// Where `predicts` appears.
    public var stage: Stage?
    /// The exact fix: commands, lines to change, prose (rendered by the `sw` executable).
    public var fix: Fix?

    public init(_ code: Code, _ severity: Severity, at location: SourceLocation?, profile: String? = nil,
                session: String? = nil, _ message: String, predicts: String? = nil, stage: Stage? = nil,
                fix: Fix? = nil) {
        self.code = code
        self.severity = severity
        self.location = location
        self.profile = profile
        self.session = session
        self.message = message
        self.predicts = predicts
        self.stage = predicts == nil ? nil : (stage ?? .credentials)
        self.fix = fix
    }
}
