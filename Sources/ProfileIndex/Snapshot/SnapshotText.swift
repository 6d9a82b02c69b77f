#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A string of sw's index snapshot, read in place: valid UTF-8 (checked when the records were
/// opened), compared the way Swift compares Strings. It points into the snapshot's mapping, so it
/// is valid only while the ProfileRecords (or Index) it came from is alive.
public struct SnapshotText: Comparable {
    /// 16 bytes, so that an optional one is too: records copy a dozen of them.
    /// Public and inlinable, as everything `sw list --json` asks of every string: `package`
    /// declarations are not inlined into the `sw` executable, which cost it a quarter more
    /// instructions on 5,000 profiles.
    @usableFromInline let base: UnsafeRawPointer
    @usableFromInline let count: UInt32
    /// The string-table entry's tag (SnapshotFormat.notASCII, .notPlain, .canonicalMask).
    @usableFromInline let tag: UInt32

    init(_ utf8: UnsafeRawBufferPointer, tag: UInt32) {
        base = utf8.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!  // empty: never read
        count = UInt32(utf8.count)
        self.tag = tag
    }

    @inlinable public var utf8: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: Int(count)) }
    /// For a string-table string, its number: the table holds each code point sequence once, so
    /// two table strings are `==` exactly when these are equal. `notInTable` for names and paths.
    @inlinable var canonical: Int { Int(tag & SnapshotFormat.canonicalMask) }
    @inlinable static var notInTable: Int { Int(SnapshotFormat.canonicalMask) }
    var isASCII: Bool { tag & SnapshotFormat.notASCII == 0 }
    /// No control character, `"` or `\\`: quoting it for JSON (or C) is putting it in quotes.
    @inlinable public var isPlain: Bool { tag & SnapshotFormat.notPlain == 0 }

    @inlinable public var string: String { String(decoding: utf8, as: UTF8.self) }

    /// Code point order (UTF-8 byte order), as Python sorts and as `String.precedesExactly`.
    @inlinable public static func < (a: SnapshotText, b: SnapshotText) -> Bool { precedes(a.utf8, b.utf8) }

    /// The same code points (Python's `==`), as `String.isExactly`.
    @inlinable public static func == (a: SnapshotText, b: SnapshotText) -> Bool {
        if a.canonical != notInTable && b.canonical != notInTable { return a.canonical == b.canonical }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// True when `a` sorts before `b` by code points.
    @inlinable static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = min(a.count, b.count)
        if n > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, n)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool { scan(bytes).ascii }

    /// Whether the bytes are all ASCII, and whether they are plain, eight at a time.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> (ascii: Bool, plain: Bool) {
        var high: UInt64 = 0
        var plain = true
        var i = 0
        while i + 8 <= bytes.count {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            high |= w
            plain = plain && PlainBytes.isPlain(word: w)
            i += 8
        }
        if i < bytes.count {
            // The rest, padded with spaces (plain ASCII).
            var w: UInt64 = 0x2020_2020_2020_2020
            for j in i..<bytes.count { w = w & ~(0xFF << UInt64(8 * (j - i))) | UInt64(bytes[j]) << UInt64(8 * (j - i)) }
            high |= w
            plain = plain && PlainBytes.isPlain(word: w)
        }
        return (high & 0x8080_8080_8080_8080 == 0, plain)
    }

    /// Text from bytes not yet checked: nil unless they are valid UTF-8.
    static func checked(_ utf8: UnsafeRawBufferPointer) -> SnapshotText? {
        let (ascii, plain) = scan(utf8)
        guard ascii || String(validating: utf8, as: UTF8.self) != nil else { return nil }
        return SnapshotText(utf8, tag: UInt32(notInTable) | (ascii ? 0 : SnapshotFormat.notASCII) | (plain ? 0 : SnapshotFormat.notPlain))
    }
}
