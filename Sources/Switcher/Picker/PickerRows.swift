#if canImport(Glibc)
import Glibc
#endif
import CReadline
import ProfileIndex

/// Terminal text measurement and clipping for the picker's rows.
enum Text {
    /// Columns `text` takes: `wcwidth` per scalar (0 for combining marks, 2 for wide ones; an
    /// unprintable scalar counts 1, as it is shown by `printable`).
    static func width(_ text: some StringProtocol) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 { total += 1; continue }
            let w = sw_wcwidth(scalar.value)
            total += w < 0 ? 1 : Int(w)
        }
        return total
    }

    /// `text` cut to at most `columns` columns, with `…` where it was cut.
    static func clip(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(text) <= columns { return text }
        var out = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let w = width(String(scalar))
            if used + w > columns - 1 { break }
            out.unicodeScalars.append(scalar)
            used += w
        }
        return out + "…"
    }

    /// `text` (which may hold ANSI escape sequences) cut to `columns` visible columns; escape
    /// sequences are kept, so colours still end where they should.
    static func clipStyled(_ text: String, to columns: Int) -> String {
        var out = ""
        var used = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                out.unicodeScalars.append(scalar)
                if (0x40...0x7e).contains(scalar.value) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                out.unicodeScalars.append(scalar)
                continue
            }
            let w = scalar.value < 0x80 ? 1 : width(String(scalar))
            if used + w > columns { continue }  // keep reading: later escapes still reset styles
            out.unicodeScalars.append(scalar)
            used += w
        }
        return out
    }

    /// Control characters shown as `^X`, so the line never moves the cursor by itself.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += "^" + String(Unicode.Scalar(UInt8(scalar.value ^ 0x40)))
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func pad(_ text: String, _ columns: Int) -> String {
        let clipped = clip(text, to: columns)
        return clipped + String(repeating: " ", count: max(0, columns - width(clipped)))
    }
}

/// Column widths for the rows on screen: name, account id, account name, role, region, login
/// state. When the terminal is too narrow, the account name, role and then the name shrink.
struct RowLayout {
    var name = 0, accountID = 0, accountName = 0, role = 0, region = 0, state = 0

    static let marker = 2

    init(items: [PickerItem], width: Int) {
        for item in items {
            name = max(name, Text.width(Text.printable(item.name)))
            accountID = max(accountID, Text.width(item.accountID))
            accountName = max(accountName, Text.width(item.accountName))
            role = max(role, Text.width(item.role))
            region = max(region, Text.width(item.region))
            state = max(state, Self.stateText(item.state).count)
        }
        name = min(name, 60)
        accountName = min(accountName, 32)
        role = min(role, 32)
        var overflow = total - width
        for shrink in [\RowLayout.accountName, \RowLayout.role, \RowLayout.name] where overflow > 0 {
            let minimum = shrink == \RowLayout.name ? 12 : 6
            let cut = min(overflow, max(0, self[keyPath: shrink] - minimum))
            self[keyPath: shrink] -= cut
            overflow -= cut
        }
    }

    /// Marker, then every non-empty column followed by two spaces.
    var total: Int {
        Self.marker + [name, accountID, accountName, role, region, state].filter { $0 > 0 }.map { $0 + 2 }.reduce(0, +)
    }

    static func stateText(_ state: LoginState?) -> String {
        state?.rawValue ?? "-"
    }

    static func stateColor(_ state: LoginState?) -> String {
        switch state {
        case .valid: "32"
        case .refreshable: "36"
        case .expired, .invalid, .broken: "31"
        case .missing: "33"
        case nil: "2"
        }
    }

    /// One row, without a line ending. `positions` are byte offsets into the name to highlight.
    func render(_ item: PickerItem, positions: [Int], selected: Bool, color: Bool) -> String {
        var out = selected ? (color ? "\u{1B}[1;35m>\u{1B}[22;39m " : "> ") : "  "
        if selected { out += "\u{1B}[1m" }
        out += highlighted(item.name, positions: positions, color: color, selected: selected)
        out += "  "
        func column(_ text: String, _ width: Int, dim: Bool = false) {
            guard width > 0 else { return }
            let cell = Text.pad(text, width)
            out += (dim && color ? "\u{1B}[2m\(cell)\u{1B}[22m" : cell) + "  "
            if dim && color && selected { out += "\u{1B}[1m" }
        }
        column(item.accountID, accountID, dim: true)
        column(item.accountName, accountName)
        column(item.role, role)
        column(item.region, region, dim: true)
        let state = Text.pad(Self.stateText(item.state), self.state)
        out += color ? "\u{1B}[\(Self.stateColor(item.state))m\(state)" : state
        return out + "\u{1B}[0m"
    }

    /// The name padded to its column, matched characters bold (and green with colour).
    private func highlighted(_ name: String, positions: [Int], color: Bool, selected: Bool) -> String {
        let on = color ? "\u{1B}[1;32m" : "\u{1B}[4m"
        let off = color ? (selected ? "\u{1B}[39m" : "\u{1B}[22;39m") : "\u{1B}[24m"
        var matched = Set(positions)
        var out = ""
        var used = 0
        var offset = 0
        let full = Text.width(Text.printable(name)) <= self.name
        for scalar in name.unicodeScalars {
            let bytes = String(scalar).utf8.count
            let hit = (offset..<offset + bytes).contains { matched.contains($0) }
            offset += bytes
            let shown = Text.printable(String(scalar))
            let w = Text.width(shown)
            if used + w > self.name - (full ? 0 : 1) { break }
            out += hit ? on + shown + off : shown
            used += w
        }
        matched.removeAll()
        if !full { out += "…"; used += 1 }
        return out + String(repeating: " ", count: max(0, self.name - used))
    }
}
