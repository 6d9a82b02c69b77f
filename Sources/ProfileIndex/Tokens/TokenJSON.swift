/// The shape of a JSON value, read by the rules of Python's `json` module (what botocore's
/// `JSONFileCache` uses), not Foundation's:
/// - a repeated key keeps its **last** value (Foundation keeps the first);
/// - `NaN`, `Infinity`, `-Infinity` and numbers too large for a double are accepted;
/// - `\uD800`-style lone surrogates are accepted (and read as U+FFFD here);
/// - raw control characters inside strings, trailing commas, comments are refused.
///
/// Only the top-level object's members are kept, with string values (and, when asked, the members
/// of objects nested in it); anything deeper is reduced to its kind, so no token survives outside
/// the member it belongs to. Nesting is walked without
/// recursion; deeper than `maxDepth` counts as unreadable (Python's own limit is its recursion
/// limit, about 1000, beyond which botocore fails with `RecursionError`).
enum JSONValue: Equatable {
    case null, bool, number, string(String), array, object([String: JSONValue])

    static let maxDepth = 900

    var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// How a problem message names this kind of value.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The document's value, or nil when Python's `json.loads` would raise.
    /// `bytes` must already be valid UTF-8 without a byte-order mark. `levels` is how many levels
    /// of objects keep their members (1: the top-level object's only; an `aws login` cache file
    /// needs 2, for the members of its `accessToken`).
    static func parse(_ bytes: [UInt8], levels: Int = 1) -> JSONValue? {
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        guard let value = reader.topLevel(levels: levels) else { return nil }
        reader.skipWhitespace()
        return reader.atEnd ? value : nil
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }
        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        mutating func take(_ word: String) -> Bool {
            let word = Array(word.utf8)
            guard bytes.count - index >= word.count, Array(bytes[index..<index + word.count]) == word else { return false }
            index += word.count
            return true
        }

        /// The top-level value: an object keeps its members (each reduced to a shallow value, or
        /// for `levels` > 1 an object member keeps its own members the same way).
        mutating func topLevel(levels: Int) -> JSONValue? {
            guard levels > 0, current == UInt8(ascii: "{") else { return shallowValue() }
            index += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if take(UInt8(ascii: "}")) { return .object(members) }
            while true {
                skipWhitespace()
                guard let key = string() else { return nil }
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipWhitespace()
                guard let value = levels > 1 ? topLevel(levels: levels - 1) : shallowValue() else { return nil }
                members[key] = value  // last one wins, as in Python
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "}")) ? .object(members) : nil
            }
        }

        /// A value whose containers are validated but reduced to their kind.
        mutating func shallowValue() -> JSONValue? {
            switch current {
            case UInt8(ascii: "{"): return skipContainers() ? .object([:]) : nil
            case UInt8(ascii: "["): return skipContainers() ? .array : nil
            default: return scalar()
            }
        }

        mutating func scalar() -> JSONValue? {
            switch current {
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return take("true") ? .bool : nil
            case UInt8(ascii: "f"): return take("false") ? .bool : nil
            case UInt8(ascii: "n"): return take("null") ? .null : nil
            case UInt8(ascii: "N"): return take("NaN") ? .number : nil
            case UInt8(ascii: "I"): return take("Infinity") ? .number : nil
            default: return number() ? .number : nil
            }
        }

        /// Walks nested arrays and objects starting at `[` or `{` with an explicit stack.
        mutating func skipContainers() -> Bool {
            var open: [UInt8] = []  // the closing byte each open container expects
            while true {
                // Here a value starts.
                skipWhitespace()
                if let byte = current, byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    guard open.count < JSONValue.maxDepth else { return false }
                    index += 1
                    let closing = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                    open.append(closing)
                    skipWhitespace()
                    if take(closing) {
                        open.removeLast()
                    } else {
                        if closing == UInt8(ascii: "}"), !memberKey() { return false }
                        continue
                    }
                } else if scalar() == nil {
                    return false
                }
                // Here a value has ended: close what ends, or go on after a comma.
                while true {
                    guard let closing = open.last else { return true }
                    skipWhitespace()
                    if take(closing) {
                        open.removeLast()
                        continue
                    }
                    guard take(UInt8(ascii: ",")) else { return false }
                    if closing == UInt8(ascii: "}") {
                        skipWhitespace()
                        if !memberKey() { return false }
                    }
                    break
                }
            }
        }

        /// `"key" :` inside a nested object.
        mutating func memberKey() -> Bool {
            guard string() != nil else { return false }
            skipWhitespace()
            return take(UInt8(ascii: ":"))
        }

        /// Python's NUMBER_RE `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, plus `-Infinity`.
        mutating func number() -> Bool {
            _ = take(UInt8(ascii: "-"))
            if take("Infinity") { return true }
            if !take(UInt8(ascii: "0")) {
                guard let byte = current, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(byte) else { return false }
                skipDigits()
            }
            if take(UInt8(ascii: ".")) {
                guard skipDigits() else { return false }
            }
            if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
                _ = take(UInt8(ascii: "+")) || take(UInt8(ascii: "-"))
                guard skipDigits() else { return false }
            }
            return true
        }

        @discardableResult
        mutating func skipDigits() -> Bool {
            let start = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            return index > start
        }

        /// A string, with Python's escapes; raw control characters are refused (strict mode).
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []  // raw UTF-8 bytes since the last escape
            func flush() {
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                run.removeAll(keepingCapacity: true)
            }
            while let byte = current {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard let escaped = current else { return nil }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escaped))
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard let unit = hex4() else { return nil }
                        if (0xD800...0xDBFF).contains(unit), bytes.count - index >= 6,
                           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                            let save = index
                            index += 2
                            if let low = hex4(), (0xDC00...0xDFFF).contains(low) {
                                scalars.append(Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!)
                                continue
                            }
                            index = save
                        }
                        scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                    default:
                        return nil
                    }
                case 0x00..<0x20:
                    return nil
                default:
                    run.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - index >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}
