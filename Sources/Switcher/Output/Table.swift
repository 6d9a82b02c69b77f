/// A plain text table: columns padded to their widest cell (in terminal columns, so wide
/// characters line up), an optional bold header, and dimmed placeholders for absent values when
/// colour is on.
struct Table {
    var headers: [String]
    var rows: [[String?]] = []
    var color: Bool

    static let absent = "-"

    func render() -> String {
        var widths = headers.map(\.displayWidth)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], (cell ?? Table.absent).displayWidth) }
        }
        var out = ""
        func line(_ cells: [String?], bold: Bool) {
            for (i, cell) in cells.enumerated() {
                let text = cell ?? Table.absent
                let last = i == cells.count - 1
                let padded = last ? text : text + String(repeating: " ", count: widths[i] - text.displayWidth + 2)
                if color && bold {
                    out += "\u{1B}[1m" + padded + "\u{1B}[0m"
                } else if color && cell == nil {
                    out += "\u{1B}[2m" + padded + "\u{1B}[0m"
                } else {
                    out += padded
                }
            }
            out += "\n"
        }
        line(headers, bold: true)
        for row in rows { line(row, bold: false) }
        return out
    }
}
