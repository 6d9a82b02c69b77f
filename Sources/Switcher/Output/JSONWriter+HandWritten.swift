import ProfileIndex

/// The parts of `JSONWriter` that `sw list --json` writes a profile with by hand: members,
/// separators and values without the structure checks, and the escaping every string goes through.
extension JSONWriter {
    // MARK: - Values without structure (callers write separators)

    /// Begins a member of an object being written by hand at `depth` (its own members' depth):
    /// a comma unless it is the first, the newline and indentation, then the key, which is
    /// `"name":` as a literal (the space after the colon is added in pretty mode).
    @inline(__always)
    mutating func member(_ quotedKeyColon: StaticString, first: Bool, depth: Int) {
        separator(first: first, depth: depth)
        raw(quotedKeyColon)
        if pretty { raw(" ") }
    }

    /// A comma unless first, then in pretty mode a newline indented to `depth`.
    @inline(__always)
    mutating func separator(first: Bool, depth: Int) {
        if !first { raw(",") }
        if pretty { newline(depth: depth) }
    }

    /// Ends a container written by hand whose members sat at `depth + 1`.
    @inline(__always)
    mutating func closeHand(_ bracket: StaticString, hadItems: Bool, depth: Int) {
        if hadItems && pretty { newline(depth: depth) }
        raw(bracket)
    }

    /// Starts a value written by hand at the current position: the comma and newline an array
    /// element needs, or nothing after a key. Returns the depth its members sit at.
    mutating func beginHandValue() -> Int {
        valuePrefix()
        return indent + 1
    }

    @inline(__always)
    mutating func rawString(_ value: String?) {
        if let value { appendQuoted(value) } else { raw("null") }
    }

    mutating func rawInt(_ value: Int?) {
        if let value { appendInt(value) } else { raw("null") }
    }

    /// `"file:line"`, as `SourceLocation.description` would be quoted, without building it.
    mutating func rawLocation(_ location: SourceLocation) {
        reserve(1)
        put(0x22)
        appendEscapedPath(location.file)
        reserve(22)
        put(0x3A)
        appendInt(location.line)
        put(0x22)
    }

    /// A file path, quoted; see `appendEscapedPath`.
    mutating func rawPath(_ path: String?) {
        guard let path else { raw("null"); return }
        reserve(1)
        put(0x22)
        appendEscapedPath(path)
        reserve(1)
        put(0x22)
    }

    /// Escapes a file path, remembering the last one: a profile list names the same one or two
    /// files in every location.
    mutating func appendEscapedPath(_ path: String) {
        if path == lastPath {
            lastPathEscaped.withUnsafeBytes { b in
                reserve(b.count)
                put(b)
            }
            return
        }
        let start = count
        appendEscaped(path)
        lastPath = path
        lastPathEscaped = bytes(from: start)
    }

    /// UTF-8 text (already checked valid), quoted; `plain` when it has nothing to escape.
    @inline(__always)
    mutating func rawText(_ utf8: UnsafeRawBufferPointer, plain: Bool) {
        guard plain else {
            reserve(1)
            put(0x22)
            appendEscaped(utf8.assumingMemoryBound(to: UInt8.self))
            reserve(1)
            put(0x22)
            return
        }
        reserve(utf8.count + 2)
        put(0x22)
        put(utf8)
        put(0x22)
    }

    /// A file path read in place, quoted; see `appendEscapedPath`.
    mutating func rawPath(_ utf8: UnsafeRawBufferPointer) {
        reserve(1)
        put(0x22)
        appendEscapedPath(utf8)
        reserve(1)
        put(0x22)
    }

    /// `"file:line"` for a path read in place.
    mutating func rawLocation(_ file: UnsafeRawBufferPointer, line: Int) {
        reserve(1)
        put(0x22)
        appendEscapedPath(file)
        reserve(22)
        put(0x3A)
        appendInt(line)
        put(0x22)
    }

    /// A path read in place is the same bytes at the same address every time it is named.
    mutating func appendEscapedPath(_ utf8: UnsafeRawBufferPointer) {
        if pathsByAddress.0.isAt(utf8) { return rawBytes(pathsByAddress.0.escaped) }
        if pathsByAddress.1.isAt(utf8) {
            swap(&pathsByAddress.0, &pathsByAddress.1)
            return rawBytes(pathsByAddress.0.escaped)
        }
        let start = count
        appendEscaped(utf8.assumingMemoryBound(to: UInt8.self))
        pathsByAddress = (PathEscaped(address: utf8.baseAddress, count: utf8.count, escaped: bytes(from: start)), pathsByAddress.0)
    }

