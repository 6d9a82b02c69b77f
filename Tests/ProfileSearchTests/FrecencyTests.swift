import ProfileSearch
import Testing

@Suite("Frecency and the history file format")
struct FrecencyTests {
    let day = 24.0 * 3600

    @Test("a pick today outweighs a single pick a month ago")
    func recentBeatsOld() {
        let f = Frecency(entries: [HistoryEntry(time: 100 * day, profile: "new", query: ""),
                                   HistoryEntry(time: 70 * day, profile: "old", query: "")], now: 100 * day)
        #expect(f.score(of: "new") > f.score(of: "old"))
        #expect(f.score(of: "old") > 0)
        #expect(f.score(of: "never") == 0)
    }

    @Test("five picks this week outweigh one pick today")
    func frequentBeatsSingle() {
        let week = (1...5).map { HistoryEntry(time: 100 * day - Double($0) * day, profile: "daily", query: "") }
        let f = Frecency(entries: week + [HistoryEntry(time: 100 * day, profile: "once", query: "")], now: 100 * day)
        #expect(f.score(of: "daily") > f.score(of: "once"))
    }

    @Test("picks of two profiles whose names differ only in Unicode normalisation count apart")
    func normalisationFormsAreTwoProfiles() {
        let f = Frecency(entries: [HistoryEntry(time: 100 * day, profile: "caf\u{E9}", query: "")], now: 100 * day)
        #expect(f.score(of: "caf\u{E9}") > 0)
        #expect(f.score(of: "cafe\u{301}") == 0)
    }

    @Test("a pick counts half as much after one half-life")
    func halfLife() {
        let f = Frecency(entries: [HistoryEntry(time: 0, profile: "a", query: "")], now: Frecency.halfLife)
        #expect(abs(f.score(of: "a") - 0.5) < 1e-9)
    }

    @Test("an entry survives a round trip through its line, whatever its text holds")
    func roundTrip() {
        let entry = HistoryEntry(time: 1_700_000_000, profile: "we\\ird\tname\n", query: "a b\r\\t")
        let line = entry.line
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(HistoryEntry.parse(Array(line.utf8)) == [entry])
    }

    @Test("malformed lines and a final line without its newline are skipped")
    func skipsBadLines() {
        let text = "12\tgood\tq\nnot a line\nx\ty\tz\n5\tbad\\escape\tq\n13\tgood2\t\n14\ttorn\tq"
        #expect(HistoryEntry.parse(Array(text.utf8)).map(\.profile) == ["good", "good2"])
    }
}
