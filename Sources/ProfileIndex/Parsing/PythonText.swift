/// The pieces of Python's text handling that botocore's config reading depends on, re-done on
/// UTF-8 bytes so that `sw` splits, strips and tokenises exactly as `configparser` and `shlex` do.
///
/// Python's `str.strip()`, `\s` and `\S` use Unicode whitespace (`str.isspace()`), not only ASCII.
enum PythonText {
    /// Length in bytes of the Python whitespace character starting at `i`, or 0 if none.
    @inline(__always)
    static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 {
            // \t \n \v \f \r, \x1c-\x1f (file/group/record/unit separators), space
            return (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20) ? 1 : 0
        }
        if b == 0xC2, i + 1 < end {
            let c = bytes[i + 1]
            return c == 0x85 || c == 0xA0 ? 2 : 0  // NEL, NO-BREAK SPACE
        }
        guard i + 2 < end else { return 0 }
        let c = bytes[i + 1], d = bytes[i + 2]
        switch b {
        case 0xE1: return c == 0x9A && d == 0x80 ? 3 : 0  // U+1680 OGHAM SPACE MARK
        case 0xE2:
            if c == 0x80 {
                // U+2000...U+200A, U+2028, U+2029, U+202F
                return d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF ? 3 : 0
            }
            return c == 0x81 && d == 0x9F ? 3 : 0  // U+205F
        case 0xE3: return c == 0x80 && d == 0x80 ? 3 : 0  // U+3000
        default: return 0
        }
    }

    /// Length in bytes of the Python whitespace character that ends just before `end`, or 0.
    @inline(__always)
    static func trailingWhitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int {
        // A whitespace character of length k ends here only if it starts exactly k bytes back.
        for k in 1...3 where end - k >= start {
            let lead = bytes[end - k]
            if lead & 0xC0 == 0x80 { continue }  // a continuation byte: look further back
            return whitespaceLength(bytes, at: end - k, end: end) == k ? k : 0
        }
        return 0
    }

    /// `str.strip()` on the byte range `start..<end`.
    @inline(__always)
    static func strip(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var s = start, e = end
        while s < e {
            let n = whitespaceLength(bytes, at: s, end: e)
            if n == 0 { break }
            s += n
        }
        while e > s {
            let n = trailingWhitespaceLength(bytes, start: s, end: e)
            if n == 0 { break }
            e -= n
        }
        return s..<e
    }

    /// The number of leading whitespace *characters* (code points), as `NONSPACECRE.search(line).start()`.
    @inline(__always)
    static func indentation(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start, count = 0
        while i < end {
            let n = whitespaceLength(bytes, at: i, end: end)
            if n == 0 { break }
            i += n
            count += 1
        }
        return count
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `str.strip()` on a String.
    static func strip(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return text[text.endIndex...] }
        return Substring(scalars[first...last])
    }

    /// `str.rstrip()` on a String.
    static func rstrip(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return String(scalars[...last])
    }

    /// `str.lower()`: each code point's full lower-case mapping, plus the one context rule Python
    /// applies (Final_Sigma): a capital sigma after a cased letter, and not before one, becomes `ς`.
    /// Swift's `lowercased()` maps every capital sigma to `σ`.
    static func lower(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if scalar.value == 0x3A3 {
                out.append(isFinalSigma(scalars, i) ? "\u{3C2}" : "\u{3C3}")
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// CPython's `handle_capital_sigma`: `\p{cased} \p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased})`.
    private static func isFinalSigma(_ scalars: [Unicode.Scalar], _ i: Int) -> Bool {
        var j = i - 1
        while j >= 0, scalars[j].properties.isCaseIgnorable { j -= 1 }
        guard j >= 0, scalars[j].properties.isCased else { return false }
        j = i + 1
        while j < scalars.count, scalars[j].properties.isCaseIgnorable { j += 1 }
        return j == scalars.count || !scalars[j].properties.isCased
    }

    /// `str.splitlines()`: Python breaks lines at more characters than a file read does.
    static func splitlines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let scalars = text.unicodeScalars
        var lineStart = scalars.startIndex
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let v = scalars[i].value
            switch v {
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                lines.append(Substring(scalars[lineStart..<i]))
                i = scalars.index(after: i)
                lineStart = i
            case 0x0D:
                lines.append(Substring(scalars[lineStart..<i]))
                i = scalars.index(after: i)
                if i < scalars.endIndex, scalars[i].value == 0x0A { i = scalars.index(after: i) }
                lineStart = i
            default:
                i = scalars.index(after: i)
            }
        }
        if lineStart < scalars.endIndex { lines.append(Substring(scalars[lineStart...])) }
        return lines
    }

    /// The words of `bytes` split at shlex's whitespace, or nil when a quote or backslash needs
    /// the full tokenizer.
    private static func plainWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var words: [String] = []
        var start = -1
        for i in 0..<bytes.count {
            switch bytes[i] {
            case 0x22, 0x27, 0x5C: return nil
            case 0x20, 0x09, 0x0D, 0x0A:
                if start >= 0 {
                    words.append(INIDocument.string(bytes, start..<i))
                    start = -1
                }
            default:
                if start < 0 { start = i }
            }
        }
        if start >= 0 { words.append(INIDocument.string(bytes, start..<bytes.count)) }
        return words
    }

    /// `shlex.split(text)` (POSIX mode, no comments), or nil where shlex raises `ValueError`
    /// (an unclosed quote or a trailing backslash).
    static func shlexSplit(_ text: String) -> [String]? {
        // Nearly every header has no quotes or backslashes: split on shlex's whitespace directly.
        var text = text
        if let words = text.withUTF8({ PythonText.plainWords($0) }) { return words }
        enum State { case between, word, single, double, escape, escapeInDouble }
        var words: [String] = []
        var current = ""
        var state = State.between
        for ch in text.unicodeScalars {
            switch state {
            case .between, .word:
                switch ch {
                case " ", "\t", "\r", "\n":
                    if state == .word { words.append(current); current = "" }
                    state = .between
                case "'": state = .single
                case "\"": state = .double
                case "\\": state = .escape
                default:
                    current.unicodeScalars.append(ch)
                    state = .word
                }
            case .single:
                if ch == "'" { state = .word } else { current.unicodeScalars.append(ch) }
            case .double:
                if ch == "\"" { state = .word } else if ch == "\\" { state = .escapeInDouble } else {
                    current.unicodeScalars.append(ch)
                }
            case .escape:
                current.unicodeScalars.append(ch)
                state = .word
            case .escapeInDouble:
                // Inside double quotes a backslash escapes only `"` and `\`; otherwise it stays.
                if ch != "\"" && ch != "\\" { current.unicodeScalars.append("\\") }
                current.unicodeScalars.append(ch)
                state = .double
            }
        }
        switch state {
        case .between: break
        case .word: words.append(current)
        case .single, .double, .escape, .escapeInDouble: return nil
        }
        return words
    }
}