    /// Bytes already valid as JSON (a cached fragment).
    mutating func rawBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { b in
            reserve(b.count)
            put(b)
        }
    }

    /// The bytes written since `start` (a `count` taken earlier without a flush between).
    func bytes(from start: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    // MARK: - Numbers and strings

    mutating func appendInt(_ value: Int) {
        reserve(20)
        var magnitude = value.magnitude
        if value < 0 { put(0x2D) }
        // Line numbers are short: count digits by comparison, then write them from the end, two
        // at a time.
        var digits = 1
        var limit: UInt = 10
        while magnitude >= limit {
            digits += 1
            if digits == 20 { break }  // UInt.max has 20 digits; 10^20 does not fit.
            limit &*= 10
        }
        var at = base + count + digits
        count &+= digits
        let pairs = JSONWriter.digitPairs.utf8Start
        while magnitude >= 10 {
            let pair = Int(magnitude % 100)
            magnitude /= 100
            at -= 2
            at[0] = pairs[2 * pair]
            at[1] = pairs[2 * pair + 1]
        }
        if at > base + count - digits {
            at -= 1
            at.pointee = 0x30 + UInt8(truncatingIfNeeded: magnitude)
        }
    }

    /// "00" to "99".
    static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859606162636465666768697071727374757677787980\
        81828384858687888990919293949596979899
        """

    static let hex: StaticString = "0123456789abcdef"

    mutating func appendQuoted(_ s: String) {
        reserve(1)
        put(0x22)
        appendEscaped(s)
        reserve(1)
        put(0x22)
    }

    mutating func appendEscaped(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var s = s
            s.withUTF8 { appendEscaped($0) }
        }
    }

    /// Copies `utf8` escaping `"`, `\` and control characters (short forms for \n \r \t, else
    /// \u00XX). Eight bytes at a time: a word with none of those bytes is stored as it is.
    mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        guard n > 0, let src = utf8.baseAddress else { return }
        // The worst case, plus room for the last word's store of up to 7 bytes past the end.
        reserve(6 * n + 8)
        var out = base + count
        let raw = UnsafeRawPointer(src)
        guard n >= 8 else {
            for i in 0..<n { out = JSONWriter.escape(src[i], to: out) }
            count = out - base
            return
        }
        var i = 0
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if PlainBytes.isPlain(word: w) {
                UnsafeMutableRawPointer(out).storeBytes(of: w, as: UInt64.self)
                out += 8
            } else {
                for j in i..<(i + 8) { out = JSONWriter.escape(src[j], to: out) }
            }
            i += 8
        }
        let rest = n - i
        if rest > 0 {
            // The last `rest` bytes, from a load that ends at the end, padded with spaces.
            let shift = UInt64(8 * (8 - rest))
            let last = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> shift
            let w = last | (0x2020_2020_2020_2020 << UInt64(8 * rest))
            if PlainBytes.isPlain(word: w) {
                UnsafeMutableRawPointer(out).storeBytes(of: w, as: UInt64.self)
                out += rest
            } else {
                for j in i..<n { out = JSONWriter.escape(src[j], to: out) }
            }
        }
        count = out - base
    }

    @inline(__always)
    static func escape(_ b: UInt8, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if b >= 0x20 && b != 0x22 && b != 0x5C {
            out.pointee = b
            return out + 1
        }
        out[0] = 0x5C
        switch b {
        case 0x22: out[1] = 0x22; return out + 2
        case 0x5C: out[1] = 0x5C; return out + 2
        case 0x0A: out[1] = 0x6E; return out + 2
        case 0x0D: out[1] = 0x72; return out + 2
        case 0x09: out[1] = 0x74; return out + 2
        default:
            out[1] = 0x75; out[2] = 0x30; out[3] = 0x30
            out[4] = hex.utf8Start[Int(b >> 4)]
            out[5] = hex.utf8Start[Int(b & 0xF)]
            return out + 6
        }
    }
}
