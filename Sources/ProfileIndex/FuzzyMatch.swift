#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
/// Works on bytes prepared once in `init` (copied and lower-cased into two flat buffers, no
/// allocation per candidate): a keystroke costs one pass over them. Word-start bonuses are
/// computed where a query byte matches, not for every byte up front.
public struct FuzzyMatcher: Sendable {
    public struct Match: Sendable, Equatable {
        /// Position of the candidate in the array (or the line) given to `init`.
        public var index: Int
        public var score: Int
        /// Byte offsets into `name.utf8` of the matched bytes, ascending (for highlighting).
        /// Filled for the first `highlightLimit` matches only.
        public var namePositions: [Int]
    }

    /// Fields per candidate built from `FuzzyCandidate`s: name, account id, account name, role,
    /// session.
    public static let fieldCount = 5

    /// How many candidates there are.
    public let count: Int
    /// Fields per candidate: `fieldCount`, or 1 (the name) when built from lines.
    private let fields: Int
    /// The bytes of every field of every candidate as given, and ASCII lower-cased, at the same
    /// offsets. Built from lines, `original` is the input itself.
    private let original: [UInt8]
    private let lowered: [UInt8]
    /// Field `f` of candidate `c` is `bounds[2k] ..< bounds[2k + 1]` with `k = c * fields + f`.
    private let bounds: [Int32]
    /// Tie order: `tieRank[c]` is c's position when sorted by frecency, name length, index.
    private let tieRank: [UInt32]
    /// The inverse of `tieRank`.
    private let rankToIndex: [Int32]
    /// The candidates with a frecency score, by score then index: the head of the order for an
    /// empty query (the rest follow in input order). They are the first `tieRank`s.
    private let recentByScore: [Int32]

    public init(candidates: [FuzzyCandidate], frecency: Frecency = .none) {
        precondition(candidates.count < 1 << 31, "too many candidates")
        var total = 0
        for c in candidates {
            total += c.name.utf8.count + c.accountID.utf8.count + c.accountName.utf8.count + c.role.utf8.count
                + c.session.utf8.count
        }
        precondition(total < 1 << 31, "candidates too long")
        var bounds = [Int32](repeating: 0, count: candidates.count * Self.fieldCount * 2)
        let original = [UInt8](unsafeUninitializedCapacity: total) { out, count in
            bounds.withUnsafeMutableBufferPointer { b in
                var at = 0
                var k = 0
                func add(_ field: String) {
                    b[k] = Int32(truncatingIfNeeded: at)
                    at = Self.copy(field, into: out, at: at)
                    b[k + 1] = Int32(truncatingIfNeeded: at)
                    k += 2
                }
                for candidate in candidates {
                    add(candidate.name)
                    add(candidate.accountID)
                    add(candidate.accountName)
                    add(candidate.role)
                    add(candidate.session)
                }
                count = at
            }
        }
        let scores: [Double]? = frecency.isEmpty ? nil : candidates.map { frecency.score(of: $0.name) }
        self.init(fields: Self.fieldCount, count: candidates.count, original: original, bounds: bounds, scores: scores)
    }

