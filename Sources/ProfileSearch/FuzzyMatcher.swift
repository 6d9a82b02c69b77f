#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Fuzzy ranking of candidates for a query typed in the picker.
///
/// A query is split on spaces into terms; a candidate matches when every term is a subsequence
/// (ASCII case-insensitive) of one of its fields. How a term scores in a field is in
/// FuzzyScoring.swift; a term's score is that of its best field, and a field other than the name
/// scores 2 less, so the name wins a tie. Candidates sort by score, then by frecency, then
/// shorter name first, then input order; with an empty query, by frecency and then input order
/// (TieOrder.swift).
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

    /// How many candidates there are.
    public let count: Int
    /// Fields per candidate: `FuzzyCandidate.fieldCount`, or 1 (the name) when built from lines.
    let fields: Int
    /// The bytes of every field of every candidate as given, and ASCII lower-cased, at the same
    /// offsets. Built from lines, `original` is the input itself.
    let original: [UInt8]
    let lowered: [UInt8]
    /// Field `f` of candidate `c` is `bounds[2k] ..< bounds[2k + 1]` with `k = c * fields + f`.
    let bounds: [Int32]
    /// Tie order: `tieRank[c]` is c's position when sorted by frecency, name length, index.
    let tieRank: [UInt32]
    /// The inverse of `tieRank`.
    let rankToIndex: [Int32]
    /// The candidates with a frecency score, by score then index: the head of the order for an
    /// empty query (the rest follow in input order). They are the first `tieRank`s.
    let recentByScore: [Int32]

    public init(candidates: [FuzzyCandidate], frecency: Frecency = .none) {
        precondition(candidates.count < 1 << 31, "too many candidates")
        let fieldCount = FuzzyCandidate.fieldCount
        var total = 0
        for c in candidates {
            for f in 0..<fieldCount { total += c.field(f).utf8.count }
        }
        precondition(total < 1 << 31, "candidates too long")
        var bounds = [Int32](repeating: 0, count: candidates.count * fieldCount * 2)
        let original = [UInt8](unsafeUninitializedCapacity: total) { out, count in
            bounds.withUnsafeMutableBufferPointer { b in
                var at = 0
                var k = 0
                for candidate in candidates {
                    for f in 0..<fieldCount {
                        b[k] = Int32(truncatingIfNeeded: at)
                        at = Self.copy(candidate.field(f), into: out, at: at)
                        b[k + 1] = Int32(truncatingIfNeeded: at)
                        k += 2
                    }
                }
                count = at
            }
        }
        let scores: [Double]? = frecency.isEmpty ? nil : candidates.map { frecency.score(of: $0.name) }
        self.init(fields: fieldCount, count: candidates.count, original: original, bounds: bounds, scores: scores)
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

    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            var any: UInt8 = 0
            for b in buf { any |= b }
            return any < 0x80
        }
    }
}
