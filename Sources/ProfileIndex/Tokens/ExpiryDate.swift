#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// `2099-01-01T00:00:00Z`: UTC, whole seconds; how sw shows every token and key expiry.
public func iso8601(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let year = String(parts.tm_year + 1900)
    return "\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
}

/// Reads the time stamps of a token file (`expiresAt`, `registrationExpiresAt`).
///
/// botocore parses them with `dateutil.parser.parse` and then subtracts a time-zone-aware "now":
/// a value without a time zone parses but the subtraction raises `TypeError`; a value dateutil
/// cannot read raises `ParserError`; a value that is not a string raises `TypeError`.
///
/// dateutil reads far more than any tool writes (and fills missing parts from today's date), so
/// sw accepts a strict subset and calls everything else unreadable — the conservative side:
/// sw may say "log in again" for an exotic value botocore would take, never the reverse.
/// Accepted: `YYYY-MM-DD`, then `T`, `t` or a space, then `HH:MM[:SS[.fraction]]`, then a zone:
/// `Z`, `z`, `UTC`, `GMT` (optionally after one space), `±HH:MM`, `±HHMM` or `±HH`.
/// This covers every form the AWS CLI and botocore have written: `…Z`, `….000Z`,
/// `…+00:00`, `…UTC`.
enum ExpiryDate {
    enum Failure: Error, Equatable {
        /// Not a JSON string at all (botocore: `TypeError: Parser must be a string …`).
        case notAString
        /// A date and time without a zone (botocore: `TypeError: can't subtract offset-naive
        /// and offset-aware datetimes`).
        case noTimeZone
        /// Not a date-time sw can read (botocore: `ParserError` for real garbage).
        case unreadable
    }

    static func parse(_ text: String) -> Result<Date, Failure> {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.skipSpaces()
        guard let year = scanner.digits(4), scanner.take(UInt8(ascii: "-")),
              let month = scanner.digits(2), scanner.take(UInt8(ascii: "-")),
              let day = scanner.digits(2),
              scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: "t"))
                || scanner.take(UInt8(ascii: " ")),
              let hour = scanner.digits(2), scanner.take(UInt8(ascii: ":")),
              let minute = scanner.digits(2)
        else { return .failure(.unreadable) }
        var second = 0
        var fraction = 0.0
        if scanner.take(UInt8(ascii: ":")) {
            guard let s = scanner.digits(2) else { return .failure(.unreadable) }
            second = s
            if scanner.take(UInt8(ascii: ".")) || scanner.take(UInt8(ascii: ",")) {
                guard let f = scanner.fraction() else { return .failure(.unreadable) }
                fraction = f
            }
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return .failure(.unreadable) }

        let offsetSeconds: Int
        if scanner.atEnd(ignoringSpaces: true) {
            return .failure(.noTimeZone)
        } else if let offset = scanner.zone() {
            offsetSeconds = offset
        } else {
            return .failure(.unreadable)
        }
        guard scanner.atEnd(ignoringSpaces: true) else { return .failure(.unreadable) }

        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
        return .success(Date(timeIntervalSince1970: Double(seconds) + fraction))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func take(_ word: String) -> Bool {
            let word = Array(word.utf8)
            guard bytes.count - index >= word.count,
                  Array(bytes[index..<index + word.count]) == word else { return false }
            index += word.count
            return true
        }

        mutating func digits(_ count: Int) -> Int? {
            guard bytes.count - index >= count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        mutating func fraction() -> Double? {
            var value = 0.0
            var scale = 0.1
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                value += Double(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
            return index > start ? value : nil
        }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        }

        mutating func atEnd(ignoringSpaces: Bool) -> Bool {
            var probe = index
            while ignoringSpaces, probe < bytes.count, bytes[probe] == UInt8(ascii: " ") { probe += 1 }
            return probe == bytes.count
        }

        /// A zone designator; returns its offset east of UTC in seconds.
        mutating func zone() -> Int? {
            let start = index
            _ = take(UInt8(ascii: " "))
            if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) || take("UTC") || take("GMT") {
                return 0
            }
            index = start
            let sign: Int
            if take(UInt8(ascii: "+")) { sign = 1 } else if take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
            guard let hours = digits(2), hours <= 23 else { return nil }
            var minutes = 0
            if take(UInt8(ascii: ":")) {
                guard let m = digits(2) else { return nil }
                minutes = m
            } else if let m = digits(2) {
                minutes = m
            }
            guard minutes <= 59 else { return nil }
            return sign * (hours * 3_600 + minutes * 60)
        }
    }
}
