import Testing
import ShellHooks

/// Expected words, direnv style: input → exactly what `quote` must produce. bash and zsh share
/// POSIX single quoting; fish escapes `\` and `'` inside single quotes.
enum QuotingTable {
    static let posix: [(String, String)] = [
        ("", "''"),
        ("dev", "'dev'"),
        ("it's", #"'it'\''s'"#),
        ("'", #"''\'''"#),
        (#"a\b"#, #"'a\b'"#),
        (#"end\"#, #"'end\'"#),
        (#"\'"#, #"'\'\'''"#),
        ("$(touch x)", "'$(touch x)'"),
        ("`x`", "'`x`'"),
        ("a b\tc\nd", "'a b\tc\nd'"),
        ("é🦊", "'é🦊'"),
        ("'\u{301}", "'" + #"'\''"# + "\u{301}'"),
    ]

    static let fish: [(String, String)] = [
        ("", "''"),
        ("dev", "'dev'"),
        ("it's", #"'it\'s'"#),
        ("'", #"'\''"#),
        (#"a\b"#, #"'a\\b'"#),
        (#"end\"#, #"'end\\'"#),
        (#"\'"#, #"'\\\''"#),
        ("$(touch x)", "'$(touch x)'"),
        ("(touch x)", "'(touch x)'"),
        ("a b\tc\nd", "'a b\tc\nd'"),
        ("é🦊", "'é🦊'"),
        ("'\u{301}", #"'\'"# + "\u{301}'"),
    ]
}

@Suite("ShellQuoting")
struct QuotingTests {
    @Test("bash quoting matches the table", arguments: QuotingTable.posix)
    func bash(value: String, expected: String) {
        #expect(ShellQuoting.quote(value, for: .bash) == expected)
    }

    @Test("zsh quoting matches the table", arguments: QuotingTable.posix)
    func zsh(value: String, expected: String) {
        #expect(ShellQuoting.quote(value, for: .zsh) == expected)
    }

    @Test("fish quoting matches the table and never uses POSIX rules", arguments: QuotingTable.fish)
    func fish(value: String, expected: String) {
        #expect(ShellQuoting.quote(value, for: .fish) == expected)
    }
}
