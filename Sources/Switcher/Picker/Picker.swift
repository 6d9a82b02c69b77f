#if canImport(Glibc)
import Glibc
#endif
import CReadline
import ProfileIndex

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
        let cursorColumn = Text.width(displayPrompt + Text.printable(beforeCursor)) + 1
        out += "\u{1B}[1;\(min(cursorColumn, size.cols))H\u{1B}[?25h"
        tty.write(out)
    }
}

/// The picker's terminal: `/dev/tty`, opened for reading and writing.
final class Terminal {
    let fd: Int32
    let input: UnsafeMutablePointer<FILE>
    let output: UnsafeMutablePointer<FILE>

    init?() {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let input = fdopen(dup(fd), "r"), let output = fdopen(dup(fd), "w") else {
            close(fd)
            return nil
        }
        self.fd = fd
        self.input = input
        self.output = output
    }

    /// Whether this process has a terminal to draw a picker on.
    static var available: Bool {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        if fd >= 0 { close(fd) }
        return fd >= 0
    }

    deinit {
        fclose(input)
        fclose(output)
        close(fd)
    }

    func size() -> (rows: Int, cols: Int) {
        var ws = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0, ws.ws_col > 0 {
            return (Int(ws.ws_row), Int(ws.ws_col))
        }
        return (24, 80)
    }

    func write(_ text: String) {
        fflush(output)
        var text = text
        text.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    /// Turns off the terminal's signal keys, so C-c, C-z and C-\ reach the picker as keys.
    func disableSignalKeys() {
        var t = termios()
        guard tcgetattr(fd, &t) == 0 else { return }
        t.c_lflag &= ~tcflag_t(ISIG)
        t.c_iflag &= ~tcflag_t(IXON)
        tcsetattr(fd, TCSANOW, &t)
    }
}

// MARK: - readline glue

/// The running picker, for readline's C callbacks (one picker per process, on one thread).
nonisolated(unsafe) private var session: PickerSession?
nonisolated(unsafe) private var resizeWritePipe: Int32 = -1
/// Bytes read from the terminal that readline has not consumed yet (see `readInput`).
nonisolated(unsafe) private var pendingInput: [UInt8] = []
nonisolated(unsafe) private var pendingOffset = 0
nonisolated(unsafe) private var inputFD: Int32 = -1

private var hasPendingInput: Bool { pendingOffset < pendingInput.count }

/// readline's getc: the next queued byte; when the queue is empty (readline wants more of a
/// sequence, e.g. the rest of a bracketed paste), a blocking read from the terminal.
private let getKey: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    if !hasPendingInput {
        pendingInput.removeAll(keepingCapacity: true)
        pendingOffset = 0
        var byte: UInt8 = 0
        while true {
            let n = read(inputFD, &byte, 1)
            if n == 1 { return Int32(byte) }
            if n < 0 && errno == EINTR { continue }
            return EOF
        }
    }
    let byte = pendingInput[pendingOffset]
    pendingOffset += 1
    return Int32(byte)
}

private let redisplay: @convention(c) () -> Void = { session?.draw() }
private let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
    // Readline calls this with nil on C-d at an empty line (end of input); Enter is bound to
    // `pickKey` instead, so a non-nil line only arrives through a user's own binding.
    if let line {
        free(line)
        session?.pick()
    } else {
        session?.outcome = .cancelled
    }
}
private let upKey: @convention(c) (Int32, Int32) -> Int32 = { count, _ in session?.move(-Int(max(count, 1))); return 0 }
private let downKey: @convention(c) (Int32, Int32) -> Int32 = { count, _ in session?.move(Int(max(count, 1))); return 0 }
private let pageUpKey: @convention(c) (Int32, Int32) -> Int32 = { _, _ in session.map { $0.move(-$0.listRows) }; return 0 }
private let pageDownKey: @convention(c) (Int32, Int32) -> Int32 = { _, _ in session.map { $0.move($0.listRows) }; return 0 }
private let pickKey: @convention(c) (Int32, Int32) -> Int32 = { _, _ in session?.pick(); return 0 }
private let cancelKey: @convention(c) (Int32, Int32) -> Int32 = { _, _ in session?.outcome = .cancelled; return 0 }
private let completeKey: @convention(c) (Int32, Int32) -> Int32 = { _, _ in session?.complete(); return 0 }
private let onResize: @convention(c) (Int32) -> Void = { _ in
    var byte: UInt8 = 1
    _ = Glibc.write(resizeWritePipe, &byte, 1)
}

