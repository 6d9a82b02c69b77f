/// One setting of a profile after botocore's merge: its value and where that value was read.
public struct Setting: Sendable, Hashable {
    public var key: String
    public var value: SettingValue
    public var location: SourceLocation

    /// Values that are secrets: never printed, not even in `--json`.
    public static let secretKeys: Set<String> = ["aws_secret_access_key", "aws_session_token", "aws_security_token"]

    public var isSecret: Bool { Setting.secretKeys.contains(key) }
}

/// How a profile gets credentials: the provider botocore's credential resolver picks for it
/// (`credentials.create_credential_resolver`: assume-role, then the profile providers in
/// ProfileProviderBuilder's order: web identity, SSO, the credentials file's keys, `aws login`,
/// credential_process, the config file's keys), or why it picks none.
public enum ProfileKind: String, Sendable, Hashable, CaseIterable {
    case assumeRole = "assume-role"
    case webIdentity = "web-identity"
    case ssoSession = "sso-session"
    case ssoLegacy = "sso-legacy"
    case staticKeys = "static-keys"
    /// `login_session`: credentials from `aws login` (botocore's LoginProvider).
    case loginSession = "login-session"
    case credentialProcess = "credential-process"
    /// Settings, but none that gives credentials: botocore passes the profile by and falls
    /// through to a container or instance role (none off AWS: NoCredentialsError).
    case noCredentials = "no-credentials"
    /// botocore raises an error while choosing the provider (e.g. `role_arn` with neither
    /// `source_profile` nor `credential_source`; `aws_access_key_id` without
    /// `aws_secret_access_key`); `Builder.invalidReason` says which.
    case invalid
    /// No settings at all.
    case empty
}

/// Which tool wrote a profile, or hand-written.
public enum Origin: String, Sendable, Hashable, CaseIterable {
    case teleportIdentityCenter = "teleport-awsic"
    case teleportRolesAnywhere = "teleport-apps"
    case granted
    case awsSSOCli = "aws-sso-cli"
    case awsSSOUtil = "aws-sso-util"
    case leapp
    case saml2aws
    case handWritten = "hand-written"

    /// The prefix such a generator puts before its profile names, stripped for forgiving matching.
    public var namePrefix: String? {
        switch self {
        case .teleportIdentityCenter: return "teleport-awsic-"
        default: return nil
        }
    }
}

/// A profile as botocore sees it after reading both files, with what `sw` knows about it.
public struct Profile: Sendable, Hashable {
    public var name: String
    /// The header that defines it: in the config file, or in the credentials file for a
    /// credentials-only profile.
    public var location: SourceLocation
    /// The credentials-file section merged into it, if any.
    public var credentialsLocation: SourceLocation?
    /// Merged settings: config-file keys, overridden and extended by the credentials file.
    public var settings: [Setting]
    public var kind: ProfileKind
    public var origin: Origin
    /// The section is `origin`'s output by its name and keys, but the marker that generator
    /// looks for (a comment, or its BEGIN/END block) is gone: its next run treats it as foreign.
    public var markersLost: Bool = false

    public var accountID: String?
    public var roleName: String?
    /// A readable account name where the files say it: `sso_account_name` (aws-sso-util), or a
    /// generator's profile name whose shape proves it (Teleport, granted, aws-sso-cli). Never
    /// equal to the account id.
    public var accountName: String?
    public var region: String?
    public var ssoSession: String?
    /// The start URL and SSO region botocore will use: from the sso-session section for
    /// sso-session profiles, from the profile itself for legacy ones.
    public var ssoStartURL: String?
    public var ssoRegion: String?
    /// `sso_start_url` without `sso_session`, in a profile that assumes no role: the profile's
    /// own legacy SSO login (Builder.hasLegacyLogin).
    public var hasLegacyLogin = false

    public subscript(key: String) -> String? {
        settings.first(where: { $0.key.isExactly(key) })?.value.string
    }

    public func setting(_ key: String) -> Setting? {
        settings.first(where: { $0.key.isExactly(key) })
    }

    public var sourceProfile: String? { self["source_profile"] }

    /// A key's value, string or nested ("key in profile" for botocore).
    func value(_ key: String) -> SettingValue? { setting(key)?.value }

    /// Whether the key's value comes from the credentials file.
    func isInCredentialsFile(_ key: String) -> Bool {
        guard let file = credentialsLocation?.file else { return false }
        return setting(key)?.location.file == file
    }

    /// For an `invalid` profile, why botocore fails to choose its credential provider.
    public var credentialProblem: CredentialProblem? {
        Builder.credentialProblem(named: name, value, inCredentialsFile: isInCredentialsFile)
    }

    /// The login this profile's SSO token (or `aws login` credentials) comes from, if it uses
    /// one: profiles with the same key share one `aws sso login` (or `aws login`).
    public var loginKey: LoginKey? {
        // Kind login-session means botocore's LoginProvider is the one it picks (Builder.kind).
        if kind == .loginSession, let session = self["login_session"] { return .loginSession(session) }
        if let ssoSession { return .session(ssoSession) }
        if TemporaryKeys.apply(to: self) { return .temporaryKeys(profile: name) }
        if hasLegacyLogin, let ssoStartURL { return .startURL(ssoStartURL) }
        return nil
    }
}

/// Why botocore cannot choose a credential provider for a profile (ProfileKind.invalid).
public struct CredentialProblem: Sendable, Hashable {
    /// What is wrong, in sw's words.
    public var problem: String
    /// botocore's own message (or the part of it that does not depend on the environment).
    public var botocore: String
    /// What to change in the profile's section.
    public var fix: String
}

/// An `[sso-session NAME]` section.
public struct SSOSession: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var settings: [Setting]
    public var startURL: String? { settings.first(where: { $0.key == "sso_start_url" })?.value.string }
    public var region: String? { settings.first(where: { $0.key == "sso_region" })?.value.string }
    public var scopes: String? { settings.first(where: { $0.key == "sso_registration_scopes" })?.value.string }
    public var origin: Origin
    /// Teleport's session by its name and keys, without Teleport's marker comment.
    public var markersLost: Bool = false
    /// Names of the profiles whose `sso_session` names this session, sorted.
    public var profiles: [String]
}
