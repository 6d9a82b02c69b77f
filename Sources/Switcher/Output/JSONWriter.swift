import ProfileIndex

/// Writes JSON text directly. `sw list --json` on 5,000 profiles spent 140 ms in Foundation's
/// JSONEncoder against 4 ms here (bench/), and startup speed is the point of `sw`. Callers emit
/// object keys in sorted order themselves.
///
/// The output is a byte buffer written through a raw pointer: each write reserves its worst case
/// once and then stores without further checks, so `sw list --json` costs a few instructions per
/// output byte. A JSONWriter owns its buffer; copies of one share it, so use one value only.
struct JSONWriter {
    var base: UnsafeMutablePointer<UInt8>
    var capacity: Int
    /// Bytes written so far (since the last `flush`).
    var count = 0
    let storage: Storage
    /// Nesting depth: the indentation level in pretty mode.
    var indent = 0
    /// One bit per open container, the innermost in bit 0: set once it holds a value, so the next
    /// value needs a comma. Bit 0 before any container is the top level.
    var commaBits: UInt64 = 0
    var suppressNext = false
    let pretty: Bool
    /// The file path escaped last, and its escaped bytes.
    var lastPath = ""
    var lastPathEscaped: [UInt8] = []
    /// The same for paths read in place from a snapshot, by address: the two last ones, since
    /// a profile's locations alternate between the config and credentials files.
    var pathsByAddress = (PathEscaped(), PathEscaped())
    struct PathEscaped {
        var address: UnsafeRawPointer?
        var count = 0
        var escaped: [UInt8] = []

        func isAt(_ utf8: UnsafeRawBufferPointer) -> Bool { address != nil && address == utf8.baseAddress && count == utf8.count }
    }

    /// Frees the buffer when the last copy of the writer goes away.
    final class Storage {
        var pointer: UnsafeMutablePointer<UInt8>
        init(_ pointer: UnsafeMutablePointer<UInt8>) { self.pointer = pointer }
        deinit { pointer.deallocate() }
    }

    init(pretty: Bool = true) {
        self.pretty = pretty
        capacity = 1 << 16
        base = .allocate(capacity: capacity)
        storage = Storage(base)
    }

    /// What is written so far, as a copy.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Writes what is written so far and empties the buffer (keeping its capacity).
    mutating func flush(to sink: OutputSink) {
        sink.write(bytes: UnsafeBufferPointer(start: base, count: count))
        count = 0
    }

    // MARK: - Raw bytes

    /// Makes room for `n` more bytes; the unchecked stores below rely on it.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if capacity - count < n { grow(n) }
    }

    mutating func grow(_ n: Int) {
        var newCapacity = capacity * 2
        while newCapacity - count < n { newCapacity *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = newCapacity
        storage.pointer = new
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Copies bytes `reserve` made room for. Most are short (keys, regions, account ids): up to
    /// 16 bytes are two overlapping word stores, not a call to memcpy.
    @inline(__always)
    mutating func put(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0, let from = bytes.baseAddress else { return }
        let to = UnsafeMutableRawPointer(base + count)
        if n >= 8 && n <= 16 {
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), toByteOffset: n - 4, as: UInt32.self)
        } else {
            to.copyMemory(from: from, byteCount: n)
        }
        count &+= n
    }

    @inline(__always)
    mutating func put(_ s: StaticString) {
        put(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        reserve(s.utf8CodeUnitCount)
        put(s)
    }

    /// A newline and the indentation of the current depth, in pretty mode only.
    @inline(__always)
    mutating func newline() {
        guard pretty else { return }
        newline(depth: indent)
    }

    mutating func newline(depth: Int) {
        reserve(1 + 2 * depth)
        put(0x0A)
        (base + count).initialize(repeating: 0x20, count: 2 * depth)
        count += 2 * depth
    }

    // MARK: - Structure

    var needsComma: Bool {
        get { commaBits & 1 != 0 }
        set { commaBits = newValue ? commaBits | 1 : commaBits & ~1 }
    }

    mutating func beforeValue() {
        if needsComma { raw(",") }
        needsComma = true
        if indent > 0 { newline() }
    }

    mutating func beginObject() { beforeValue(); open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { beforeValue(); open(0x5B) }
    mutating func endArray() { close(0x5D) }

    mutating func open(_ bracket: UInt8) {
        precondition(indent < 63, "JSON nested too deeply")
        reserve(1)
        put(bracket)
        indent += 1
        commaBits <<= 1
    }

    mutating func close(_ bracket: UInt8) {
        let hadItems = needsComma
        commaBits >>= 1
        indent -= 1
        if hadItems { newline() }
        reserve(1)
        put(bracket)
    }

    /// An object key; the value follows with the next call.
    mutating func key(_ key: String) {
        beforeValue()
        appendQuoted(key)
        if pretty { raw(": ") } else { raw(":") }
        needsComma = false
        // The value must not add a comma or newline of its own.
        suppressNext = true
    }

    mutating func string(_ value: String?) {
        valuePrefix()
        if let value { appendQuoted(value) } else { raw("null") }
    }

    mutating func int(_ value: Int?) {
        valuePrefix()
        if let value { appendInt(value) } else { raw("null") }
    }

    mutating func bool(_ value: Bool) {
        valuePrefix()
        raw(value ? "true" : "false")
    }

    mutating func valuePrefix() {
        if suppressNext {
            suppressNext = false
            needsComma = true
        } else {
            beforeValue()
        }
    }

    mutating func beginObjectValue() {
        if suppressNext { suppressNext = false; needsComma = true; open(0x7B) } else { beginObject() }
    }

    mutating func beginArrayValue() {
        if suppressNext { suppressNext = false; needsComma = true; open(0x5B) } else { beginArray() }
    }

    /// `key: "value"` pairs of a string map, keys sorted.
    mutating func stringMap(_ map: [(String, String?)]) {
        beginObjectValue()
        for (k, v) in map.sorted(by: { $0.0.precedesExactly($1.0) }) {  // code points, as Python's sort_keys
            key(k)
            string(v)
        }
        endObject()
    }
}
