#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How much a profile has been picked lately: every pick counts, and counts less as it ages
/// (it halves every `halfLife` seconds), so a profile used ten times this week ranks above one
/// used once today, and one used once today above one used ten times last quarter.
///
/// Pure: built from already-read history entries and a clock value.
public struct Frecency: Sendable {
    /// Seven days: a working week's habits dominate, last month's fade out.
    public static let halfLife: Double = 7 * 24 * 3600

    private var scores: [Name: Double]

    /// No history: every profile scores 0.
    public static let none = Frecency(scores: [:])

    private init(scores: [Name: Double]) {
        self.scores = scores
    }

    /// `entries` in any order; `now` in seconds since 1970. Entries from the future (a clock
    /// that moved back) count as picked now.
    public init(entries: [HistoryEntry], now: Double) {
        var scores: [Name: Double] = [:]
        for entry in entries where !entry.profile.isEmpty {
            let age = max(0, now - entry.time)
            scores[Name(entry.profile), default: 0] += exp2(-age / Self.halfLife)
        }
        self.scores = scores
    }

    public func score(of profile: String) -> Double {
        scores[Name(profile)] ?? 0
    }

    public var isEmpty: Bool { scores.isEmpty }

    /// A profile name compared by its bytes (code points), as profile names are: two names that
    /// differ only in Unicode normalisation are two profiles, though `String.==` calls them equal.
    private struct Name: Hashable {
        var string: String

        init(_ string: String) { self.string = string }

        static func == (a: Name, b: Name) -> Bool {
            guard a.string.utf8.count == b.string.utf8.count else { return false }
            var x = a.string, y = b.string
            return x.withUTF8 { p in y.withUTF8 { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
        }

        func hash(into hasher: inout Hasher) {
            var copy = string
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
