/// A value as botocore hands it out: a string, or (for `key =` followed by indented `k = v` lines)
/// a one-level sub-table.
public enum SettingValue: Sendable, Hashable {
    case string(String)
    case nested([NestedEntry])

    public struct NestedEntry: Sendable, Hashable {
        public var key: String
        public var value: String
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

/// One `key = value` of a section, as `configparser` leaves it after joining continuation lines.
struct INIOption: Sendable {
    var key: String
    var value: SettingValue
    var line: Int
}

/// One `[header]` section; `name` is configparser's section name (text between `[` and the last `]`).
struct INISection: Sendable {
    var name: String
    var line: Int
    var options: [INIOption]
    /// The comment lines directly above the header (no blank line between), as indices into
    /// the document's `comments`, nearest last.
    var commentsAbove: Range<Int>
}

/// Why botocore (configparser) refuses a whole file.
public enum ParseFailure: Sendable, Hashable {
    case byteOrderMark
    case textBeforeFirstSection
    case lineWithoutDelimiter
    case emptyKey
    case duplicateSection(String)
    case duplicateKey(section: String, key: String)
    case notUTF8
    case nestedLineWithoutEquals(key: String)

    public var explanation: String {
        switch self {
        case .byteOrderMark:
            return "the file starts with a UTF-8 byte-order mark, which configparser reads as text before the first section header"
        case .textBeforeFirstSection:
            return "text before the first [section] header"
        case .lineWithoutDelimiter:
            return "a line that is neither a [section] header, a comment, nor key = value"
        case .emptyKey:
            return "a key = value line with an empty key"
        case .duplicateSection(let name):
            return "section [\(name)] appears a second time"
        case .duplicateKey(let section, let key):
            return "key '\(key)' appears twice in section [\(section)] (keys are compared lower-cased)"
        case .notUTF8:
            return "bytes that are not valid UTF-8"
        case .nestedLineWithoutEquals(let key):
            return "an indented line under '\(key) =' without '=' (sub-settings must be key = value)"
        }
    }
}

struct INIFailure: Sendable, Hashable {
    var failure: ParseFailure
    var line: Int
}

/// A comment line: its text (stripped) and line number.
struct INIComment: Sendable {
    var line: Int
    /// Where the stripped comment text is in the document's bytes (no String is made for the
    /// thousands of marker comments a generated config has unless one is asked for).
    var range: Range<Int>
}

/// The result of reading one file the way `configparser.RawConfigParser` + botocore's
/// `raw_config_parse` do. Parsing never stops at an error: every failure botocore would raise is
/// recorded (the AWS CLI refuses the whole file when `failures` is not empty) and what can be read
/// is kept.
struct INIDocument: Sendable {
    var sections: [INISection] = []
    /// Keys of `[DEFAULT]`, which configparser copies into every section that lacks them.
    var defaults: [INIOption] = []
    var defaultsLine: Int?
    var failures: [INIFailure] = []
    var comments: [INIComment] = []
    /// The UTF-8 text parsed (repaired where it was not valid), for comment texts.
    private var text: [UInt8] = []

    func text(of comment: INIComment) -> String {
        text.withUnsafeBufferPointer { INIDocument.string($0, comment.range) }
    }

    func comment(_ comment: INIComment, contains needle: StaticString) -> Bool {
        text.withUnsafeBufferPointer { ByteSearch.contains(UnsafeBufferPointer(rebasing: $0[comment.range]), needle) }
    }

    static let defaultSectionName = "DEFAULT"
    private var preserveKeyCase = false

    init() {}

    /// Parses `bytes`. Invalid UTF-8 is repaired (U+FFFD) for indexing and recorded as a failure.
    /// `preserveKeyCase` keeps keys as written (configparser lower-cases them); sw's own config
    /// uses it for environment variable names.
    init(bytes: [UInt8], preserveKeyCase: Bool = false) {
        self.preserveKeyCase = preserveKeyCase
        var utf8 = bytes
        if !INIDocument.isValidUTF8(bytes) {
            let firstBad = INIDocument.firstInvalidLine(bytes)
            failures.append(INIFailure(failure: .notUTF8, line: firstBad))
            utf8 = Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        utf8.withUnsafeBufferPointer { parse($0) }
        text = utf8
        finish()
    }

    /// Validates without building a String (a megabyte copy otherwise).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        (try? UTF8Span(validating: bytes.span)) != nil
    }

    /// The 1-based line (universal newlines: \n, \r\n and \r end a line, as for the parser) that
    /// holds the first byte sequence that is not UTF-8.
    private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x0A || b == 0x0D else { i += 1; continue }
            if String(validating: bytes[lineStart..<i], as: UTF8.self) == nil { return line }
            i += b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
            lineStart = i
            line += 1
        }
        return line
    }

    /// Identifies an option: its section (-1 for DEFAULT) and its index there.
    private struct OptionRef: Hashable {
        var section: Int
        var option: Int
    }

