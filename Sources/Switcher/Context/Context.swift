#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import ProfileIndex

/// Every side effect a command has goes through here: the environment it reads, the clock, and
/// where output goes. Commands take a Context instead of reaching for globals, so tests and the
/// binary differ only in the Context they pass.
struct Context {
    var environment: [String: String]
    var now: Date
    var stdout: OutputSink
    var stderr: OutputSink
    /// Colour on stdout: only on a terminal, never with NO_COLOR or TERM=dumb.
    var colorStdout: Bool
    var colorStderr: Bool
    /// Indented JSON for a person at a terminal, compact JSON for a program reading a pipe.
    var stdoutIsTerminal: Bool
    /// Starts `aws sso login` and `aws --version`.
    var processes: any ProcessRunner = SubprocessRunner()

    static func live() -> Context {
        var environment: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") {
                environment[String(s[..<eq])] = String(s[s.index(after: eq)...])
            }
            p += 1
        }
        let colorAllowed = environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
        return Context(environment: environment, now: Date(), stdout: .fd(1), stderr: .fd(2),
                       colorStdout: colorAllowed && isatty(1) == 1, colorStderr: colorAllowed && isatty(2) == 1,
                       stdoutIsTerminal: isatty(1) == 1)
    }

    func jsonWriter() -> JSONWriter { JSONWriter(pretty: stdoutIsTerminal) }

    var paths: AWSPaths { AWSPaths(environment: environment) }

    /// The index, from sw's snapshot cache when it is valid for the AWS files as they are now
    /// (IndexCache); `SW_INDEX_CACHE=off` always parses, `SW_INDEX_CACHE=trace` says on stderr
    /// what the cache did.
    func loadIndex() -> Index {
        let (index, outcome) = Index.load(paths: paths, fileSystem: LocalFileSystem(),
                                          cache: IndexCache.live(environment: environment, identity: ExecutableIdentity.current()),
                                          now: Int(now.timeIntervalSince1970))
        if environment["SW_INDEX_CACHE"] == "trace" { note("index cache: \(outcome)") }
        // Freeing thousands of profiles' strings when a command returns cost 12% of `sw list`
        // on 5,000 profiles; the process is about to exit, so the index is simply kept.
        KeepAlive.indexes.append(index)
        return index
    }

    /// Prints a warning line for humans on stderr.
    func warn(_ message: String) {
        stderr.write("sw: warning: \(message)\n")
    }

    func note(_ message: String) {
        stderr.write("sw: \(message)\n")
    }
}

/// A file descriptor written to in full; a closed pipe (EPIPE) ends the program quietly, as a
/// reader that went away (`sw list | head`) is not an error.
struct OutputSink {
    let fd: Int32

    static func fd(_ fd: Int32) -> OutputSink { OutputSink(fd: fd) }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    func write(_ writer: JSONWriter) {
        writer.bytes.withUnsafeBufferPointer { write(bytes: $0) }
        write("\n")
    }

    func write(bytes buf: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buf.count {
            let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                return
            }
            offset += n
        }
    }
}

private enum KeepAlive {
    nonisolated(unsafe) static var indexes: [Index] = []
}
