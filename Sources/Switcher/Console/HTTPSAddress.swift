/// An https URL taken apart the way a browser takes it apart, for the two URLs `sw console`
/// builds on: a portal's start URL and a `--destination`. Only plain forms are accepted, so that
/// every parser that reads the link (sw, the browser, the portal's or console's redirect check)
/// sees the same host.
struct HTTPSAddress: Equatable, Sendable {
    /// Lower case: host names are case-insensitive, and the console checks are on this string.
    var host: String
    /// From the first `/` after the host up to `?` or `#`; empty when there is none.
    var path: String
    /// After `?`, up to `#`.
    var query: String?
    /// After `#`.
    var fragment: String?

    enum Problem: Error, Equatable {
        case notHTTPS
        case controlCharacter
        case backslash
        case userinfo
        case port(String)
        case badHost(String)

        /// Why, for a message: "it does not start with https://".
        var reason: String {
            switch self {
            case .notHTTPS: "it does not start with https://"
            case .controlCharacter: "it holds a control character (a tab, newline or the like)"
            case .backslash: "it holds a backslash, which browsers read as a slash"
            case .userinfo: "it has a user name before the host (user@host), which hides the real host"
            case .port(let port): "it names a port (:\(port)); only the standard https port is allowed"
            case .badHost(let host): host.isEmpty ? "it has no host name" : "'\(host)' is not a plain host name (letters, digits, hyphens, dots)"
            }
        }
    }

    /// The URL again, scheme and host in lower case, without a port.
    var text: String {
        var out = "https://" + host + path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    static func parse(_ text: String) -> Result<HTTPSAddress, Problem> {
        let bytes = Array(text.utf8)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return .failure(.controlCharacter) }
        let scheme = Array("https://".utf8)
        guard bytes.count >= scheme.count, zip(bytes, scheme).allSatisfy({ lowered($0) == $1 }) else { return .failure(.notHTTPS) }
        if bytes.contains(UInt8(ascii: "\\")) { return .failure(.backslash) }
        let afterScheme = bytes[scheme.count...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
            ?? afterScheme.endIndex
        let authority = String(decoding: afterScheme[..<authorityEnd], as: UTF8.self)
        if authority.utf8.contains(UInt8(ascii: "@")) { return .failure(.userinfo) }
        // An IP literal (`[::1]`) is no host name; its colons are not a port.
        if authority.utf8.contains(UInt8(ascii: "[")) { return .failure(.badHost(authority)) }
        var host = Substring(authority)
        if let colon = authority.lastIndex(of: ":") {
            let port = authority[authority.index(after: colon)...]
            // An empty port (`host:`) means the default to a browser; 443 is the default.
            guard port.isEmpty || port == "443" else { return .failure(.port(String(port))) }
            host = authority[..<colon]
        }
        let lowerHost = String(decoding: host.utf8.map(lowered), as: UTF8.self)
        guard isPlainHostName(lowerHost) else { return .failure(.badHost(String(host))) }

        var rest = Substring(String(decoding: bytes[authorityEnd...], as: UTF8.self))
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        return .success(HTTPSAddress(host: lowerHost, path: String(rest), query: query, fragment: fragment))
    }

    /// Whether `host` is `domain` or a name under it (`eu-west-1.console.aws.amazon.com` under
    /// `console.aws.amazon.com`; never `console.aws.amazon.com.evil.example`).
    func isHost(inDomain domain: String) -> Bool {
        host == domain || host.hasSuffix("." + domain)
    }

    /// DNS labels of ASCII letters, digits and inner hyphens, 1 to 63 each, joined by single dots:
    /// no IP literal, no percent-encoding, no trailing dot, no look-alike letters from other scripts.
    private static func isPlainHostName(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
            return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