    private mutating func parse(_ buf: UnsafeBufferPointer<UInt8>) {
        let n = buf.count
        // The locals of configparser's `_read`.
        var current: Int?                 // section index, -1 for DEFAULT
        var currentOption: OptionRef?
        var indentLevel = 0
        // Start (in `comments`) of the run of comment lines just read, cleared by any other line.
        var pendingComments: Int?
        // Keyed by code points, as configparser's dicts: "caf\u{E9}" and "cafe\u{301}" are two.
        var sectionIndex: [ExactString: Int] = [:]
        var defaultKeys: Set<ExactString> = []
        // Values that span lines; single-line values (nearly all) never get an entry here.
        var multiline: [OptionRef: [String]] = [:]
        var pendingBlankLines = 0
        var lineNumber = 0
        var pos = 0

        while pos < n {
            // One line, ended by \n, \r\n or \r (Python's universal newlines).
            var end = pos
            while end < n && buf[end] != 0x0A && buf[end] != 0x0D { end += 1 }
            let next = end < n ? ((buf[end] == 0x0D && end + 1 < n && buf[end + 1] == 0x0A) ? end + 2 : end + 1) : end
            lineNumber += 1
            var start = pos
            pos = next

            if lineNumber == 1, end - start >= 3, buf[start] == 0xEF, buf[start + 1] == 0xBB, buf[start + 2] == 0xBF {
                // Python reads the mark as a character: the whole file fails. Index the rest anyway.
                failures.append(INIFailure(failure: .byteOrderMark, line: 1))
                start += 3
            }
            let stripped = PythonText.strip(buf, start, end)
            if stripped.isEmpty {
                pendingComments = nil
                // A blank line inside a value becomes an empty value line (empty_lines_in_values);
                // trailing ones are removed again by the final rstrip, so only count them.
                if currentOption != nil { pendingBlankLines += 1 }
                continue
            }
            let first = buf[stripped.lowerBound]
            if first == 0x23 || first == 0x3B {  // '#' or ';' comment line
                if pendingComments == nil { pendingComments = comments.count }
                comments.append(INIComment(line: lineNumber, range: stripped))
                continue
            }
            let indent = PythonText.indentation(buf, start, end)

            // Continuation line: indented deeper than the line that started the current option.
            if let ref = currentOption, indent > indentLevel {
                var lines = multiline[ref] ?? [optionValue(ref).string ?? ""]
                lines.append(contentsOf: repeatElement("", count: pendingBlankLines))
                lines.append(INIDocument.string(buf, stripped))
                multiline[ref] = lines
                pendingBlankLines = 0
                pendingComments = nil
                continue
            }
            indentLevel = indent
            pendingBlankLines = 0

            // Section header: `\[(?P<header>.+)\]` matched at the start; `.+` is greedy.
            if first == 0x5B, let close = INIDocument.lastCloseBracket(buf, stripped), close > stripped.lowerBound + 1 {
                let name = INIDocument.string(buf, (stripped.lowerBound + 1)..<close)
                if name.isExactly(INIDocument.defaultSectionName) {
                    current = -1
                    if defaultsLine == nil { defaultsLine = lineNumber }
                } else {
                    if sectionIndex[ExactString(name)] != nil {
                        // configparser raises here. Keep reading into a new section so the rest is
                        // still indexed; the later one wins, as it would for two spellings.
                        failures.append(INIFailure(failure: .duplicateSection(name), line: lineNumber))
                    }
                    sectionIndex[ExactString(name)] = sections.count
                    current = sections.count
                    // Room for a typical section's keys up front: growing 1, 2, 4, 8 reallocates.
                    var options: [INIOption] = []
                    options.reserveCapacity(6)
                    sections.append(INISection(name: name, line: lineNumber, options: options,
                                               commentsAbove: (pendingComments ?? comments.count)..<comments.count))
                }
                currentOption = nil
                pendingComments = nil
                continue
            }
            pendingComments = nil

            guard let s = current else {
                failures.append(INIFailure(failure: .textBeforeFirstSection, line: lineNumber))
                continue
            }

            // Option line: the key is everything before the first `=` or `:`.
            var delimiter = stripped.lowerBound
            while delimiter < stripped.upperBound && buf[delimiter] != 0x3D && buf[delimiter] != 0x3A { delimiter += 1 }
            guard delimiter < stripped.upperBound else {
                failures.append(INIFailure(failure: .lineWithoutDelimiter, line: lineNumber))
                continue
            }
            let keyRange = PythonText.strip(buf, stripped.lowerBound, delimiter)
            if keyRange.isEmpty {
                failures.append(INIFailure(failure: .emptyKey, line: lineNumber))
            }
            let key = preserveKeyCase ? INIDocument.string(buf, keyRange) : INIDocument.lowercased(buf, keyRange)
            let option = INIOption(key: key, value: .string(INIDocument.string(buf, PythonText.strip(buf, delimiter + 1, stripped.upperBound))),
                                   line: lineNumber)
            let existing: Int?
            if s < 0 {
                existing = defaultKeys.insert(ExactString(key)).inserted ? nil : defaults.firstIndex(where: { $0.key.isExactly(key) })
            } else {
                existing = INIDocument.optionIndex(sections[s].options, key)
            }
            if let existing {
                // configparser raises; sw keeps the later value so the rest of the file is indexed.
                let sectionName = s < 0 ? INIDocument.defaultSectionName : sections[s].name
                failures.append(INIFailure(failure: .duplicateKey(section: sectionName, key: key), line: lineNumber))
                let ref = OptionRef(section: s, option: existing)
                multiline[ref] = nil
                setOption(ref, option)
                currentOption = ref
            } else if s < 0 {
                defaults.append(option)
                currentOption = OptionRef(section: -1, option: defaults.count - 1)
            } else {
                sections[s].options.append(option)
                currentOption = OptionRef(section: s, option: sections[s].options.count - 1)
            }
            // configparser's `optname` is then "", which is falsy: the next indented line is not a
            // continuation and blank lines are not added to the value.
            if keyRange.isEmpty { currentOption = nil }
        }

        // _join_multiline_values, then botocore's nested-value parsing.
        var unparseableDefaults: [INIOption] = []
        for (ref, lines) in multiline.sorted(by: { ($0.key.section, $0.key.option) < ($1.key.section, $1.key.option) }) {
            var option = ref.section < 0 ? defaults[ref.option] : sections[ref.section].options[ref.option]
            let (value, parses) = INIDocument.joinValue(lines)
            option.value = value
            if !parses {
                if ref.section < 0 {
                    unparseableDefaults.append(option)
                } else {
                    failures.append(INIFailure(failure: .nestedLineWithoutEquals(key: option.key), line: option.line))
                }
            }
            setOption(ref, option)
        }
        // botocore parses nested values section by section (`cp.get(section, option)`), so a
        // [DEFAULT] value is parsed, and can fail, only where a section lacks that key and reads it.
        for option in unparseableDefaults where sections.contains(where: { INIDocument.optionIndex($0.options, option.key) == nil }) {
            failures.append(INIFailure(failure: .nestedLineWithoutEquals(key: option.key), line: option.line))
        }
    }

