import Foundation

/// The one clock of tests that run commands in-process: 2098-12-31T16:48:00Z, so a token written
/// to expire at 2099-01-01T00:00:00Z has exactly 7h12m left, whatever today's date is.
public enum TestClock {
    public static let now = Date(timeIntervalSince1970: 4_070_882_880)
}
