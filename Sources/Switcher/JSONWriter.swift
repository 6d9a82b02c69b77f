/// Writes JSON text directly. `sw list --json` on 5,000 profiles spent 140 ms in Foundation's
/// JSONEncoder against 4 ms here (bench/), and startup speed is the point of `sw`; reading JSON
/// still goes through JSONDecoder. Callers emit object keys in sorted order themselves.
struct JSONWriter {
    private(set) var text = ""
    private var indent = 0
    private var needsComma = [false]
    private let pretty: Bool

    init(pretty: Bool = true) {
        self.pretty = pretty
        text.reserveCapacity(4096)
    }

    private mutating func newline() {
        guard pretty else { return }
        text += "\n"
        text += String(repeating: "  ", count: indent)
    }

    private mutating func beforeValue() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if needsComma.count > 1 { newline() }
    }

    mutating func beginObject() { beforeValue(); open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { beforeValue(); open("[") }
    mutating func endArray() { close("]") }

    private mutating func open(_ bracket: String) {
        text += bracket
        indent += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        indent -= 1
        if hadItems { newline() }
        text += bracket
    }

    /// An object key; the value follows with the next call.
    mutating func key(_ key: String) {
        beforeValue()
        JSONWriter.appendQuoted(key, to: &text)
        text += pretty ? ": " : ":"
        needsComma[needsComma.count - 1] = false
        // The value must not add a comma or newline of its own.
        suppressNext = true
    }

    private var suppressNext = false

    mutating func string(_ value: String?) {
        valuePrefix()
        if let value { JSONWriter.appendQuoted(value, to: &text) } else { text += "null" }
    }

    mutating func int(_ value: Int?) {
        valuePrefix()
        text += value.map(String.init) ?? "null"
    }

    mutating func bool(_ value: Bool) {
        valuePrefix()
        text += value ? "true" : "false"
    }

    private mutating func valuePrefix() {
        if suppressNext {
            suppressNext = false
            needsComma[needsComma.count - 1] = true
        } else {
            beforeValue()
        }
    }

    mutating func beginObjectValue() {
        if suppressNext { suppressNext = false; needsComma[needsComma.count - 1] = true; open("{") } else { beginObject() }
    }

    mutating func beginArrayValue() {
        if suppressNext { suppressNext = false; needsComma[needsComma.count - 1] = true; open("[") } else { beginArray() }
    }

    /// `key: "value"` pairs of a string map, keys sorted.
    mutating func stringMap(_ map: [(String, String?)]) {
        beginObjectValue()
        for (k, v) in map.sorted(by: { $0.0 < $1.0 }) {
            key(k)
            string(v)
        }
        endObject()
    }

    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        var plainStart = s.utf8.startIndex
        var i = s.utf8.startIndex
        let utf8 = s.utf8
        while i < utf8.endIndex {
            let b = utf8[i]
            if b < 0x20 || b == 0x22 || b == 0x5C {
                out += s[plainStart..<i]
                switch b {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out += "\\u00" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 0xF)]], as: UTF8.self)
                }
                plainStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        out += s[plainStart..<utf8.endIndex]
        out += "\""
    }
}
