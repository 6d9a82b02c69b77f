/// What the picker searches for one profile: its name, and the account, role and SSO login it
/// stands for. Absent fields are empty strings.
///
/// This is the one list of searched fields: `FuzzyMatcher` walks them through `field(_:)`, and
/// a profile becomes a candidate through `init(_:)` below.
public struct FuzzyCandidate: Sendable, Hashable {
    public var name: String
    public var accountID: String
    public var accountName: String
    public var role: String
    /// The SSO session's name, or the legacy start URL when the profile names no session.
    public var session: String

    public init(name: String, accountID: String = "", accountName: String = "", role: String = "", session: String = "") {
        self.name = name
        self.accountID = accountID
        self.accountName = accountName
        self.role = role
        self.session = session
    }

    /// Fields per candidate; field 0 is the name.
    public static let fieldCount = 5

    /// Field `f`, in `0..<fieldCount`.
    @inline(__always)
    public func field(_ f: Int) -> String {
        switch f {
        case 0: name
        case 1: accountID
        case 2: accountName
        case 3: role
        default: session
        }
    }
}

/// A profile as the picker sees it. ProfileIndex's `Profile` has these properties: an executable
/// that uses both modules declares the conformance, so that this module does not depend on the
/// parser and the mapping to a candidate is written once, here.
public protocol SearchableProfile {
    var name: String { get }
    var accountID: String? { get }
    var accountName: String? { get }
    var roleName: String? { get }
    var ssoSession: String? { get }
    var ssoStartURL: String? { get }
}

extension FuzzyCandidate {
    /// Inlinable, so that `sw` specializes it for its `Profile`: called for every profile on each
    /// `sw pick`, the generic version through protocol witnesses cost `--filter` 6 % more.
    @inlinable
    public init(_ profile: some SearchableProfile) {
        self.init(name: profile.name, accountID: profile.accountID ?? "", accountName: profile.accountName ?? "",
                  role: profile.roleName ?? "", session: profile.ssoSession ?? profile.ssoStartURL ?? "")
    }
}
