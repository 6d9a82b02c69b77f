import ProfileIndex

/// Column widths for the rows on screen: name, account id, account name, role, region, login
/// state. When the terminal is too narrow, the account name, role and then the name shrink.
struct RowLayout {
    var name = 0, accountID = 0, accountName = 0, role = 0, region = 0, state = 0

    static let marker = 2

    init(items: [PickerItem], width: Int) {
        for item in items {
            name = max(name, Text.printable(item.name).displayWidth)
            accountID = max(accountID, item.candidate.accountID.displayWidth)
            accountName = max(accountName, item.candidate.accountName.displayWidth)
            role = max(role, item.candidate.role.displayWidth)
            region = max(region, item.region.displayWidth)
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
        column(item.candidate.accountID, accountID, dim: true)
        column(item.candidate.accountName, accountName)
        column(item.candidate.role, role)
        column(item.region, region, dim: true)
        let state = Text.pad(Self.stateText(item.state), self.state)
        out += color ? "\u{1B}[\(Self.stateColor(item.state))m\(state)" : state
        return out + "\u{1B}[0m"
    }

    /// The name padded to its column, matched characters underlined, or bold and green with colour.
    private func highlighted(_ name: String, positions: [Int], color: Bool, selected: Bool) -> String {
        let on = color ? "\u{1B}[1;32m" : "\u{1B}[4m"
        let off = color ? (selected ? "\u{1B}[39m" : "\u{1B}[22;39m") : "\u{1B}[24m"
        let matched = Set(positions)
        var out = ""
        var used = 0
        var offset = 0
        let full = Text.printable(name).displayWidth <= self.name
        for scalar in name.unicodeScalars {
            let bytes = String(scalar).utf8.count
            let hit = (offset..<offset + bytes).contains { matched.contains($0) }
            offset += bytes
            let shown = Text.printable(String(scalar))
            let w = shown.displayWidth
            if used + w > self.name - (full ? 0 : 1) { break }
            out += hit ? on + shown + off : shown
            used += w
        }
        if !full { out += "…"; used += 1 }
        return out + String(repeating: " ", count: max(0, self.name - used))
    }
}
