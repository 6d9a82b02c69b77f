import CReadline
import ProfileSearch

/// What the person did in the picker.
enum PickOutcome: Equatable {
    case picked(name: String, query: String)
    case cancelled
}

/// The interactive picker: GNU readline edits the query on `/dev/tty`, and under the prompt a
/// ranked list follows every keystroke. Everything is drawn on the terminal (on its alternate
/// screen, so leaving restores what was there); nothing goes to stdout.
///
/// Keys: readline's Emacs editing (C-a C-e C-f C-b M-f M-b C-w M-d C-k C-u C-y C-t C-_ …),
/// Up/Down and C-p/C-n move the selection, PageUp/PageDown a page, Enter picks, Tab completes
/// the common part of the matching names, M-p/M-n and C-r walk the query history,
/// Esc / C-c / C-g / C-d on an empty line cancel.
///
/// This is the picker's state and drawing; `run` (ReadlineGlue.swift) feeds it keys.
final class PickerSession {
    let items: [PickerItem]
    let matcher: FuzzyMatcher
    let tty: Terminal
    let color: Bool
    let prompt = "> "

    var matches: [FuzzyMatcher.Match] = []
    var query = ""
    var selected = 0
    var top = 0
    var outcome: PickOutcome?
    var size: (rows: Int, cols: Int) = (24, 80)

    init(items: [PickerItem], frecency: Frecency, tty: Terminal, color: Bool) {
        self.items = items
        self.matcher = FuzzyMatcher(candidates: items.map(\.candidate), frecency: frecency)
        self.tty = tty
        self.color = color
    }

    var listRows: Int { max(1, size.rows - 2) }

    /// Re-ranks when the line changed since the last draw. A query that extends the previous one
    /// only needs to look at the previous matches.
    func refresh() {
        let line = String(cString: sw_rl_line_buffer())
        guard line != query || matches.isEmpty && query.isEmpty && !items.isEmpty else { return }
        let among: [Int]? = !query.isEmpty && line.hasPrefix(query) ? matches.map(\.index) : nil
        matches = matcher.rank(query: line, among: among, highlightLimit: 0)
        query = line
        selected = 0
        top = 0
    }

    func move(_ delta: Int) {
        guard !matches.isEmpty else { return }
        selected = min(max(0, selected + delta), matches.count - 1)
    }

    func pick() {
        refresh()
        guard selected < matches.count else { rl_ding(); return }
        outcome = .picked(name: items[matches[selected].index].name, query: query)
    }

    /// Tab: the longest common prefix of the matching names when the query is a prefix of it
    /// (ignoring case), or the only match's whole name.
    func complete() {
        refresh()
        guard !matches.isEmpty, !query.contains(" ") else { rl_ding(); return }
        func folded(_ c: Unicode.Scalar) -> Unicode.Scalar {
            c.isASCII ? Unicode.Scalar(FuzzyMatcher.lower(UInt8(c.value))) : c
        }
        var common = Array(items[matches[0].index].name.unicodeScalars)
        for m in matches.dropFirst() {
            var n = 0
            for (a, b) in zip(common, items[m.index].name.unicodeScalars) {
                if folded(a) != folded(b) { break }
                n += 1
            }
            common.removeSubrange(n...)
            if common.isEmpty { break }
        }
        let typed = query.unicodeScalars.map(folded)
        guard common.count > typed.count && common.prefix(typed.count).map(folded) == typed || matches.count == 1
        else { rl_ding(); return }
        var text = ""
        text.unicodeScalars.append(contentsOf: common)
        text.withCString { sw_rl_replace_line($0) }
    }

    // MARK: - Drawing

    func draw() {
        refresh()
        size = tty.size()
        let rows = listRows
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
        let visible = top < matches.count ? Array(matches[top..<min(matches.count, top + rows)]) : []

        var out = "\u{1B}[?25l\u{1B}[H"
        let displayPrompt = String(cString: sw_rl_display_prompt())
        let line = String(cString: sw_rl_line_buffer())
        let point = Int(sw_rl_point())
        let lineBytes = Array(line.utf8)
        let beforeCursor = String(decoding: lineBytes[..<min(point, lineBytes.count)], as: UTF8.self)
        out += Text.clip(displayPrompt + Text.printable(line), to: size.cols - 1) + "\u{1B}[K\r\n"
        let info = "  \(matches.count)/\(items.count)"
        out += (color ? "\u{1B}[2m\(info)\u{1B}[22m" : info) + "\u{1B}[K"

        let layout = RowLayout(items: visible.map { items[$0.index] }, width: size.cols - 1)
        for (n, match) in visible.enumerated() {
            let positions = matcher.namePositions(query: query, candidate: match.index)
            let row = layout.render(items[match.index], positions: positions, selected: top + n == selected, color: color)
            out += "\r\n" + Text.clipStyled(row, to: size.cols - 1) + "\u{1B}[K"
        }
        // Clear what is left below.
        out += "\u{1B}[J"
        let cursorColumn = (displayPrompt + Text.printable(beforeCursor)).displayWidth + 1
        out += "\u{1B}[1;\(min(cursorColumn, size.cols))H\u{1B}[?25h"
        tty.write(out)
    }
}
