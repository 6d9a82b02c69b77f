import ProfileIndex

/// The console's switch-role page for an assume-role profile:
/// `https://SIGNIN-HOST/switchrole?account=ID&roleName=PATH/NAME&displayName=PROFILE[&redirect_uri=URL]`.
/// The page is filled in; the switch itself happens in the console session the browser already
/// has (an IAM user, an Identity Center or a federated role allowed to assume the role).
enum SwitchRoleLink {
    /// The console's limit for the display name on its navigation bar, and for the role's path
    /// and name together (the role is kept in a cookie).
    static let maximumLength = 64

    static func link(for profile: Profile, destination: ConsoleDestination?) -> Result<ConsoleLink, ConsoleLink.Refusal> {
        let name = profile.name
        guard let arn = profile["role_arn"] else {
            return refuse("'\(name)' has no role_arn, so there is no role to switch to")
        }
        let place = profile.setting("role_arn").map { " (\($0.location))" } ?? ""
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/") else {
            return refuse("the role_arn of '\(name)'\(place) is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME); fix it")
        }
        guard let partition = ConsolePartition(rawValue: parts[1]) else {
            return refuse("the role_arn of '\(name)'\(place) is in partition '\(parts[1])', whose console sw does not know "
                + "(it knows \(ConsolePartition.known)); sign in to that partition's console and switch roles there")
        }
        let account = parts[4]
        guard ConsoleLink.isAccountID(account) else { return .failure(ConsoleLink.badAccountID(account, key: "role_arn", of: profile)) }
        // The console wants the role's path with its name (`team/deploy` for role/team/deploy).
        let role = String(parts[5].dropFirst("role/".count))
        guard !role.isEmpty, !role.hasSuffix("/") else {
            return refuse("the role_arn of '\(name)'\(place) ends without a role name; fix it")
        }
        guard role.utf16.count <= maximumLength else {
            return refuse("the console cannot switch to role '\(role)' of '\(name)': its path and name are \(role.utf16.count) characters, "
                + "and the console's Switch Role takes at most \(maximumLength); use the role from the AWS CLI (sw exec \(name) -- aws …)")
        }
        if let destination, destination.partition != partition {
            return refuse("--destination is on the console of \(destination.partition.rawValue) (\(destination.address.host)), and the role "
                + "of '\(name)' is in \(partition.rawValue), whose console is \(partition.consoleDomain): the switch cannot land there")
        }

        var items = [(name: "account", value: account), (name: "roleName", value: role), (name: "displayName", value: displayName(name))]
        if let destination { items.append((name: "redirect_uri", value: destination.text)) }
        var link = ConsoleLink(url: "https://\(partition.signInHost)/switchrole?" + QueryEncoding.query(items))
        if profile["external_id"] != nil {
            link.notes.append("'\(name)' assumes its role with an external_id: the console cannot switch to a role whose trust policy "
                + "requires one (only the AssumeRole API passes it)")
        }
        return .success(link)
    }

    /// The profile's name as the console shows it on its navigation bar: whole when it fits the
    /// console's 64 characters (counted as the page counts them, in UTF-16), else cut and ended with `…`.
    static func displayName(_ name: String) -> String {
        guard name.utf16.count > maximumLength else { return name }
        var kept = ""
        for character in name {
            guard kept.utf16.count + character.utf16.count + 1 <= maximumLength else { break }
            kept.append(character)
        }
        return kept + "…"
    }

    private static func refuse(_ message: String) -> Result<ConsoleLink, ConsoleLink.Refusal> {
        .failure(ConsoleLink.Refusal(message: message))
    }
}