    private func optionValue(_ ref: OptionRef) -> SettingValue {
        ref.section < 0 ? defaults[ref.option].value : sections[ref.section].options[ref.option].value
    }

    private mutating func setOption(_ ref: OptionRef, _ option: INIOption) {
        if ref.section < 0 { defaults[ref.option] = option } else { sections[ref.section].options[ref.option] = option }
    }

    /// `'\n'.join(lines).rstrip()`, then botocore's `_parse_nested` when the value starts with a
    /// newline. `parses` is false where `_parse_nested` raises (a sub-line without `=`); the value
    /// is then the joined string.
    private static func joinValue(_ lines: [String]) -> (value: SettingValue, parses: Bool) {
        let joined = PythonText.rstrip(lines.joined(separator: "\n"))
        guard joined.utf8.first == 0x0A else { return (.string(joined), true) }
        var entries: [SettingValue.NestedEntry] = []
        for raw in PythonText.splitlines(joined) {
            // Code points, not Characters: in "k =\u{301}v" the '=' is still a separator for Python.
            let text = PythonText.strip(raw).unicodeScalars
            if text.isEmpty { continue }
            guard let eq = text.firstIndex(of: "=") else { return (.string(joined), false) }
            let k = String(PythonText.strip(Substring(text[..<eq])))
            let v = String(PythonText.strip(Substring(text[text.index(after: eq)...])))
            // Python dict keys compare code points: "é" and "e\u{301}" are two keys.
            if let existing = entries.firstIndex(where: { $0.key.utf8.elementsEqual(k.utf8) }) {
                entries[existing].value = v
            } else {
                entries.append(SettingValue.NestedEntry(key: k, value: v))
            }
        }
        return (.nested(entries), true)
    }

    /// Sections' options: small sections are scanned, which is cheaper than hashing.
    @inline(__always)
    private static func optionIndex(_ options: [INIOption], _ key: String) -> Int? {
        options.firstIndex(where: { $0.key.isExactly(key) })
    }

    @inline(__always)
    private static func lastCloseBracket(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var i = range.upperBound - 1
        while i > range.lowerBound {
            if buf[i] == 0x5D { return i }
            i -= 1
        }
        return nil
    }

    @inline(__always)
    static func string(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buf[range]), as: UTF8.self)
    }

    /// `optionxform`: `str.lower()`; ASCII keys (nearly all) are lower-cased without a String round trip.
    @inline(__always)
    static func lowercased(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var ascii = true
        var hasUpper = false
        for i in range {
            let b = buf[i]
            if b >= 0x80 { ascii = false; break }
            if b >= 0x41 && b <= 0x5A { hasUpper = true }
        }
        if !ascii { return PythonText.lower(string(buf, range)) }
        if !hasUpper { return string(buf, range) }
        return String(unsafeUninitializedCapacity: range.count) { out in
            for (j, i) in range.enumerated() {
                let b = buf[i]
                out[j] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
            }
            return range.count
        }
    }

    private mutating func finish() {
        failures.sort { $0.line < $1.line }
    }
}