    /// Candidates that are names only: the non-empty lines of `input` (split on LF, as
    /// `fzf` reads its input), without making a String of each. Invalid UTF-8 is repaired
    /// first, as `String(decoding:as:)` does.
    public init(lines input: [UInt8], frecency: Frecency = .none) {
        var input = input
        if !Self.isASCII(input), String(validating: input, as: UTF8.self) == nil {
            input = Array(String(decoding: input, as: UTF8.self).utf8)
        }
        precondition(input.count < 1 << 31, "input too long")
        var bounds: [Int32] = []
        bounds.reserveCapacity(input.count / 16)
        input.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var start = 0
            while start < buf.count {
                let end: Int
                if let nl = memchr(base + start, 0x0A, buf.count - start) {
                    end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(nl))
                } else {
                    end = buf.count
                }
                if end > start {
                    bounds.append(Int32(truncatingIfNeeded: start))
                    bounds.append(Int32(truncatingIfNeeded: end))
                }
                start = end + 1
            }
        }
        let count = bounds.count / 2
        var scores: [Double]? = nil
        if !frecency.isEmpty {
            scores = input.withUnsafeBufferPointer { buf in
                (0..<count).map { c in
                    let line = UnsafeBufferPointer(rebasing: buf[Int(bounds[2 * c])..<Int(bounds[2 * c + 1])])
                    return frecency.score(of: String(decoding: line, as: UTF8.self))
                }
            }
        }
        self.init(fields: 1, count: count, original: input, bounds: bounds, scores: scores)
    }

    private init(fields: Int, count: Int, original: [UInt8], bounds: [Int32], scores: [Double]?) {
        self.fields = fields
        self.count = count
        self.original = original
        self.lowered = original.withUnsafeBufferPointer(Self.lowercased)
        self.bounds = bounds

        // Tie order: frecency (few candidates have any), then name length, then index.
        var recent: [(score: Double, length: Int, index: Int)] = []
        if let scores {
            for c in 0..<count where scores[c] > 0 {
                recent.append((scores[c], Int(bounds[2 * c * fields + 1] - bounds[2 * c * fields]), c))
            }
        }
        recent.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.length != b.length { return a.length < b.length }
            return a.index < b.index
        }
        var rankToIndex = [Int32](repeating: 0, count: count)
        var tieRank = [UInt32](repeating: 0, count: count)
        rankToIndex.withUnsafeMutableBufferPointer { toIndex in
            tieRank.withUnsafeMutableBufferPointer { rank in
                bounds.withUnsafeBufferPointer { b in
                    let stride = 2 * fields
                    for (r, e) in recent.enumerated() {
                        toIndex[r] = Int32(truncatingIfNeeded: e.index)
                        rank[e.index] = UInt32(truncatingIfNeeded: r)
                    }
                    let isRecent = { (c: Int) in scores.map { $0[c] > 0 } ?? false }
                    // The rest by name length, then index: a counting sort (stable), as names
                    // are short; a plain sort for absurdly long ones.
                    var maxLength = 0
                    for c in 0..<count { maxLength = max(maxLength, Int(b[stride * c + 1] - b[stride * c])) }
                    var next = recent.count
                    if maxLength <= 1 << 16 {
                        var starts = [Int](repeating: 0, count: maxLength + 2)
                        for c in 0..<count where !isRecent(c) { starts[Int(b[stride * c + 1] - b[stride * c]) + 1] += 1 }
                        starts[0] = next
                        for l in 0...maxLength { starts[l + 1] += starts[l] }
                        for c in 0..<count where !isRecent(c) {
                            let l = Int(b[stride * c + 1] - b[stride * c])
                            toIndex[starts[l]] = Int32(truncatingIfNeeded: c)
                            rank[c] = UInt32(truncatingIfNeeded: starts[l])
                            starts[l] += 1
                        }
                    } else {
                        var rest: [UInt64] = []
                        for c in 0..<count where !isRecent(c) {
                            rest.append(UInt64(b[stride * c + 1] - b[stride * c]) << 32 | UInt64(c))
                        }
                        rest.sort()
                        for key in rest {
                            let c = Int(truncatingIfNeeded: key & 0xffff_ffff)
                            toIndex[next] = Int32(truncatingIfNeeded: c)
                            rank[c] = UInt32(truncatingIfNeeded: next)
                            next += 1
                        }
                    }
                }
            }
        }
        self.tieRank = tieRank
        self.rankToIndex = rankToIndex
        // Empty query: frecency, then input order.
        self.recentByScore = recent.sorted { a, b in a.score != b.score ? a.score > b.score : a.index < b.index }
            .map { Int32($0.index) }
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
        let terms = Terms(query)
        if terms.isEmpty {
            return emptyQueryOrder(among: among).map { Match(index: $0, score: 0, namePositions: []) }
        }
        let keys = sortedKeys(terms, among: among)
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

    /// The indices of the matching candidates, best first: `rank(query:)` without scores and
    /// highlighting, for printing.
    public func rankedIndices(query: String) -> [Int] {
        let terms = Terms(query)
        if terms.isEmpty { return emptyQueryOrder(among: nil) }
        let keys = sortedKeys(terms, among: nil)
        return rankToIndex.withUnsafeBufferPointer { toIndex in
            keys.map { Int(toIndex[Int($0 & 0xffff_ffff)]) }
        }
    }

    /// The names of `indices`, each followed by `terminator`, in one buffer.
    public func joinedNames(_ indices: [Int], terminator: UInt8 = 0x0A) -> [UInt8] {
        let stride = 2 * fields
        return bounds.withUnsafeBufferPointer { b in
            var total = 0
            for c in indices { total += Int(b[stride * c + 1] - b[stride * c]) + 1 }
            return original.withUnsafeBufferPointer { src in
                [UInt8](unsafeUninitializedCapacity: total) { out, count in
                    var at = 0
                    for c in indices {
                        let from = Int(b[stride * c]), length = Int(b[stride * c + 1]) - from
                        if length > 0 {
                            (out.baseAddress! + at).initialize(from: src.baseAddress! + from, count: length)
                        }
                        at += length
                        out.initializeElement(at: at, to: terminator)
                        at += 1
                    }
                    count = at
                }
            }
        }
    }

    /// The name of candidate `c`.
    public func name(_ c: Int) -> String {
        let from = Int(bounds[2 * fields * c]), to = Int(bounds[2 * fields * c + 1])
        return original.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }

    /// Frecency order, then input order, optionally only `among`.
    private func emptyQueryOrder(among: [Int]?) -> [Int] {
        var keep: [Bool]? = nil
        if let among {
            var k = [Bool](repeating: false, count: count)
            for i in among { k[i] = true }
            keep = k
        }
        var result: [Int] = []
        result.reserveCapacity(among?.count ?? count)
        for i in recentByScore where keep?[Int(i)] ?? true { result.append(Int(i)) }
        let recentCount = UInt32(truncatingIfNeeded: recentByScore.count)
        for i in 0..<count where tieRank[i] >= recentCount && keep?[i] ?? true { result.append(i) }
        return result
    }

    /// Sort keys of the matching candidates, ascending: inverted score in the high half, tie rank
    /// in the low half.
    private func sortedKeys(_ terms: Terms, among: [Int]?) -> [UInt64] {
        var keys: [UInt64] = []
        let fields = self.fields
        original.withUnsafeBufferPointer { orig in
            lowered.withUnsafeBufferPointer { low in
                bounds.withUnsafeBufferPointer { b in
                    tieRank.withUnsafeBufferPointer { tie in
                        terms.withBuffers { qs in
                            let hay = Hay(lower: low, original: orig)
                            @inline(__always)
                            func consider(_ c: Int) {
                                var total = 0
                                for q in qs {
                                    guard let s = Self.bestScore(q, fields: b.baseAddress! + 2 * fields * c, count: fields, hay: hay)
                                    else { return }
                                    total += s
                                }
                                // Higher score first: invert it into the high bits; ties by tieRank.
                                let inverted = UInt64(UInt32(clamping: (1 << 31) - total))
                                keys.append(inverted << 32 | UInt64(tie[c]))
                            }
                            if let among {
                                for c in among { consider(c) }
                            } else {
                                for c in 0..<count { consider(c) }
                            }
                        }
                    }
                }
            }
        }
        Self.sortKeys(&keys, tieBits: UInt64.bitWidth - UInt64(count).leadingZeroBitCount)
        return keys
    }

    /// Sorts `keys` ascending. Many keys: an LSD radix sort on (score part minus its least
    /// value, tie rank) packed into as few bits as they need, 11 bits per pass; the keys are
    /// integers, so the order is exactly that of `sort()`.
    static func sortKeys(_ keys: inout [UInt64], tieBits: Int) {
        guard keys.count >= 512 else { keys.sort(); return }
        var minHigh = UInt64.max, maxHigh: UInt64 = 0
        for k in keys {
            minHigh = min(minHigh, k >> 32)
            maxHigh = max(maxHigh, k >> 32)
        }
        let bits = (UInt64.bitWidth - (maxHigh - minHigh).leadingZeroBitCount) + tieBits
        guard bits <= 44 else { keys.sort(); return }
        let lowMask: UInt64 = 0xffff_ffff
        let digitBits = 11, digitMask = (1 << digitBits) - 1
        var other = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: (1 << digitBits) + 1)
        var shift = 0
        while shift < bits {
            keys.withUnsafeBufferPointer { src in
                other.withUnsafeMutableBufferPointer { dst in
                    counts.withUnsafeMutableBufferPointer { count in
                        @inline(__always) func digit(_ k: UInt64) -> Int {
                            Int(truncatingIfNeeded: (((k >> 32) &- minHigh) << tieBits | (k & lowMask)) >> shift) & digitMask
                        }
                        for i in count.indices { count[i] = 0 }
                        for k in src { count[digit(k) + 1] += 1 }
                        for d in 0..<digitMask { count[d + 1] += count[d] }
                        for k in src {
                            let d = digit(k)
                            dst[count[d]] = k
                            count[d] += 1
                        }
                    }
                }
            }
            swap(&keys, &other)
            shift += digitBits
        }
    }

    /// The bytes of `name` matched by the terms, where they match the name (a term may have
    /// scored better in another field: the name is what is shown, so it is highlighted anyway).
    public func namePositions(query: String, candidate: Int) -> [Int] {
        namePositions(terms: Terms(query), candidate: candidate)
    }

    private func namePositions(terms: Terms, candidate c: Int) -> [Int] {
        var positions: [Int] = []
        original.withUnsafeBufferPointer { orig in
            lowered.withUnsafeBufferPointer { low in
                terms.withBuffers { qs in
                    let hay = Hay(lower: low, original: orig)
                    let nameStart = Int(bounds[2 * fields * c]), nameEnd = Int(bounds[2 * fields * c + 1])
                    for term in qs {
                        guard let inName = Self.matchField(term, hay: hay, from: nameStart, to: nameEnd) else { continue }
                        // Re-walk the best alignment to collect its positions.
                        var pi = 0
                        var i = inName.start
                        while pi < term.count, i < nameEnd {
                            if low[i] == term[pi] {
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

    /// The query's terms, lower-cased, back to back in one buffer.
    struct Terms {
        var bytes: [UInt8] = []
        var ends: [Int] = []

        init(_ query: String) {
            for term in query.utf8.split(separator: UInt8(ascii: " ")) {
                bytes.append(contentsOf: term.lazy.map(FuzzyMatcher.lower))
                ends.append(bytes.count)
            }
        }

        var isEmpty: Bool { ends.isEmpty }

        /// Calls `body` with one buffer per term (all non-empty).
        func withBuffers<R>(_ body: ([UnsafeBufferPointer<UInt8>]) -> R) -> R {
            bytes.withUnsafeBufferPointer { all in
                var start = 0
                var buffers: [UnsafeBufferPointer<UInt8>] = []
                buffers.reserveCapacity(ends.count)
                for end in ends {
                    buffers.append(UnsafeBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
                return body(buffers)
            }
        }
    }

    /// The prepared bytes: lower-cased for comparing, as given for word-start bonuses.
    struct Hay {
        let lower: UnsafeBufferPointer<UInt8>
        let original: UnsafeBufferPointer<UInt8>

        /// The first `i` in `from..<to` where the lower-cased byte is `b`, or `to`.
        @inline(__always)
        func find(_ b: UInt8, from: Int, to: Int) -> Int {
            guard from < to, let base = lower.baseAddress, let p = memchr(base + from, Int32(b), to - from) else { return to }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(p))
        }

        /// The bonus for a match at `i` in a field starting at `from`.
        @inline(__always)
        func bonus(at i: Int, from: Int) -> Int {
            i == from ? Int(FuzzyMatcher.bonusFieldStart)
                : Int(FuzzyMatcher.bonus(previous: original[i - 1], current: original[i]))
        }
    }

    /// Writes `field`'s UTF-8 bytes at `at`; returns the end.
    private static func copy(_ field: String, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let n = field.utf8.count
        if n == 0 { return start }
        // Native strings (all of them here) are contiguous: one copy, no uniqueness check.
        let copied: Void? = field.utf8.withContiguousStorageIfAvailable { utf8 in
            (out.baseAddress! + start).initialize(from: utf8.baseAddress!, count: n)
        }
        if copied == nil {
            var at = start
            for b in field.utf8 { out.initializeElement(at: at, to: b); at += 1 }
        }
        return start + n
    }

    /// ASCII lower-cased copy (a loop the compiler vectorizes).
    private static func lowercased(_ src: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: src.count) { out, count in
            for i in 0..<src.count { out.initializeElement(at: i, to: lower(src[i])) }
            count = src.count
        }
    }

    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            var any: UInt8 = 0
            for b in buf { any |= b }
            return any < 0x80
        }
    }

    /// ASCII lower-casing of one byte; other bytes are unchanged.
    @inline(__always)
    public static func lower(_ b: UInt8) -> UInt8 {
        b &- 65 < 26 ? b | 0x20 : b
    }

    @inline(__always)
    static func isBoundary(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
             UInt8(ascii: " "), UInt8(ascii: "@"): true
        default: false
        }
    }

    @inline(__always)
    static func bonus(previous: UInt8, current: UInt8) -> Int8 {
        if isBoundary(current) { return 0 }
        if isBoundary(previous) { return bonusBoundary }
        let prevLower = previous &- 97 < 26, curUpper = current &- 65 < 26
        if prevLower && curUpper { return bonusCamel }
        let prevDigit = previous &- 48 < 10, curDigit = current &- 48 < 10
        if curDigit && !prevDigit { return bonusCamel }
        return 0
    }

    /// The best score of `q` over a candidate's fields (`count` pairs of bounds at `fields`), or
    /// nil if no field contains it.
    @inline(__always)
    static func bestScore(_ q: UnsafeBufferPointer<UInt8>, fields: UnsafePointer<Int32>, count: Int, hay: Hay) -> Int? {
        if count > 1 {
            // A candidate's fields lie back to back: a term in one of them is a subsequence of
            // them all together. Most candidates fail this, in a few memchr calls.
            let end = Int(fields[2 * count - 1])
            var i = Int(fields[0])
            for b in q {
                let k = hay.find(b, from: i, to: end)
                if k >= end { return nil }
                i = k + 1
            }
        }
        var best: Int? = nil
        for f in 0..<count {
            let from = Int(fields[2 * f]), to = Int(fields[2 * f + 1])
            guard to - from >= q.count, let m = matchField(q, hay: hay, from: from, to: to) else { continue }
            let s = f == 0 ? m.score : m.score - otherFieldPenalty
            if best == nil || s > best! { best = s }
        }
        return best
    }

    /// Matches `q` in `hay[from..<to]`: for the first occurrence of the query's first byte and
    /// every later one that starts a word, the shortest greedy alignment from there; the best
    /// scoring one wins. Returns its score and where it starts.
    @inline(__always)
    static func matchField(_ q: UnsafeBufferPointer<UInt8>, hay: Hay, from: Int, to: Int) -> (score: Int, start: Int)? {
        let m = q.count
        let q0 = q[0]
        var best: (score: Int, start: Int)? = nil
        // The first occurrence of q0, then later ones that start a word.
        var s = hay.find(q0, from: from, to: to)
        var firstTried = false
        while s < to {
            if firstTried && hay.bonus(at: s, from: from) == 0 {
                s = hay.find(q0, from: s + 1, to: to)
                continue
            }
            firstTried = true
            // Forward: greedy end of the match starting at s (each next byte at its first
            // occurrence).
            var i = s + 1
            var pi = 1
            while pi < m {
                let k = hay.find(q[pi], from: i, to: to)
                if k >= to { return best }  // no later start can succeed either
                i = k + 1
                pi += 1
            }
            let end = i
            // Backward: the latest start that still reaches `end`, not before s.
            var start = end - 1
            pi = m - 1
            var j = end - 1
            while j >= s {
                if hay.lower[j] == q[pi] {
                    if pi == 0 { start = j; break }
                    pi -= 1
                }
                j -= 1
            }
            let score = scoreAlignment(q, hay: hay, from: from, start: start, end: end)
            if best == nil || score > best!.score { best = (score, start) }
            s = hay.find(q0, from: s + 1, to: to)
        }
        return best
    }

    @inline(__always)
    static func scoreAlignment(_ q: UnsafeBufferPointer<UInt8>, hay: Hay, from: Int, start: Int, end: Int) -> Int {
        var score = 0
        var pi = 0
        var consecutive = 0
        var firstBonus = 0
        var inGap = false
        var i = start
        while i < end && pi < q.count {
            if hay.lower[i] == q[pi] {
                score += scoreMatch
                var b = hay.bonus(at: i, from: from)
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
