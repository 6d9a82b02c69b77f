/// Substring search on UTF-8 bytes. `String.contains(_:)` compares Characters (grapheme
/// clusters), which costs more than all of the parsing when run on every comment and value.
enum ByteSearch {
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard n.count > 0 else { return true }
        guard haystack.count >= n.count else { return false }
        for i in 0...(haystack.count - n.count) where haystack[i] == n[0] {
            var j = 1
            while j < n.count && haystack[i + j] == n[j] { j += 1 }
            if j == n.count { return true }
        }
        return false
    }
}

extension String {
    func containsBytes(_ needle: StaticString) -> Bool {
        var haystack = self
        return haystack.withUTF8 { ByteSearch.contains($0, needle) }
    }
}

/// Whether bytes need escaping to be put in quotes in JSON (or C): a snapshot's strings are
/// tagged with it, and `sw list --json` copies a word that needs none as it is. Public, not
/// `package`: only public code is inlined into the `sw` executable (cross-module optimization).
public enum PlainBytes {
    /// True when no byte of `w` is a control character, `"` or `\\` (exact: the classic "has a
    /// byte less than" and "has a zero byte" tests, which can only err about which byte).
    @inlinable @inline(__always)
    public static func isPlain(word w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let q = w ^ (ones &* 0x22)
        let b = w ^ (ones &* 0x5C)
        let control = (w &- (ones &* 0x20)) & (~w)
        let quote = (q &- ones) & (~q)
        let backslash = (b &- ones) & (~b)
        return ((control | quote | backslash) & (ones &* 0x80)) == 0
    }
}
