@testable import ProfileSearch
import TestSupport
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

    @Test("names read as lines rank exactly like the same names given as candidates")
    func linesRankLikeCandidates() {
        // Empty lines are skipped, CR stays part of a name, the last line needs no newline,
        // duplicates stay, non-ASCII bytes are kept, invalid UTF-8 is repaired like String does.
        var input = Array("alpha-prod\n\nbeta-prod\r\nalpha-prod\n\ngamma-PROD-x\ncafé-prod\nops-admin-extra\n".utf8)
        input += [0x6F, 0x70, 0xFF, 0x73, 0x0A] + Array("ops-admin".utf8)
        let names = input.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        #expect(names.count == 8)
        #expect(names[7] == "ops-admin" && names[6] == "op\u{FFFD}s")
        let frecency = Frecency(entries: [HistoryEntry(time: 0, profile: "gamma-PROD-x", query: ""),
                                          HistoryEntry(time: 0, profile: "alpha-prod", query: "")], now: 0)
        for f in [Frecency.none, frecency] {
            let byLines = FuzzyMatcher(lines: input, frecency: f)
            let byCandidates = FuzzyMatcher(candidates: names.map { FuzzyCandidate(name: $0) }, frecency: f)
            #expect(byLines.count == names.count)
            #expect((0..<names.count).map(byLines.name) == names)
            for query in ["", "prod", "PROD", "pr od", "a", "ops", "op s", "é", "\u{FFFD}", "x", "zzz", "prod\r"] {
                let expected = byCandidates.rank(query: query)
                #expect(byLines.rank(query: query) == expected, "query \(query)")
                #expect(byLines.rankedIndices(query: query) == expected.map(\.index), "query \(query)")
                #expect(byCandidates.rankedIndices(query: query) == expected.map(\.index), "query \(query)")
            }
        }
    }

    @Test("ranked names are written one per line, in rank order")
    func joinedNames() {
        let matcher = FuzzyMatcher(lines: Array("ops-admin-extra\nops-admin\nbilling\n".utf8))
        let ranked = matcher.rankedIndices(query: "ops")
        #expect(ranked == [1, 0])
        #expect(String(decoding: matcher.joinedNames(ranked), as: UTF8.self) == "ops-admin\nops-admin-extra\n")
        #expect(matcher.joinedNames([]).isEmpty)
        let fromCandidates = FuzzyMatcher(candidates: fleet)
        #expect(String(decoding: fromCandidates.joinedNames([4, 5], terminator: 0), as: UTF8.self) == "prod\0dev-sandbox\0")
    }

    @Test("the empty query restricted to some candidates keeps frecency order, then input order")
    func emptyQueryAmong() {
        let frecency = Frecency(entries: [HistoryEntry(time: 1000, profile: "legacy-billing", query: "")], now: 1000)
        let matcher = FuzzyMatcher(candidates: fleet, frecency: frecency)
        #expect(matcher.rank(query: "", among: [5, 6, 0, 2]).map(\.index) == [6, 0, 2, 5])
        #expect(matcher.rank(query: "  ").map(\.index) == [6, 0, 1, 2, 3, 4, 5])
    }

    @Test("a tie between names of many lengths and frecency keeps score, frecency, length, input order")
    func tieOrderManyLengths() {
        // Same score for "a" at the start of every name; lengths vary and repeat.
        let lengths = [5, 3, 9, 3, 1, 7, 5, 12, 1, 9]
        let candidates = lengths.map { FuzzyCandidate(name: "a" + String(repeating: "z", count: $0 - 1)) }
        let frecency = Frecency(entries: [HistoryEntry(time: 0, profile: candidates[7].name, query: ""),
                                          HistoryEntry(time: 0, profile: candidates[2].name, query: ""),
                                          HistoryEntry(time: 0, profile: candidates[2].name, query: "")], now: 0)
        let ranked = FuzzyMatcher(candidates: candidates, frecency: frecency).rank(query: "a").map(\.index)
        // candidates 2 and 9 share a name: both get its frecency (2), then 7 (1), then by length.
        #expect(ranked == [2, 9, 7, 4, 8, 1, 3, 0, 6, 5])
    }

    @Test("the radix sort of rank keys gives exactly the order of sort()", arguments: [0, 1, 511, 512, 5000, 40000])
    func radixSortKeys(count: Int) {
        var rng = SplitMix(seed: UInt64(count) + 7)
        let tieBits = UInt64.bitWidth - UInt64(max(count, 1)).leadingZeroBitCount
        // Scores over a narrow and a wide range (the wide one falls back to sort()), unique tie
        // ranks below `count`, and repeated keys.
        for spread: UInt64 in [1, 300, 1 << 20, 1 << 31] {
            var keys = (0..<count).map { i in
                let high = (1 << 31) + 5000 - rng.next() % spread
                return high << 32 | UInt64(i)
            }
            keys.shuffle(using: &rng)
            if count > 2 { keys[count - 1] = keys[0] }
            var sorted = keys
            FuzzyMatcher.sortKeys(&sorted, tieBits: tieBits)
            let same = sorted == keys.sorted()  // (not the arrays themselves in a failure message)
            #expect(same, "count \(count), spread \(spread)")
        }
    }
}
