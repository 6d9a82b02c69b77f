/// One line of the picker's history file: when, which profile was picked, and the query typed.
///
/// The line is `SECONDS<TAB>PROFILE<TAB>QUERY<LF>`; backslash, tab, newline and carriage return
/// inside the profile or query are written as `\\`, `\t`, `\n`, `\r`, so one entry is always
/// exactly one line. A line that does not have this shape is skipped when read.
public struct HistoryEntry: Sendable, Equatable {
    public var time: Double
    public var profile: String
    public var query: String

    public init(time: Double, profile: String, query: String) {
        self.time = time
        self.profile = profile
        self.query = query
    }

    public var line: String {
        "\(Int64(time.rounded(.down)))\t\(Self.escape(profile))\t\(Self.escape(query))\n"
    }

    /// Every well-formed line of `bytes`, in file order. A final line without its newline (a
    /// write still in progress, or cut off) is ignored.
    public static func parse(_ bytes: [UInt8]) -> [HistoryEntry] {
        var entries: [HistoryEntry] = []
        var lineStart = 0
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
            if let entry = parseLine(bytes[lineStart..<i]) { entries.append(entry) }
            lineStart = i + 1
        }
        return entries
    }

    static func parseLine(_ line: ArraySlice<UInt8>) -> HistoryEntry? {
        let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, !fields[0].isEmpty, fields[0].count <= 18,
              fields[0].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let seconds = Int64(String(decoding: fields[0], as: UTF8.self)),
              let profile = unescape(fields[1]), let query = unescape(fields[2])
        else { return nil }
        return HistoryEntry(time: Double(seconds), profile: profile, query: query)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func unescape(_ bytes: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaped = false
        for b in bytes {
            if escaped {
                switch b {
                case UInt8(ascii: "\\"): out.append(b)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                default: return nil
                }
                escaped = false
            } else if b == UInt8(ascii: "\\") {
                escaped = true
            } else if b == 13 {
                return nil
            } else {
                out.append(b)
            }
        }
        return escaped ? nil : String(decoding: out, as: UTF8.self)
    }
}
