#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline

extension StringProtocol {
    /// Columns the text takes on a terminal, for lining up tables and the picker's rows: 1 per
    /// ASCII byte; otherwise `wcwidth` per scalar (0 for combining marks, 2 for East Asian wide
    /// characters and emoji; an unprintable scalar counts 1, as the picker shows it as `^X`).
    /// `Character` counts would give a CJK name half its width.
    var displayWidth: Int {
        let ascii = utf8.withContiguousStorageIfAvailable { bytes in
            var any: UInt8 = 0
            for b in bytes { any |= b }
            return any < 0x80
        } ?? utf8.allSatisfy { $0 < 0x80 }
        if ascii { return utf8.count }
        return UTF8Widths.measure { width in
            var total = 0
            for scalar in unicodeScalars { total += width(scalar) }
            return total
        }
    }
}

/// `wcwidth` depends on the locale's character set: in the C locale (sw's unless the picker
/// calls setlocale) it knows no character above ASCII. Widths are measured in a UTF-8 locale of
/// their own, set for the calling thread only while measuring, so readline and the rest of the
/// process keep theirs.
private enum UTF8Widths {
    nonisolated(unsafe) static let locale: locale_t? = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)

    static func measure(_ body: ((Unicode.Scalar) -> Int) -> Int) -> Int {
        let previous = locale.map { uselocale($0) }
        defer { if let previous { uselocale(previous) } }
        return body { scalar in
            if scalar.value < 0x80 { return 1 }
            let w = sw_wcwidth(scalar.value)
            return w < 0 ? 1 : Int(w)
        }
    }
}
