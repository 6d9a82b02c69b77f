#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's stdout or stderr goes: a file descriptor, written in full, or memory (a
/// command run in-process by a test).
enum OutputSink: Sendable {
    /// A closed pipe (EPIPE) ends the program quietly, as a reader that went away
    /// (`sw list | head`) is not an error.
    case fd(Int32)
    case memory(OutputBuffer)

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    func write(_ writer: JSONWriter) {
        writer.bytes.withUnsafeBufferPointer { write(bytes: $0) }
        write("\n")
    }

    func write(bytes buf: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .fd(let fd): OutputSink.writeAll(fd, buf)
        case .memory(let buffer): buffer.append(buf)
        }
    }

    private static func writeAll(_ fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buf.count {
            let n = systemWrite(fd, buf.baseAddress! + offset, buf.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                return
            }
            offset += n
        }
    }
}

/// `write(2)`, named so that the `write` methods above do not shadow it.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

/// The bytes written to a `.memory` sink. Unlocked: one command, on one thread, writes to it,
/// and it is read after the command has returned.
final class OutputBuffer: @unchecked Sendable {
    private(set) var bytes: [UInt8] = []

    init() {}

    func append(_ more: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: more) }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
