/// The order of candidates that score the same, fixed once per matcher, and the sort of the
/// ranking keys that uses it.
extension FuzzyMatcher {
    /// Prepares the lower-cased copy and the tie order: frecency (few candidates have any), then
    /// name length, then index. `scores` are the candidates' frecency, nil when there is none.
    init(fields: Int, count: Int, original: [UInt8], bounds: [Int32], scores: [Double]?) {
        self.fields = fields
        self.count = count
        self.original = original
        self.lowered = original.withUnsafeBufferPointer(Self.lowercased)
        self.bounds = bounds

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

    /// Frecency order, then input order, optionally only `among`.
    func emptyQueryOrder(among: [Int]?) -> [Int] {
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
}
