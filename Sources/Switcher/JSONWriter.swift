/// Writes JSON text directly. `sw list --json` on 5,000 profiles spent 140 ms in Foundation's
/// JSONEncoder against 4 ms here (bench/), and startup speed is the point of `sw`; reading JSON
/// still goes through JSONDecoder. Callers emit object keys in sorted order themselves.
struct JSONWriter {
    /// UTF-8 output; appending bytes is several times cheaper than appending to a String.
    private(set) var bytes: [UInt8] = []
    private var indent = 0
    private var needsComma = [false]
    private var suppressNext = false
    private let pretty: Bool

    init(pretty: Bool = true) {
        self.pretty = pretty
        bytes.reserveCapacity(1 << 16)
    }

    /// Writes what is written so far and empties the buffer (keeping its capacity).
    mutating func flush(to sink: OutputSink) {
        bytes.withUnsafeBufferPointer { sink.write(bytes: $0) }
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    private mutating func beforeValue() {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
        if needsComma.count > 1 { newline() }
    }

    mutating func beginObject() { beforeValue(); open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { beforeValue(); open(0x5B) }
    mutating func endArray() { close(0x5D) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        indent += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadItems = needsComma.removeLast()
        indent -= 1
        if hadItems { newline() }
        bytes.append(bracket)
    }

    /// An object key; the value follows with the next call.
    mutating func key(_ key: String) {
        beforeValue()
        appendQuoted(key)
        if pretty { raw(": ") } else { bytes.append(0x3A) }
        needsComma[needsComma.count - 1] = false
        // The value must not add a comma or newline of its own.
        suppressNext = true
    }

    mutating func string(_ value: String?) {
        valuePrefix()
        if let value { appendQuoted(value) } else { raw("null") }
    }

    mutating func int(_ value: Int?) {
        valuePrefix()
        if let value { bytes.append(contentsOf: String(value).utf8) } else { raw("null") }
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
        if suppressNext { suppressNext = false; needsComma[needsComma.count - 1] = true; open(0x7B) } else { beginObject() }
    }

    mutating func beginArrayValue() {
        if suppressNext { suppressNext = false; needsComma[needsComma.count - 1] = true; open(0x5B) } else { beginArray() }
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

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            // Copy runs that need no escaping in one go.
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    raw("\\u00")
                    bytes.append(JSONWriter.hex[Int(b >> 4)])
                    bytes.append(JSONWriter.hex[Int(b & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(0x22)
    }
}
