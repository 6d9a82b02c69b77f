import ProfileIndex

/// One row of the picker: what a person needs to choose a profile, including whether it can be
/// used without a new `aws sso login`.
struct PickerItem: Sendable, Equatable {
    var name: String
    var accountID: String
    var accountName: String
    var role: String
    var region: String
    var session: String
    /// The SSO login this profile (or the profile it assumes a role from) depends on; nil when
    /// it does not use SSO.
    var state: LoginState?

    var candidate: FuzzyCandidate {
        FuzzyCandidate(name: name, accountID: accountID, accountName: accountName, role: role, session: session)
    }
}

extension PickerItem {
    /// Every profile of the index, in index order, with its login state. `LoginStates` reads the
    /// token cache once per distinct login, not once per profile.
    static func items(index: Index, logins: LoginStates) -> [PickerItem] {
        index.profiles.map { profile in
            // Only a profile without a region of its own and with a source_profile walks its chain.
            let region = profile.region ?? (profile.sourceProfile == nil ? nil : index.effectiveRegion(of: profile.name))
            return PickerItem(
                name: profile.name, accountID: profile.accountID ?? "", accountName: profile.accountName ?? "",
                role: profile.roleName ?? "", region: region ?? "",
                session: profile.ssoSession ?? profile.ssoStartURL ?? "",
                state: logins.status(of: profile)?.state)
        }
    }
}
