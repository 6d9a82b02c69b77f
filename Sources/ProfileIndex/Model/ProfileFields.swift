/// A profile's fields as text of some kind: a `Profile` (Strings), or a record of sw's index
/// snapshot read in place (`ProfileRecord`, whose text is bytes in the mapped file). Whatever
/// shows profiles is written once against these protocols and serves both; `sw list --json`
/// reads 5,000 records without making a String or a Profile.
public protocol ProfileFields {
    associatedtype Text
    associatedtype Location: LocationFields where Location.Text == Text
    var name: Text { get }
    var location: Location { get }
    var credentialsLocation: Location? { get }
    var kind: ProfileKind { get }
    var origin: Origin { get }
    var markersLost: Bool { get }
    var accountID: Text? { get }
    var accountName: Text? { get }
    var roleName: Text? { get }
    var region: Text? { get }
    var ssoSession: Text? { get }
    var ssoStartURL: Text? { get }
    var ssoRegion: Text? { get }
}

public protocol LocationFields {
    associatedtype Text
    var file: Text { get }
    var line: Int { get }
}

/// One setting's fields as text. A nested setting's entries are a range of the entries passed
/// beside the settings, so that settings read in place are plain values (nothing to free).
public struct SettingFields<Text> {
    public var key: Text
    public var value: Value
    public var location: Location

    public enum Value {
        case string(Text)
        case nested(Range<Int>)
    }

    public struct Location: LocationFields {
        public var file: Text
        public var line: Int
    }
}

/// One entry of a nested setting, as text.
public struct NestedFields<Text> {
    public var key: Text
    public var value: Text
}

/// The profiles of one index, as some kind of ProfileFields, with what a profile's neighbours
/// tell about it: its settings, its `source_profile` chain and the login its credentials use.
public protocol ProfileSource {
    associatedtype Fields: ProfileFields
    /// Identifies a login: equal exactly when the LoginKeys are equal.
    associatedtype LoginID: Hashable
    associatedtype SettingList: RandomAccessCollection<SettingFields<Fields.Text>> where SettingList.Index == Int
    associatedtype NestedList: RandomAccessCollection<NestedFields<Fields.Text>> where NestedList.Index == Int
    /// The profile's settings in key order (code points, stable: as Python's `sorted` orders them),
    /// and where the entries their nested values name are (each entry in the order defined).
    func withSettings<R>(of profile: Fields, _ body: (SettingList, NestedList) -> R) -> R
    /// The names of the profiles after `profile` in its `source_profile` chain (Index.sourceChain).
    func forEachSourceLink(of profile: Fields, _ body: (Fields.Text) -> Void)
    /// The login the profile's credentials come from (Index.effectiveLoginKey), and whether that
    /// is the profile's own login.
    func effectiveLogin(of profile: Fields) -> (id: LoginID, own: Bool)?
    func loginKey(_ id: LoginID) -> LoginKey
}

extension SourceLocation: LocationFields {}
extension Profile: ProfileFields {}

extension Index: ProfileSource {
    public func withSettings<R>(of profile: Profile,
                                _ body: (UnsafeBufferPointer<SettingFields<String>>, UnsafeBufferPointer<NestedFields<String>>) -> R) -> R {
        let settings = profile.settings
        var nested: [NestedFields<String>] = []
        return withSortedOrder(settings.count, by: { settings[$0].key.precedesExactly(settings[$1].key) }) { order in
            withUnsafeTemporaryAllocation(of: SettingFields<String>.self, capacity: settings.count) { buffer in
                for (n, i) in order.enumerated() {
                    let s = settings[i]
                    let value: SettingFields<String>.Value
                    switch s.value {
                    case .string(let v): value = .string(v)
                    case .nested(let entries):
                        value = .nested(nested.count..<(nested.count + entries.count))
                        nested += entries.map { NestedFields(key: $0.key, value: $0.value) }
                    }
                    (buffer.baseAddress! + n).initialize(to: SettingFields(key: s.key, value: value,
                                                                            location: .init(file: s.location.file, line: s.location.line)))
                }
                defer { buffer.baseAddress?.deinitialize(count: settings.count) }
                return nested.withUnsafeBufferPointer { body(UnsafeBufferPointer(buffer), $0) }
            }
        }
    }

    public func forEachSourceLink(of profile: Profile, _ body: (String) -> Void) {
        // Most profiles have no source_profile: their chain is the profile alone.
        guard profile.sourceProfile != nil else { return }
        for link in sourceChain(of: profile.name).chain.dropFirst() { body(link.name) }
    }

    public func effectiveLogin(of profile: Profile) -> (id: LoginKey, own: Bool)? {
        effectiveLoginKey(of: profile).map { ($0, profile.loginKey == $0) }
    }

    public func loginKey(_ id: LoginKey) -> LoginKey { id }
}

/// What a profile's `source_profile` names.
enum SourceLink<P> {
    /// No source_profile (or credential_source): the chain ends here.
    case none
    /// The profile's own name: botocore uses its static keys; the chain ends here.
    case itself
    /// A name that is not a profile.
    case missing
    case to(P)
}

/// botocore's `source_profile` rules, once, for Profiles and for snapshot records.
enum SourceLinks {
    enum Stop { case end, missing, cycle }

    /// The chain from `start`: each profile's source in turn, until one has none or names
    /// itself, names a missing profile, or names one already in the chain (a cycle).
    static func chain<P, ID: Hashable>(from start: P, id: (P) -> ID, link: (P) -> SourceLink<P>) -> (chain: [P], stop: Stop) {
        var chain = [start]
        var seen: Set<ID> = [id(start)]
        var current = start
        while true {
            switch link(current) {
            case .none, .itself: return (chain, .end)
            case .missing: return (chain, .missing)
            case .to(let next):
                if !seen.insert(id(next)).inserted { return (chain, .cycle) }
                chain.append(next)
                current = next
            }
        }
    }

    /// The profile whose own SSO login a profile's credentials come from: itself unless it
    /// assumes a role, else the first profile down its chain that does not. Nil for
    /// credential_source, a profile naming itself (static keys), a missing source or a loop
    /// (more steps than there are profiles): no SSO login is involved, or no credentials at all.
    static func loginSource<P>(of profile: P, profileCount: Int, assumesRole: (P) -> Bool, link: (P) -> SourceLink<P>) -> P? {
        var current = profile
        var steps = 0
        while assumesRole(current) {
            guard steps < profileCount, case .to(let next) = link(current) else { return nil }
            current = next
            steps += 1
        }
        return current
    }
}

/// Calls `body` with the indices `0..<count` in the stable order `areInIncreasingOrder` gives
/// (the order `sorted(by:)` would give), on the stack for the handful of settings a profile has.
public func withSortedOrder<R>(_ count: Int, by areInIncreasingOrder: (Int, Int) -> Bool,
                               _ body: (UnsafeBufferPointer<Int>) -> R) -> R {
    guard count <= 32 else {
        let order = (0..<count).sorted(by: areInIncreasingOrder)
        return order.withUnsafeBufferPointer(body)
    }
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
        // Insertion sort: stable, and cheapest for short, often nearly sorted lists.
        for i in 0..<count {
            var j = i
            while j > 0 && areInIncreasingOrder(i, order[j - 1]) {
                order[j] = order[j - 1]
                j -= 1
            }
            order[j] = i
        }
        return body(UnsafeBufferPointer(order))
    }
}
