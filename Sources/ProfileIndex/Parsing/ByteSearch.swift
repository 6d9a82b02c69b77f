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
