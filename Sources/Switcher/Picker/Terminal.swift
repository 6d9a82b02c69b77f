#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The picker's terminal: `/dev/tty`, opened for reading and writing, so the picker draws there
/// while stdout carries the shell code. Opened through `Context.terminal`.
final class Terminal {
    let fd: Int32
    /// For readline, which reads and writes through stdio streams.
    let input: UnsafeMutablePointer<FILE>
    let output: UnsafeMutablePointer<FILE>

    /// The controlling terminal, or nil when the process has none.
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

    /// Writes `text` in full, after what readline has buffered in `output`.
    func write(_ text: String) {
        fflush(output)
        var text = text
        text.withUTF8 { writeFully(fd, $0) }
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

/// Outside `Terminal`, whose own `write(_:)` would hide the C function inside the class.
private func writeFully(_ fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) {
    var offset = 0
    while offset < buf.count {
        let n = write(fd, buf.baseAddress! + offset, buf.count - offset)
        if n < 0 { if errno == EINTR { continue }; return }
        offset += n
    }
}
