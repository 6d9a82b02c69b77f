/// Turns what a person typed after `sw use` into a profile, forgivingly but never by guessing
/// between equals: an exact name wins, then an alias, then a case-insensitive name, the name
/// without a generator prefix, an account id, account name or role, then a substring; at each
/// step a single candidate is used and several make the answer ambiguous.
public struct NameResolver: Sendable {
    public enum Resolution: Sendable, Equatable {
        /// `how` says why this profile was chosen.
        case found(String, how: Match)
        case ambiguous([String], how: Match)
        /// Nothing matched; the closest names, best first.
        case notFound(suggestions: [String])
    }

    /// How a query matched; its description is the phrase `sw use` prints after "by".
    public enum Match: Sendable, Equatable, CustomStringConvertible {
        case exactName
        case alias(String)
        case nameIgnoringCase
        case nameWithoutGeneratorPrefix
        case accountID
        case accountName
        case role
        case nameContaining(String)
        case allOfTheWords

        public var description: String {
            switch self {
            case .exactName: "exact name"
            case .alias(let alias): "alias \(alias)"
            case .nameIgnoringCase: "name, ignoring case"
            case .nameWithoutGeneratorPrefix: "name without its generator prefix"
            case .accountID: "account id"
            case .accountName: "account name"
            case .role: "role"
            case .nameContaining(let text): "name containing '\(text)'"
            case .allOfTheWords: "all of the words"
            }
        }
    }

    let index: Index
    let aliases: [String: String]

    public init(index: Index, aliases: [String: String] = [:]) {
        self.index = index
        self.aliases = aliases
    }

    public func resolve(_ query: String) -> Resolution {
        if index.profile(named: query) != nil { return .found(query, how: .exactName) }
        if let target = aliases[query] {
            if index.profile(named: target) != nil { return .found(target, how: .alias(query)) }
        }
        let q = query.lowercased()
        let profiles = index.profiles

        let steps: [(Match, (Profile) -> Bool)] = [
            (.nameIgnoringCase, { $0.name.lowercased() == q }),
            (.nameWithoutGeneratorPrefix, { NameResolver.withoutGeneratorPrefix($0.name.lowercased()).map { $0 == q } ?? false }),
            (.accountID, { $0.accountID == query }),
            (.accountName, { $0.accountName?.lowercased() == q }),
            (.role, { $0.roleName?.lowercased() == q }),
            (.nameContaining(query), { $0.name.lowercased().contains(q) }),
        ]
        for (how, matches) in steps {
            let hits = profiles.filter(matches).map(\.name)
            if hits.count == 1 { return .found(hits[0], how: how) }
            if hits.count > 1 { return .ambiguous(hits, how: how) }
        }
        // Every word must match somewhere: `sw use prod admin`, `sw use 1111 reader`.
        let terms = q.split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init)
        if terms.count > 1 {
            let hits = profiles.filter { p in
                let fields = NameResolver.searchFields(p)
                return terms.allSatisfy { t in fields.contains { $0.contains(t) } }
            }.map(\.name)
            if hits.count == 1 { return .found(hits[0], how: .allOfTheWords) }
            if hits.count > 1 { return .ambiguous(hits, how: .allOfTheWords) }
        }
        return .notFound(suggestions: suggestions(for: q))
    }

    static func searchFields(_ p: Profile) -> [String] {
        [p.name.lowercased(), p.accountID ?? "", p.accountName?.lowercased() ?? "", p.roleName?.lowercased() ?? "",
         p.ssoSession?.lowercased() ?? ""]
    }

    /// The name without the prefix a generator puts before its names (`teleport-awsic-`), also
    /// for a hand-copied section that lost its marker comment.
    static func withoutGeneratorPrefix(_ name: String) -> Substring? {
        for prefix in Origin.allCases.compactMap(\.namePrefix) where name.hasPrefix(prefix) {
            return name.dropFirst(prefix.count)
        }
        return nil
    }

    /// The names closest to `query` by edit distance (on the name and on the name without a
    /// generator prefix), at most five.
    func suggestions(for query: String) -> [String] {
        let limit = max(2, query.count / 2)
        var scored: [(Int, String)] = []
        for p in index.profiles {
            let name = p.name.lowercased()
            var distance = editDistance(query, name)
            if let short = NameResolver.withoutGeneratorPrefix(name) {
                distance = min(distance, editDistance(query, String(short)))
            }
            if distance <= limit { scored.append((distance, p.name)) }
        }
        return scored.sorted { $0 < $1 }.prefix(5).map(\.1)
    }
}
