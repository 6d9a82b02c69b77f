/// What the picker searches for one profile: its name, and the account, role and session it
/// stands for. Absent fields are empty strings.
public struct FuzzyCandidate: Sendable, Hashable {
    public var name: String
    public var accountID: String
    public var accountName: String
    public var role: String
    public var session: String

    public init(name: String, accountID: String = "", accountName: String = "", role: String = "", session: String = "") {
        self.name = name
        self.accountID = accountID
        self.accountName = accountName
        self.role = role
        self.session = session
    }

    public init(profile: Profile) {
        self.init(name: profile.name, accountID: profile.accountID ?? "", accountName: profile.accountName ?? "",
                  role: profile.roleName ?? "", session: profile.ssoSession ?? profile.ssoStartURL ?? "")
    }

}

/// Fuzzy ranking of candidates for a query typed in the picker.
///
/// A query is split on spaces into terms; a candidate matches when every term is a subsequence
/// (ASCII case-insensitive) of one of its fields. A term's score is that of its best field:
/// 16 per matched byte, bonuses where a match starts a word (field start 10, after `-` `_` `.`
/// `/` `:` or space 9, a camelCase hump or the first digit 7), a consecutive run keeps its first
/// byte's bonus (at least 4), a gap costs 3 to open and 1 per further byte, and the first byte's
/// bonus counts double. A field other than the name scores 2 less, so the name wins a tie.
/// Candidates sort by score, then by frecency, then shorter name first, then input order; with
/// an empty query, by frecency and then input order.
///
/// Works on bytes prepared once in `init`: a keystroke costs one pass over them.
public struct FuzzyMatcher: Sendable {
    public struct Match: Sendable, Equatable {
        /// Position of the candidate in the array given to `init`.
        public var index: Int
        public var score: Int
        /// Byte offsets into `name.utf8` of the matched bytes, ascending (for highlighting).
        /// Filled for the first `highlightLimit` matches only.
        public var namePositions: [Int]
    }

    public static let fieldCount = 5

    public let candidates: [FuzzyCandidate]
    /// Lower-cased (ASCII) bytes of every field of every candidate, back to back.
    private let bytes: [UInt8]
    /// Bonus for a match at each byte of `bytes`.
    private let bonus: [Int8]
    /// `fieldStart[c * fieldCount + f]` is where field `f` of candidate `c` starts in `bytes`;
    /// one extra entry at the end.
    private let fieldStart: [Int32]
    /// Tie order: `tieRank[c]` is c's position when sorted by frecency, name length, index.
    private let tieRank: [UInt32]
    /// The inverse of `tieRank`.
    private let rankToIndex: [Int32]
    /// Candidate indices sorted by frecency, then index: the order for an empty query.
    private let emptyOrder: [Int32]

