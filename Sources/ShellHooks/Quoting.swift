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

    /// A word for people to read and copy into a POSIX shell (a fix `sw doctor` proposes, the
    /// `aws sso login` command sw suggests): left as it is when every byte is one no shell treats
    /// specially, else single-quoted as for bash. `%` counts as special: fish expands `%self`.
    public static func display(_ word: String) -> String {
        if !word.isEmpty && word.utf8.allSatisfy(isPlain) { return word }
        return quote(word, for: .bash)
    }

    /// Words joined by spaces, each as `display` shows it.
    public static func display(command words: [String]) -> String {
        words.map(display).joined(separator: " ")
    }

    /// ASCII letters, digits and `-_./:@+=,`.
    private static func isPlain(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x2F || b == 0x3A || b == 0x40 || b == 0x2B || b == 0x3D || b == 0x2C
    }

    private static let singleQuote = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")
}
