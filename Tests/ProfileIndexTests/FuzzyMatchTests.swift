import ProfileIndex
import Testing

/// A small fleet in the shapes the picker meets: Teleport names with a common prefix, short
/// hand-written names, account ids, roles.
private let fleet: [FuzzyCandidate] = [
    FuzzyCandidate(name: "teleport-awsic-payments-prod-admin", accountID: "111111111111", accountName: "payments-prod", role: "admin", session: "teleport-d-1"),
    FuzzyCandidate(name: "teleport-awsic-payments-staging-readonly", accountID: "222222222222", accountName: "payments-staging", role: "readonly", session: "teleport-d-1"),
    FuzzyCandidate(name: "teleport-awsic-platform-prod-admin", accountID: "333333333333", accountName: "platform-prod", role: "admin", session: "teleport-d-1"),
    FuzzyCandidate(name: "teleport-awsic-search-dev-developer", accountID: "444444444444", accountName: "search-dev", role: "developer", session: "teleport-d-1"),
    FuzzyCandidate(name: "prod", accountID: "555555555555", role: "AdministratorAccess", session: "corp"),
    FuzzyCandidate(name: "dev-sandbox", accountID: "666666666666", role: "PowerUserAccess", session: "corp"),
    FuzzyCandidate(name: "legacy-billing", accountID: "777777777777", role: "Billing", session: "https://corp.awsapps.com/start"),
]

private func names(_ query: String, _ candidates: [FuzzyCandidate] = fleet, frecency: Frecency = .none) -> [String] {
    FuzzyMatcher.rank(query: query, candidates: candidates, frecency: frecency).map { candidates[$0.index].name }
}

@Suite("Fuzzy ranking")
struct FuzzyMatchTests {
    @Test("queries rank the fleet in the expected order", arguments: [
        // An exact short name beats the same word deeper inside longer names.
        // (Equal scores and lengths keep input order.)
        ("prod", ["prod", "teleport-awsic-payments-prod-admin", "teleport-awsic-platform-prod-admin"]),
        // Every space-separated term must match, each anywhere.
        ("pay prod", ["teleport-awsic-payments-prod-admin"]),
        ("prod pay", ["teleport-awsic-payments-prod-admin"]),
        // A prefix of the name beats the same word later in another name.
        ("dev", ["dev-sandbox", "teleport-awsic-search-dev-developer"]),
        // Consecutive letters at a word start beat a gap; equal scores go to the shorter name;
        // a camelCase role (PowerUserAccess) and a session URL match too; letters scattered
        // inside words come last.
        ("pa", ["teleport-awsic-payments-prod-admin", "teleport-awsic-payments-staging-readonly",
                "teleport-awsic-platform-prod-admin", "dev-sandbox", "legacy-billing",
                "teleport-awsic-search-dev-developer"]),
        // Terms that match no single candidate match nothing.
        ("search admin", []),
        // The account id, the role and the session are searched too.
        ("2222", ["teleport-awsic-payments-staging-readonly"]),
        ("poweruser", ["dev-sandbox"]),
        ("awsapps", ["legacy-billing"]),
        // Matching ignores ASCII case in both the query and the fields.
        ("ADMIN SEARCH", []),
        ("Billing", ["legacy-billing"]),
    ])
    func table(query: String, expected: [String]) {
        #expect(names(query) == expected)
    }

    @Test("the empty query lists every candidate, most frecent first, then in input order")
    func emptyQueryUsesFrecency() {
        let frecency = Frecency(entries: [
            HistoryEntry(time: 1000, profile: "dev-sandbox", query: ""),
            HistoryEntry(time: 900, profile: "legacy-billing", query: ""),
        ], now: 1000)
        let ranked = names("", frecency: frecency)
        #expect(ranked.prefix(2) == ["dev-sandbox", "legacy-billing"])
        #expect(Array(ranked.dropFirst(2)) == fleet.map(\.name).filter { $0 != "dev-sandbox" && $0 != "legacy-billing" })
    }

    @Test("equal scores are ordered by frecency before length and input order")
    func tiesByFrecency() {
        let twins = [FuzzyCandidate(name: "alpha-prod"), FuzzyCandidate(name: "bravo-prod"), FuzzyCandidate(name: "delta-prod")]
        #expect(names("prod", twins) == ["alpha-prod", "bravo-prod", "delta-prod"])
        let frecency = Frecency(entries: [HistoryEntry(time: 0, profile: "delta-prod", query: "prod")], now: 0)
        #expect(names("prod", twins, frecency: frecency) == ["delta-prod", "alpha-prod", "bravo-prod"])
    }

    @Test("with equal scores and no history, the shorter name comes first")
    func tiesByLength() {
        let candidates = [FuzzyCandidate(name: "ops-admin-extra"), FuzzyCandidate(name: "ops-admin")]
        #expect(names("ops", candidates) == ["ops-admin", "ops-admin-extra"])
    }

    @Test("name positions mark the matched bytes of the best alignment, for highlighting")
    func namePositions() {
        let matches = FuzzyMatcher.rank(query: "pay prod", candidates: fleet)
        let name = Array(fleet[matches[0].index].name.utf8)
        let marked = String(decoding: matches[0].namePositions.map { name[$0] }, as: UTF8.self)
        #expect(marked == "payprod")
        #expect(matches[0].namePositions == [15, 16, 17, 24, 25, 26, 27])
    }

    @Test("a term found only outside the name highlights nothing in the name")
    func noHighlightOutsideName() {
        let matches = FuzzyMatcher.rank(query: "2222", candidates: fleet)
        #expect(matches.count == 1)
        #expect(matches[0].namePositions.isEmpty)
    }

    @Test("restricting to earlier matches gives the same result as ranking everything")
    func incrementalRanking() {
        let matcher = FuzzyMatcher(candidates: fleet)
        let first = matcher.rank(query: "p")
        let narrowed = matcher.rank(query: "pro", among: first.map(\.index))
        #expect(narrowed == matcher.rank(query: "pro"))
        #expect(!narrowed.isEmpty)
    }

    @Test("word boundaries are -, _, ., /, : and camelCase humps")
    func boundaries() {
        for separator in ["-", "_", ".", "/", ":"] {
            let candidates = [FuzzyCandidate(name: "xqzwkx"), FuzzyCandidate(name: "zzz\(separator)qwk")]
            #expect(names("qwk", candidates) == ["zzz\(separator)qwk", "xqzwkx"], "separator \(separator)")
        }
        let camel = [FuzzyCandidate(name: "xxaccessyy"), FuzzyCandidate(name: "ReadOnlyAccess")]
        #expect(names("access", camel) == ["ReadOnlyAccess", "xxaccessyy"])
    }
}
