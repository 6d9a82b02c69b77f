#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline
import ProfileSearch

/// The picker for a terminal that cannot draw (`TERM=dumb` or unset): a numbered list of the
/// best matches and a plain readline prompt. A number picks; other text filters the list
/// again; an empty line or end of input cancels.
struct PlainPicker {
    static let shown = 20

    let items: [PickerItem]
    let matcher: FuzzyMatcher
    let tty: Terminal

    init(items: [PickerItem], frecency: Frecency, tty: Terminal) {
        self.items = items
        self.matcher = FuzzyMatcher(candidates: items.map(\.candidate), frecency: frecency)
        self.tty = tty
    }

    func run(history queries: [String]) -> PickOutcome {
        sw_rl_set_streams(tty.input, tty.output)
        sw_rl_set_name("sw")
        sw_rl_no_signals()
        rl_initialize()
        clear_history()
        for q in queries where !q.isEmpty { add_history(q) }
        rl_bind_key(9, rl_insert)  // no filename completion
        var query = ""
        while true {
            let matches = matcher.rank(query: query)
            let layout = RowLayout(items: matches.prefix(Self.shown).map { items[$0.index] }, width: tty.size().cols - 5)
            var listing = ""
            for (n, m) in matches.prefix(Self.shown).enumerated() {
                let number = String(n + 1)
                listing += String(repeating: " ", count: max(0, 3 - number.count)) + number
                    + layout.render(items[m.index], positions: [], selected: false, color: false)
                    .replacingEscapes() + "\n"
            }
            if matches.count > Self.shown { listing += "    … \(matches.count - Self.shown) more: type to filter\n" }
            if matches.isEmpty { listing += "    no profile matches \"\(query)\"\n" }
            tty.write(listing)
            guard let raw = readline("pick a number, or type to filter (empty line cancels): ") else { return .cancelled }
            let line = String(cString: raw)
            free(raw)
            let trimmed = line.split(separator: " ").joined(separator: " ")
            if trimmed.isEmpty { return .cancelled }
            add_history(trimmed)
            if let n = Int(trimmed), n >= 1, n <= min(Self.shown, matches.count) {
                return .picked(name: items[matches[n - 1].index].name, query: query)
            }
            query = trimmed
        }
    }
}

private extension String {
    /// Removes ANSI escape sequences (`ESC [ … letter`): the plain list must not contain any.
    func replacingEscapes() -> String {
        var out = ""
        var inEscape = false
        for scalar in unicodeScalars {
            if inEscape {
                if (0x40...0x7e).contains(scalar.value) && scalar != "[" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
