import ProfileIndex

/// The AWS access portal's shortcut link for an SSO profile:
/// `<start URL>/#/console?account_id=ID&role_name=ROLE[&destination=URL]`. The portal signs the
/// browser in (or reuses its portal session), then opens the console as that account and role:
/// no API call, and no token leaves the token cache.
enum PortalShortcut {
    static func link(for profile: Profile, in index: Index, destination: ConsoleDestination?) -> Result<ConsoleLink, ConsoleLink.Refusal> {
        let name = profile.name
        let startURL: String, ssoRegion: String?, section: String
        if let sessionName = profile.ssoSession {
            guard let session = index.ssoSession(named: sessionName) else {
                return refuse("'\(name)' names sso_session '\(sessionName)', and \(index.config.path) has no [sso-session \(sessionName)] "
                    + "section (the AWS CLI fails the same way); add it or fix the name (sw doctor explains)")
            }
            section = "[sso-session \(sessionName)] (\(session.location))"
            guard let url = session.startURL else {
                return refuse("\(section) has no sso_start_url; add the access portal's URL there")
            }
            // botocore refuses a profile whose own start URL differs from its session's; so does sw,
            // rather than guess which portal was meant.
            if let own = profile["sso_start_url"], own != url {
                return refuse("'\(name)' has sso_start_url \(own) and its \(section) has \(url); the AWS CLI refuses the "
                    + "profile (the value for sso_start_url is inconsistent between profile and sso-session): keep one")
            }
            startURL = url
            ssoRegion = session.region
        } else {
            section = "[profile \(name)] (\(profile.location))"
            guard let url = profile.ssoStartURL else { return refuse("\(section) has no sso_start_url; add the access portal's URL there") }
            startURL = url
            ssoRegion = profile.ssoRegion
        }
        guard let account = profile["sso_account_id"], let role = profile["sso_role_name"] else {
            let missing = profile["sso_account_id"] == nil ? "sso_account_id" : "sso_role_name"
            return refuse("'\(name)' has no \(missing): the portal's link needs both the account and the role "
                + "(the AWS CLI cannot use it either); add it to [profile \(name)] (\(profile.location))")
        }
        guard ConsoleLink.isAccountID(account) else { return .failure(ConsoleLink.badAccountID(account, key: "sso_account_id", of: profile)) }
        guard !role.isEmpty else { return refuse("'\(name)' has an empty sso_role_name; set the permission set's role name") }

        let portal: HTTPSAddress
        switch HTTPSAddress.parse(startURL) {
        case .failure(let problem):
            return refuse("the sso_start_url of \(section) is not an access portal URL sw can link to: \(problem.reason)")
        case .success(let address):
            portal = address
        }
        if let odd = (portal.path + (portal.query ?? "")).utf8.first(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            let what = odd == 0x20 ? "a space" : "a character outside ASCII"
            return refuse("the sso_start_url of \(section) holds \(what) in its path; write it percent-encoded, as the portal gave it")
        }

        if let destination {
            let partition = portalPartition(host: portal.host, ssoRegion: ssoRegion)
            guard partition == destination.partition else {
                let portalSide = partition.map { "signs in to \($0.rawValue) accounts, whose console is \($0.consoleDomain)" }
                    ?? "is in a partition whose console sw does not know"
                return refuse("--destination is on the console of \(destination.partition.rawValue) (\(destination.address.host)), "
                    + "and the access portal at \(portal.host) \(portalSide): a session the portal starts cannot open that page")
            }
        }

        var items = [(name: "account_id", value: account), (name: "role_name", value: role)]
        if let destination { items.append((name: "destination", value: destination.text)) }
        return .success(ConsoleLink(url: base(of: portal) + "#/console?" + QueryEncoding.query(items)))
    }

    /// The portal's address the way every spelling of one start URL gives it: lower-case scheme
    /// and host, no fragment (`#/`), no trailing slashes, then one `/` for the portal's page.
    /// A query, which no portal URL has, is kept where it belongs, before the fragment.
    static func base(of portal: HTTPSAddress) -> String {
        var path = Substring(portal.path)
        while path.hasSuffix("/") { path = path.dropLast() }
        return "https://" + portal.host + path + "/" + (portal.query.map { "?" + $0 } ?? "")
    }

    /// The partition the portal signs in to. A host that carries its region decides
    /// (`NAME.portal.REGION.app.aws`, `ID.REGION.portal.amazonaws.com`; GovCloud's
    /// `start.us-gov-home.awsapps.com`; China's `*.awsapps.cn`), then `sso_region` (the Identity
    /// Center instance's region), then `*.awsapps.com`, which is the commercial partition.
    static func portalPartition(host: String, ssoRegion: String?) -> ConsolePartition? {
        let labels = host.split(separator: ".").map(String.init)
        if host.hasSuffix(".app.aws"), labels.count >= 4, labels[labels.count - 4] == "portal" {
            return ConsolePartition(region: labels[labels.count - 3])
        }
        if host.hasSuffix(".portal.amazonaws.com"), labels.count >= 5 {
            return ConsolePartition(region: labels[labels.count - 4])
        }
        if host == "start.us-gov-home.awsapps.com" { return .awsUSGov }
        if host.hasSuffix(".awsapps.cn") { return .awsCN }
        if let ssoRegion, !ssoRegion.isEmpty { return ConsolePartition(region: ssoRegion) }
        if host.hasSuffix(".awsapps.com") { return .aws }
        return nil
    }

    private static func refuse(_ message: String) -> Result<ConsoleLink, ConsoleLink.Refusal> {
        .failure(ConsoleLink.Refusal(message: message))
    }
}
