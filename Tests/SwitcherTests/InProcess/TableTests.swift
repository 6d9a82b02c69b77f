@testable import Switcher
import Testing

@Suite("Tables line up by display columns")
struct TableTests {
    /// The display column where `cell` starts on `line`.
    func column(of cell: String, in line: Substring) -> Int? {
        guard let range = line.range(of: cell) else { return nil }
        return line[..<range.lowerBound].displayWidth
    }

    @Test("a table with a CJK name and an emoji puts every column at the same terminal column")
    func wideCharactersLineUp() {
        var table = Table(headers: ["NAME", "ACCOUNT", "REGION"], color: false)
        table.rows = [["dev", "111111111111", "eu-west-1"],
                      ["本番環境", "222222222222", "us-east-1"],
                      ["🚀launch", nil, "ap-south-1"]]
        let lines = table.render().split(separator: "\n")
        #expect(lines.count == 4)
        let accounts = zip(lines, ["ACCOUNT", "111111111111", "222222222222", "-"]).map { column(of: $1, in: $0) }
        let regions = zip(lines, ["REGION", "eu-west-1", "us-east-1", "ap-south-1"]).map { column(of: $1, in: $0) }
        // NAME is 8 columns wide (本番環境 and 🚀launch), then two spaces.
        #expect(accounts == [10, 10, 10, 10])
        #expect(regions == [24, 24, 24, 24])
    }

    @Test("display width: ASCII 1, wide characters and emoji 2, combining marks 0")
    func widths() {
        #expect("prod-admin".displayWidth == 10)
        #expect("本番".displayWidth == 4)
        #expect("🚀".displayWidth == 2)
        #expect("cafe\u{301}".displayWidth == 4)
        #expect("caf\u{E9}".displayWidth == 4)
    }
}
