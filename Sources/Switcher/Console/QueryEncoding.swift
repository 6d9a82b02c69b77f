/// Percent-encoding for a value put in a URL's query or fragment query.
enum QueryEncoding {
    /// `value` with every byte of its UTF-8 except RFC 3986's unreserved characters
    /// (`A-Z a-z 0-9 - . _ ~`) written as `%XX`. Stricter than a browser needs: role names may hold
    /// `+ = , @`, which a query decoder could read as a space or a separator, and a destination's
    /// own `? & # %` must stay inside the one parameter.
    static func encode(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `name=value&…` with each value encoded; names are sw's own and need none.
    static func query(_ items: [(name: String, value: String)]) -> String {
        items.map { "\($0.name)=\(encode($0.value))" }.joined(separator: "&")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
