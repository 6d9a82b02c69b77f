import FoundationEssentials
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
    /// Every profile of the index, in index order, with its login state. The token cache is read
    /// once per distinct login, not once per profile.
    static func items(index: Index, tokens: TokenCache, now: Date) -> [PickerItem] {
        var states: [LoginKey: LoginState] = [:]
        return index.profiles.map { profile in
            let chain = index.sourceChain(of: profile.name).chain
            var state: LoginState? = nil
            if let key = chain.lazy.compactMap(\.loginKey).first {
                if let known = states[key] {
                    state = known
                } else {
                    let computed = tokens.status(for: key, now: now).state
                    states[key] = computed
                    state = computed
                }
            }
            return PickerItem(
                name: profile.name, accountID: profile.accountID ?? "", accountName: profile.accountName ?? "",
                role: profile.roleName ?? "", region: index.effectiveRegion(of: profile.name) ?? "",
                session: profile.ssoSession ?? profile.ssoStartURL ?? "", state: state)
        }
    }
}
