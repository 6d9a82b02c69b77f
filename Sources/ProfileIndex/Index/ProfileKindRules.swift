/// The rules by which botocore's credential resolver picks a provider for a profile, and the
/// ways it fails while doing so.
extension Builder {
    /// The provider botocore's credential resolver picks for a profile (ProfileKind), from its
    /// merged settings: `get` reads a key ("key in profile" is `get(key) != nil`), and
    /// `inCredentialsFile` says whether a key's value comes from the credentials file (whose
    /// keys SharedCredentialProvider reads before credential_process; the config file's keys
    /// are read after it, by ConfigProvider).
    static func kind(_ get: (String) -> SettingValue?, inCredentialsFile: (String) -> Bool) -> ProfileKind {
        if credentialProblem(named: "", get, inCredentialsFile: inCredentialsFile) != nil { return .invalid }
        if get("role_arn") != nil {
            return get("web_identity_token_file") != nil ? .webIdentity : .assumeRole
        }
        if get("sso_account_id") != nil || get("sso_role_name") != nil {
            return get("sso_session") != nil ? .ssoSession : .ssoLegacy
        }
        let keys = get("aws_access_key_id") != nil
        if keys && inCredentialsFile("aws_access_key_id") { return .staticKeys }
        if get("login_session") != nil { return .loginSession }
        if get("credential_process") != nil { return .credentialProcess }
        if keys { return .staticKeys }
        return .noCredentials
    }

    /// Why botocore fails while choosing a profile's credential provider, or nil.
    /// AssumeRoleProvider (`_get_role_config`), AssumeRoleWithWebIdentityProvider and the
    /// static-key providers (`_extract_creds_from_mapping`); an SSO profile's missing keys are
    /// left to `sw doctor` (its kind stays SSO: botocore picks its SSO provider, which fails).
    static func credentialProblem(named name: String, _ get: (String) -> SettingValue?,
                                  inCredentialsFile: (String) -> Bool) -> CredentialProblem? {
        let webIdentity = get("web_identity_token_file") != nil
        let sources = validCredentialSources.joined(separator: ", ")
        if get("role_arn") != nil && !webIdentity {
            let source = get("source_profile") != nil, credentialSource = get("credential_source")
            if source && credentialSource != nil {
                return CredentialProblem(problem: "it has both source_profile and credential_source",
                                         botocore: "The profile \"\(name)\" contains both source_profile and credential_source.",
                                         fix: "keep only one of source_profile and credential_source")
            }
            if !source && credentialSource == nil {
                return CredentialProblem(problem: "role_arn without source_profile or credential_source",
                                         botocore: "Partial credentials found in assume-role, missing: source_profile or credential_source",
                                         fix: "add source_profile = PROFILE (whose credentials assume the role) or credential_source = one of \(sources)")
            }
            if let value = credentialSource?.string, !validCredentialSources.contains(value) {
                return CredentialProblem(problem: "credential_source is not one of \(sources)",
                                         botocore: "The credential source \"\(value)\" referenced in profile \"\(name)\" is not valid.",
                                         fix: "set credential_source to one of \(sources)")
            }
        }
        if webIdentity && get("role_arn") == nil {
            return CredentialProblem(problem: "web_identity_token_file without role_arn",
                                     botocore: "configured to assume role with web identity but has no role ARN configured",
                                     fix: "add role_arn = arn:aws:iam::ACCOUNT:role/NAME")
        }
        if get("aws_access_key_id") != nil, get("aws_secret_access_key") == nil,
           get("role_arn") == nil, get("sso_account_id") == nil, get("sso_role_name") == nil,
           inCredentialsFile("aws_access_key_id") || (get("login_session") == nil && get("credential_process") == nil) {
            let provider = inCredentialsFile("aws_access_key_id") ? "shared-credentials-file" : "config-file"
            return CredentialProblem(problem: "aws_access_key_id without aws_secret_access_key",
                                     botocore: "Partial credentials found in \(provider), missing: aws_secret_access_key",
                                     fix: "add aws_secret_access_key beside aws_access_key_id, or remove aws_access_key_id")
        }
        return nil
    }

    /// botocore's CanonicalNameCredentialSourcer: the credential_source values it accepts.
    static let validCredentialSources = ["EcsContainer", "Ec2InstanceMetadata", "Environment"]

    /// A legacy SSO login (`sso_start_url` in the profile itself, no `sso_session`) is this
    /// profile's own login unless the profile assumes a role (its credentials then come from
    /// its source or a web identity, never from these SSO keys).
    static func hasLegacyLogin(_ get: (String) -> SettingValue?) -> Bool {
        guard get("sso_session") == nil, get("sso_start_url") != nil else { return false }
        guard get("role_arn") != nil else { return true }
        return get("source_profile") == nil && get("credential_source") == nil && get("web_identity_token_file") == nil
    }
}
