import ProfileIndex
import ProfileSearch

/// The picker searches a profile by the fields ProfileSearch names.
extension Profile: SearchableProfile {}

/// One row of the picker: what a person needs to choose a profile, including whether it can be
/// used without a new `aws sso login`.
struct PickerItem: Sendable, Equatable {
    /// The searched fields, shown as the row's name, account and role columns.
    var candidate: FuzzyCandidate
    var region: String
    /// The SSO login this profile (or the profile it assumes a role from) depends on; nil when
    /// it does not use SSO.
    var state: LoginState?

    var name: String { candidate.name }
}

extension PickerItem {
    /// Every profile of the index, in index order, with its login state. `LoginStates` reads the
    /// token cache once per distinct login, not once per profile.
    static func items(index: Index, logins: LoginStates) -> [PickerItem] {
        index.profiles.map { profile in
            // Only a profile without a region of its own and with a source_profile walks its chain.
            let region = profile.region ?? (profile.sourceProfile == nil ? nil : index.effectiveRegion(of: profile.name))
            return PickerItem(candidate: FuzzyCandidate(profile), region: region ?? "",
                              state: logins.status(of: profile)?.state)
        }
    }
}