    public init(candidates: [FuzzyCandidate], frecency: Frecency = .none) {
        precondition(candidates.count < 1 << 31, "too many candidates")
        self.candidates = candidates
        var total = 0
        for c in candidates {
            total += c.name.utf8.count + c.accountID.utf8.count + c.accountName.utf8.count + c.role.utf8.count
                + c.session.utf8.count
        }
        var fieldStart = [Int32](repeating: 0, count: candidates.count * Self.fieldCount + 1)
        var bonus = [Int8](repeating: 0, count: total)
        let bytes = [UInt8](unsafeUninitializedCapacity: total) { out, count in
            bonus.withUnsafeMutableBufferPointer { bon in
                fieldStart.withUnsafeMutableBufferPointer { starts in
                    var at = 0
                    var f = 0
                    func add(_ field: String) {
                        starts[f] = Int32(at)
                        f += 1
                        at = Self.prepare(field, into: out, bonus: bon, at: at)
                    }
                    for candidate in candidates {
                        add(candidate.name)
                        add(candidate.accountID)
                        add(candidate.accountName)
                        add(candidate.role)
                        add(candidate.session)
                    }
                    starts[f] = Int32(at)
                    count = at
                }
            }
        }
        self.bytes = bytes
        self.bonus = bonus
        self.fieldStart = fieldStart

        // Tie order: frecency (few candidates have any), then name length, then index. Sorting
        // packed integers keeps this cheap for the many candidates without history.
        var recent: [(score: Double, length: Int, index: Int)] = []
        var rest: [UInt64] = []
        rest.reserveCapacity(candidates.count)
        for (i, c) in candidates.enumerated() {
            let length = c.name.utf8.count
            let f = frecency.isEmpty ? 0 : frecency.score(of: c.name)
            if f > 0 {
                recent.append((f, length, i))
            } else {
                rest.append(UInt64(min(length, 0xffff_ffff)) << 32 | UInt64(i))
            }
        }
        recent.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.length != b.length { return a.length < b.length }
            return a.index < b.index
        }
        rest.sort()
        var rankToIndex: [Int32] = recent.map { Int32($0.index) }
        rankToIndex.reserveCapacity(candidates.count)
        for key in rest { rankToIndex.append(Int32(truncatingIfNeeded: key & 0xffff_ffff)) }
        var tieRank = [UInt32](repeating: 0, count: candidates.count)
        for (rank, index) in rankToIndex.enumerated() { tieRank[Int(index)] = UInt32(rank) }
        self.tieRank = tieRank
        self.rankToIndex = rankToIndex
        // Empty query: frecency, then input order.
        var emptyOrder: [Int32] = recent.sorted { a, b in a.score != b.score ? a.score > b.score : a.index < b.index }
            .map { Int32($0.index) }
        emptyOrder.reserveCapacity(candidates.count)
        var isRecent = [Bool](repeating: false, count: candidates.count)
        for r in recent { isRecent[r.index] = true }
        for i in candidates.indices where !isRecent[i] { emptyOrder.append(Int32(i)) }
        self.emptyOrder = emptyOrder
    }

    /// Prepares `candidates` and ranks them: for a single query. The picker keeps one
    /// `FuzzyMatcher` and calls `rank(query:)` per keystroke.
    public static func rank(query: String, candidates: [FuzzyCandidate], frecency: Frecency = .none) -> [Match] {
        FuzzyMatcher(candidates: candidates, frecency: frecency).rank(query: query)
    }

    /// The matching candidates, best first. `among` restricts the search to those indices
    /// (the matches of a query this one extends); `highlightLimit` bounds how many matches get
    /// their `namePositions` computed.
    public func rank(query: String, among: [Int]? = nil, highlightLimit: Int = .max) -> [Match] {
        let terms = Self.terms(query)
        if terms.isEmpty {
            var result: [Match] = []
            if let among {
                let keep = Set(among)
                for i in emptyOrder where keep.contains(Int(i)) { result.append(Match(index: Int(i), score: 0, namePositions: [])) }
            } else {
                result = emptyOrder.map { Match(index: Int($0), score: 0, namePositions: []) }
            }
            return result
        }
        var keys: [UInt64] = []
        bytes.withUnsafeBufferPointer { hay in
            bonus.withUnsafeBufferPointer { bon in
                fieldStart.withUnsafeBufferPointer { starts in
                    func consider(_ c: Int) {
                        var total = 0
                        for term in terms {
                            guard let s = Self.bestScore(term, candidate: c, hay: hay, bonus: bon, starts: starts) else { return }
                            total += s
                        }
                        // Higher score first: invert it into the high bits; ties by tieRank.
                        let inverted = UInt64(UInt32(clamping: (1 << 31) - total))
                        keys.append(inverted << 32 | UInt64(tieRank[c]))
                    }
                    if let among {
                        for c in among { consider(c) }
                    } else {
                        for c in 0..<candidates.count { consider(c) }
                    }
                }
            }
        }
        keys.sort()
        var result: [Match] = []
        result.reserveCapacity(keys.count)
        for (n, key) in keys.enumerated() {
            let c = Int(rankToIndex[Int(key & 0xffff_ffff)])
            let score = (1 << 31) - Int(key >> 32)
            let positions = n < highlightLimit ? namePositions(terms: terms, candidate: c) : []
            result.append(Match(index: c, score: score, namePositions: positions))
        }
        return result
    }

    /// The bytes of `name` matched by the terms, where they match the name (a term may have
    /// scored better in another field: the name is what is shown, so it is highlighted anyway).
    public func namePositions(query: String, candidate: Int) -> [Int] {
        namePositions(terms: Self.terms(query), candidate: candidate)
    }

    private func namePositions(terms: [[UInt8]], candidate c: Int) -> [Int] {
        var positions: [Int] = []
        bytes.withUnsafeBufferPointer { hay in
            bonus.withUnsafeBufferPointer { bon in
                fieldStart.withUnsafeBufferPointer { starts in
                    let base = c * Self.fieldCount
                    let nameStart = Int(starts[base]), nameEnd = Int(starts[base + 1])
                    for term in terms {
                        guard let inName = term.withUnsafeBufferPointer({ q in
                            Self.matchField(q, hay: hay, bonus: bon, from: nameStart, to: nameEnd)
                        }) else { continue }
                        // Re-walk the best alignment to collect its positions.
                        var pi = 0
                        var i = inName.start
                        while pi < term.count, i < nameEnd {
                            if hay[i] == term[pi] {
                                positions.append(i - nameStart)
                                pi += 1
                            }
                            i += 1
                        }
                    }
                }
            }
        }
        return Array(Set(positions)).sorted()
    }

    // MARK: - Scoring

    static let scoreMatch = 16
    static let scoreGapStart = -3
    static let scoreGapExtension = -1
    static let bonusFieldStart: Int8 = 10
    static let bonusBoundary: Int8 = 9
    static let bonusCamel: Int8 = 7
    static let bonusConsecutive = 4
    static let otherFieldPenalty = 2

    /// Writes `field`'s lower-cased bytes and their bonuses at `at`; returns the end.
    private static func prepare(_ field: String, into out: UnsafeMutableBufferPointer<UInt8>,
                                bonus: UnsafeMutableBufferPointer<Int8>, at start: Int) -> Int {
        func write(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
            var at = start
            var previous: UInt8 = 0
            for (n, b) in utf8.enumerated() {
                out.initializeElement(at: at, to: lower(b))
                bonus[at] = n == 0 ? bonusFieldStart : Self.bonus(previous: previous, current: b)
                previous = b
                at += 1
            }
            return at
        }
        if field.isEmpty { return start }
        // Native strings (all of them here) are contiguous: no copy, no uniqueness check.
        if let end = field.utf8.withContiguousStorageIfAvailable(write) { return end }
        return Array(field.utf8).withUnsafeBufferPointer(write)
    }

    /// ASCII lower-casing of one byte; other bytes are unchanged.
    @inline(__always)
    public static func lower(_ b: UInt8) -> UInt8 {
        b &- 65 < 26 ? b | 0x20 : b
    }

    static func isBoundary(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
             UInt8(ascii: " "), UInt8(ascii: "@"): true
        default: false
        }
    }

    static func bonus(previous: UInt8, current: UInt8) -> Int8 {
        if isBoundary(current) { return 0 }
        if isBoundary(previous) { return bonusBoundary }
        let prevLower = previous &- 97 < 26, curUpper = current &- 65 < 26
        if prevLower && curUpper { return bonusCamel }
        let prevDigit = previous &- 48 < 10, curDigit = current &- 48 < 10
        if curDigit && !prevDigit { return bonusCamel }
        return 0
    }

    static func terms(_ query: String) -> [[UInt8]] {
        query.utf8.split(separator: UInt8(ascii: " ")).map { $0.map(lower) }
    }

    /// The best score of `term` over the candidate's fields, or nil if no field contains it.
    @inline(__always)
    static func bestScore(_ term: [UInt8], candidate c: Int, hay: UnsafeBufferPointer<UInt8>,
                          bonus: UnsafeBufferPointer<Int8>, starts: UnsafeBufferPointer<Int32>) -> Int? {
        term.withUnsafeBufferPointer { q in
            let base = c * fieldCount
            var best: Int? = nil
            for f in 0..<fieldCount {
                let from = Int(starts[base + f]), to = Int(starts[base + f + 1])
                guard to - from >= q.count,
                      let m = matchField(q, hay: hay, bonus: bonus, from: from, to: to) else { continue }
                let s = f == 0 ? m.score : m.score - otherFieldPenalty
                if best == nil || s > best! { best = s }
            }
            return best
        }
    }

    /// Matches `q` in `hay[from..<to]`: for the first occurrence of the query's first byte and
    /// every later one that starts a word, the shortest greedy alignment from there; the best
    /// scoring one wins. Returns its score and where it starts.
    @inline(__always)
    static func matchField(_ q: UnsafeBufferPointer<UInt8>, hay: UnsafeBufferPointer<UInt8>,
                           bonus: UnsafeBufferPointer<Int8>, from: Int, to: Int) -> (score: Int, start: Int)? {
        let m = q.count
        let q0 = q[0]
        var best: (score: Int, start: Int)? = nil
        var s = from
        var firstTried = false
        while s < to {
            // Next candidate start: an occurrence of q0 (the first one, then word starts only).
            while s < to && (hay[s] != q0 || (firstTried && bonus[s] == 0)) { s += 1 }
            if s >= to { break }
            firstTried = true
            // Forward: greedy end of the match starting at s.
            var pi = 1
            var i = s + 1
            if m > 1 {
                while i < to {
                    if hay[i] == q[pi] {
                        pi += 1
                        if pi == m { i += 1; break }
                    }
                    i += 1
                }
                if pi < m { break }  // no later start can succeed either
            }
            let end = i
            // Backward: the latest start that still reaches `end`, not before s.
            var start = end - 1
            pi = m - 1
            var j = end - 1
            while j >= s {
                if hay[j] == q[pi] {
                    if pi == 0 { start = j; break }
                    pi -= 1
                }
                j -= 1
            }
            let score = scoreAlignment(q, hay: hay, bonus: bonus, start: start, end: end)
            if best == nil || score > best!.score { best = (score, start) }
            s += 1
        }
        return best
    }

    @inline(__always)
    static func scoreAlignment(_ q: UnsafeBufferPointer<UInt8>, hay: UnsafeBufferPointer<UInt8>,
                               bonus: UnsafeBufferPointer<Int8>, start: Int, end: Int) -> Int {
        var score = 0
        var pi = 0
        var consecutive = 0
        var firstBonus = 0
        var inGap = false
        var i = start
        while i < end && pi < q.count {
            if hay[i] == q[pi] {
                score += scoreMatch
                var b = Int(bonus[i])
                if consecutive == 0 {
                    firstBonus = b
                } else {
                    if b >= Int(bonusBoundary) && b > firstBonus { firstBonus = b }
                    b = max(b, firstBonus, bonusConsecutive)
                }
                score += pi == 0 ? b * 2 : b
                inGap = false
                consecutive += 1
                pi += 1
            } else {
                score += inGap ? scoreGapExtension : scoreGapStart
                inGap = true
                consecutive = 0
                firstBonus = 0
            }
            i += 1
        }
        return score
    }
}
