#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a term scores in one field: 16 per matched byte; a bonus where a match starts a word
/// (the field's start 10; after `-` `_` `.` `/` `:` `@` or a space 9; a camelCase hump or the
/// first of a run of digits 7; a separator itself gets none); a byte that continues a run of
/// matches gets the best of its own bonus, the run's first byte's bonus (raised when the run
/// crosses a separator) and 4; the first query byte's bonus counts double; a gap costs 3 to open
/// and 1 per further byte.
extension FuzzyMatcher {
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

    /// ASCII lower-cased copy (a loop the compiler vectorizes).
    static func lowercased(_ src: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: src.count) { out, count in
            for i in 0..<src.count { out.initializeElement(at: i, to: lower(src[i])) }
            count = src.count
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