extension PickerSession {
    /// Runs the picker until a pick or a cancel. Only one may run at a time.
    func run(history queries: [String], initialQuery: String = "") -> PickOutcome {
        precondition(session == nil, "one picker at a time")
        session = self
        defer { session = nil }

        _ = setlocale(LC_CTYPE, "")
        sw_rl_set_streams(tty.input, tty.output)
        sw_rl_set_name("sw")
        sw_rl_no_signals()
        rl_initialize()
        clear_history()
        var last: String? = nil
        for q in queries where !q.isEmpty && q != last {
            add_history(q)
            last = q
        }
        bindKeys()

        var fds: [Int32] = [0, 0]
        pipe(&fds)
        resizeWritePipe = fds[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = onResize
        action.sa_flags = SA_RESTART
        var previous = sigaction()
        sigaction(SIGWINCH, &action, &previous)

        tty.write("\u{1B}[?1049h\u{1B}[H\u{1B}[2J")  // alternate screen
        sw_rl_set_redisplay(redisplay)
        sw_rl_set_getc(getKey)
        pendingInput.removeAll()
        pendingOffset = 0
        inputFD = tty.fd
        if !initialQuery.isEmpty { initialQuery.withCString { sw_rl_preset_line($0) } }
        rl_callback_handler_install(prompt, lineHandler)
        tty.disableSignalKeys()

        var polls = [pollfd(fd: tty.fd, events: Int16(POLLIN), revents: 0),
                     pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)]
        while outcome == nil {
            let n = poll(&polls, 2, -1)
            if n < 0 {
                if errno == EINTR { continue }
                outcome = .cancelled
                break
            }
            if polls[1].revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 64)
                _ = read(fds[0], &buffer, buffer.count)
                draw()
            }
            if polls[0].revents & Int16(POLLIN) != 0 {
                readInput()
            } else if polls[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                outcome = .cancelled  // the terminal went away
            }
        }

        rl_callback_handler_remove()
        tty.write("\u{1B}[?1049l")
        sigaction(SIGWINCH, &previous, nil)
        close(fds[0])
        close(fds[1])
        resizeWritePipe = -1
        return outcome ?? .cancelled
    }

    /// Reads what the terminal has and hands it to readline byte by byte. A lone Esc (nothing
    /// follows within 25 ms) cancels: readline's callback mode would otherwise wait for the rest
    /// of an escape sequence (M-f, an arrow key) forever.
    private func readInput() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(tty.fd, &buffer, buffer.count)
        if n <= 0 {
            if n < 0 && (errno == EINTR || errno == EAGAIN) { return }
            outcome = .cancelled  // end of input: the terminal is gone
            return
        }
        // (During a C-r history search, Esc is readline's: it ends the search.)
        if n == 1 && buffer[0] == 0x1B && !hasPendingInput && sw_rl_searching() == 0 {
            var more = pollfd(fd: tty.fd, events: Int16(POLLIN), revents: 0)
            if poll(&more, 1, 25) == 0 {
                outcome = .cancelled
                return
            }
        }
        if !hasPendingInput {
            pendingInput.removeAll(keepingCapacity: true)
            pendingOffset = 0
        }
        pendingInput.append(contentsOf: buffer[0..<n])
        while hasPendingInput && outcome == nil {
            rl_callback_read_char()
        }
    }

    private func bindKeys() {
        rl_bind_key(9, completeKey)
        for seq in ["\\e[A", "\\eOA", "\\C-p"] { _ = rl_bind_keyseq(seq, upKey) }
        for seq in ["\\e[B", "\\eOB", "\\C-n"] { _ = rl_bind_keyseq(seq, downKey) }
        _ = rl_bind_keyseq("\\e[5~", pageUpKey)
        _ = rl_bind_keyseq("\\e[6~", pageDownKey)
        for seq in ["\\C-m", "\\C-j"] { _ = rl_bind_keyseq(seq, pickKey) }
        for seq in ["\\C-c", "\\C-g"] { _ = rl_bind_keyseq(seq, cancelKey) }
        _ = rl_bind_keyseq("\\ep", rl_get_previous_history)
        _ = rl_bind_keyseq("\\en", rl_get_next_history)
    }
}
