/// Turns arbitrary text into one shell word that evaluates to exactly that text.
///
/// The value is always single-quoted, so nothing inside it is expanded: no `$`, backquote, glob,
/// brace, tilde or history expansion. The work is done on UTF-8 bytes, never on `Character`s: a
/// quote followed by a combining mark is one `Character` but still a quote to the shell.
public enum ShellQuoting {
    public static func quote(_ value: String, for shell: Shell) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 2)
        out.append(singleQuote)
        switch shell {
        case .bash, .zsh:
            // POSIX: nothing is special inside '…', and a quote cannot appear there at all, so
            // close the quotes, add an escaped quote, reopen: it's → 'it'\''s'.
            for byte in value.utf8 {
                if byte == singleQuote {
                    out.append(contentsOf: [singleQuote, backslash, singleQuote, singleQuote])
                } else {
                    out.append(byte)
                }
            }
        case .fish:
            // fish: inside '…' the two escapes \\ and \' are recognised, nothing else.
            for byte in value.utf8 {
                if byte == singleQuote || byte == backslash { out.append(backslash) }
                out.append(byte)
            }
        }
        out.append(singleQuote)
        return String(decoding: out, as: UTF8.self)
    }

    private static let singleQuote = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")
}
