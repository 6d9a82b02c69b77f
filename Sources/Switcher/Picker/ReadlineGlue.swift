#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline

/// GNU readline in callback mode, driving a `PickerSession`: readline edits the query, and its
/// C callbacks (key bindings, redisplay, getc, the line handler) reach the session through
/// `ReadlineGlue.active`, as C function pointers carry no context. One picker per process, on
/// one thread.
final class ReadlineGlue {
    /// The running picker's glue, for the C callbacks.
    nonisolated(unsafe) static var active: ReadlineGlue?
    /// The write end of the pipe that wakes the event loop on SIGWINCH: a plain integer, as a
    /// signal handler must not touch reference-counted objects such as `active`.
    nonisolated(unsafe) static var resizeSignalFD: Int32 = -1

    let session: PickerSession
    /// Bytes read from the terminal that readline has not consumed yet (see `readInput`).
    var pendingInput: [UInt8] = []
    var pendingOffset = 0

    init(session: PickerSession) {
        self.session = session
    }

    var hasPendingInput: Bool { pendingOffset < pendingInput.count }

    /// readline's getc: the next queued byte; when the queue is empty (readline wants more of a
    /// sequence, e.g. the rest of a bracketed paste), a blocking read from the terminal.
    func nextByte() -> Int32 {
        if !hasPendingInput {
            pendingInput.removeAll(keepingCapacity: true)
            pendingOffset = 0
            var byte: UInt8 = 0
            while true {
                let n = read(session.tty.fd, &byte, 1)
                if n == 1 { return Int32(byte) }
                if n < 0 && errno == EINTR { continue }
                return EOF
            }
        }
        let byte = pendingInput[pendingOffset]
        pendingOffset += 1
        return Int32(byte)
    }

    /// Runs the picker until a pick or a cancel. Only one may run at a time.
    func run(history queries: [String], initialQuery: String) -> PickOutcome {
        precondition(Self.active == nil, "one picker at a time")
        Self.active = self
        defer { Self.active = nil }
        let tty = session.tty

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
        Self.resizeSignalFD = fds[1]
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = onResize
        #else
        action.__sigaction_handler.sa_handler = onResize
        #endif
        action.sa_flags = SA_RESTART
        var previous = sigaction()
        sigaction(SIGWINCH, &action, &previous)

        tty.write("\u{1B}[?1049h\u{1B}[H\u{1B}[2J")  // alternate screen
        sw_rl_set_redisplay(redisplay)
        sw_rl_set_getc(getKey)
        pendingInput.removeAll()
        pendingOffset = 0
        if !initialQuery.isEmpty { initialQuery.withCString { sw_rl_preset_line($0) } }
        rl_callback_handler_install(session.prompt, lineHandler)
        tty.disableSignalKeys()

        var polls = [pollfd(fd: tty.fd, events: Int16(POLLIN), revents: 0),
                     pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)]
        while session.outcome == nil {
            let n = poll(&polls, 2, -1)
            if n < 0 {
                if errno == EINTR { continue }
                session.outcome = .cancelled
                break
            }
            if polls[1].revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 64)
                _ = read(fds[0], &buffer, buffer.count)
                session.draw()
            }
            if polls[0].revents & Int16(POLLIN) != 0 {
                readInput()
            } else if polls[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                session.outcome = .cancelled  // the terminal went away
            }
        }

        rl_callback_handler_remove()
        tty.write("\u{1B}[?1049l")
        sigaction(SIGWINCH, &previous, nil)
        close(fds[0])
        close(fds[1])
        Self.resizeSignalFD = -1
        return session.outcome ?? .cancelled
    }

    /// Reads what the terminal has and hands it to readline byte by byte. A lone Esc (nothing
    /// follows within 25 ms) cancels: readline's callback mode would otherwise wait for the rest
    /// of an escape sequence (M-f, an arrow key) forever.
    private func readInput() {
        let fd = session.tty.fd
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 {
            if n < 0 && (errno == EINTR || errno == EAGAIN) { return }
            session.outcome = .cancelled  // end of input: the terminal is gone
            return
        }
        // (During a C-r history search, Esc is readline's: it ends the search.)
        if n == 1 && buffer[0] == 0x1B && !hasPendingInput && sw_rl_searching() == 0 {
            var more = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&more, 1, 25) == 0 {
                session.outcome = .cancelled
                return
            }
        }
        if !hasPendingInput {
            pendingInput.removeAll(keepingCapacity: true)
            pendingOffset = 0
        }
        pendingInput.append(contentsOf: buffer[0..<n])
        while hasPendingInput && session.outcome == nil {
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

extension PickerSession {
    /// Runs the picker on its terminal until a pick or a cancel.
    func run(history queries: [String], initialQuery: String = "") -> PickOutcome {
        ReadlineGlue(session: self).run(history: queries, initialQuery: initialQuery)
    }
}

// MARK: - C callbacks

private var session: PickerSession? { ReadlineGlue.active?.session }

private let getKey: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    ReadlineGlue.active?.nextByte() ?? EOF
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
    _ = write(ReadlineGlue.resizeSignalFD, &byte, 1)
}
