/// Bounds-checked reads from a snapshot's bytes (SnapshotFormat); any read past the end throws.
/// Every field is trivial (no reference counting), since a reader is made for each record and
/// string.
struct SnapshotReader {
    let buffer: UnsafeRawBufferPointer
    var offset: Int
    /// Where the string table is.
    let table: (offset: Int, count: Int)
    /// StringMemo's buffer, used while its owner holds the lock (a plain pointer: no retain and
    /// release of the memo on each of ~70,000 strings), followed by the two AWS files' paths.
    /// Without one, strings are made anew on each read.
    let memo: UnsafeMutablePointer<String?>?

    init(_ buffer: UnsafeRawBufferPointer, at offset: Int, table: (offset: Int, count: Int) = (0, 0),
         memo: UnsafeMutablePointer<String?>? = nil) {
        self.buffer = buffer
        self.offset = offset
        self.table = table
        self.memo = memo
    }

    mutating func u32() throws(SnapshotDamaged) -> Int {
        guard offset >= 0, offset + 4 <= buffer.count else { throw SnapshotDamaged() }
        defer { offset += 4 }
        return Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// A count of items that follow, each at least `bytesEach` long: a count the rest of the
    /// snapshot cannot hold is damage, not a reason to allocate.
    mutating func count(bytesEach: Int = 4) throws(SnapshotDamaged) -> Int {
        let n = try u32()
        guard n <= (buffer.count - offset) / bytesEach else { throw SnapshotDamaged() }
        return n
    }

    /// A count, then that many items of `bytesEach` bytes: where they start, and the count.
    mutating func area(bytesEach: Int) throws(SnapshotDamaged) -> (offset: Int, count: Int) {
        let n = try count(bytesEach: bytesEach)
        defer { offset += n * bytesEach }
        return (offset, n)
    }

    /// The bytes of the next raw string, without making a String.
    mutating func strBytes() throws(SnapshotDamaged) -> UnsafeRawBufferPointer {
        let count = try u32()
        guard count <= buffer.count - offset else { throw SnapshotDamaged() }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
    }

    mutating func rawStr() throws(SnapshotDamaged) -> String {
        String(decoding: try strBytes(), as: UTF8.self)
    }

    /// A string from the table.
    mutating func str() throws(SnapshotDamaged) -> String {
        try string(try u32())
    }

    mutating func optStr() throws(SnapshotDamaged) -> String? {
        let id = try u32()
        return id == SnapshotFormat.none ? nil : try string(id)
    }

    /// String `id` of the table, made once per snapshot when there is a memo.
    func string(_ id: Int) throws(SnapshotDamaged) -> String {
        guard id < table.count else { throw SnapshotDamaged() }
        guard let memo else { return try SnapshotReader.text(id, in: buffer, table: table).string }
        if let s = memo[id] { return s }
        let s = try SnapshotReader.text(id, in: buffer, table: table).string
        memo[id] = s
        return s
    }

    /// A location from its two words (RecordLayout.configFile, ...).
    func location(file: Int, line: Int) throws(SnapshotDamaged) -> SourceLocation {
        switch file {
        case RecordLayout.configFile, RecordLayout.credentialsFile:
            guard let path = memo?[table.count + file] else { throw SnapshotDamaged() }
            return SourceLocation(file: path, line: line)
        default: return SourceLocation(file: try string(file - RecordLayout.otherFile), line: line)
        }
    }

    /// String `id` of the table, read in place. The table's offsets were bounds-checked when the
    /// snapshot was opened; the entry they lead to is checked here.
    static func text(_ id: Int, in buffer: UnsafeRawBufferPointer, table: (offset: Int, count: Int)) throws(SnapshotDamaged) -> SnapshotText {
        guard id < table.count else { throw SnapshotDamaged() }
        let entry = Int(buffer.loadUnaligned(fromByteOffset: table.offset + 4 * id, as: UInt32.self).littleEndian)
        guard entry <= buffer.count - 8 else { throw SnapshotDamaged() }
        let tag = buffer.loadUnaligned(fromByteOffset: entry, as: UInt32.self).littleEndian
        let count = Int(buffer.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self).littleEndian)
        guard count <= buffer.count - entry - 8 else { throw SnapshotDamaged() }
        return SnapshotText(UnsafeRawBufferPointer(rebasing: buffer[(entry + 8)..<(entry + 8 + count)]), tag: tag)
    }
}

/// The Strings made from a snapshot's string table, by number, then the config and credentials
/// paths (locations name them by file code). Used only under Snapshot's lock.
final class StringMemo: @unchecked Sendable {
    /// A plain buffer: an array in a class costs an exclusivity check on every access, and
    /// `sw list` makes ~70,000 of them for 5,000 profiles.
    let values: UnsafeMutablePointer<String?>
    let count: Int

    init(count: Int, files: (config: String, credentials: String)) {
        self.count = count + 2
        values = .allocate(capacity: count + 2)
        values.initialize(repeating: nil, count: count)
        (values + count).initialize(to: files.config)
        (values + count + 1).initialize(to: files.credentials)
    }

    deinit {
        values.deinitialize(count: count)
        values.deallocate()
    }
}
