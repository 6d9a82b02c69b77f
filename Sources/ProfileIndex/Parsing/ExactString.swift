#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A String compared, hashed and ordered by its UTF-8 bytes, which is by code points: how
/// Python compares `str`, so how botocore tells profile names, session names, keys and start
/// URLs apart. Swift's own `==`, hashing and `<` use canonical equivalence, under which
/// `[profile caf\u{E9}]` and `[profile cafe\u{301}]` would be one profile; for botocore (and so
/// for sw) they are two.
public struct ExactString: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let string: String

    public init(_ string: String) { self.string = string }

    public static func == (a: ExactString, b: ExactString) -> Bool { a.string.isExactly(b.string) }

    public func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func < (a: ExactString, b: ExactString) -> Bool { a.string.precedesExactly(b.string) }

    public var description: String { string }
}

extension String {
    /// The same code points (UTF-8 bytes), unlike `==`, which is canonical equivalence.
    /// memcmp over the contiguous bytes: the generic `utf8.elementsEqual` walked them one index
    /// at a time and cost a quarter of a 5,000-profile parse.
    public func isExactly(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }  // O(1) for native strings
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    /// Before `other` in code point order (UTF-8 byte order is code point order), as Python sorts.
    public func precedesExactly(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                if n > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, n)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }
}
