/// Values a profile name or a variable could carry that would run code, split, glob, expand or be
/// mangled if quoting were wrong. Several try to create the file `CANARY` in the working folder.
public enum HostileValues {
    public static let all: [String] = [
        "",
        "dev",
        "it's",
        "'",
        "''",
        "\"double\"",
        "$(touch CANARY)",
        "`touch CANARY`",
        "'$(touch CANARY)'",
        "'; touch CANARY; '",
        "\"; touch CANARY; \"",
        "(touch CANARY)",             // fish command substitution
        "\\",
        "trailing\\",
        "\\'",
        "\\\\'",
        "\\'; touch CANARY; '",       // closes a fish string quoted with POSIX rules
        "x\\\\'; touch CANARY; #",
        "a;b|c&d>e<f",
        "*",
        "?",
        "[a]",
        "{a,b}",
        "~",
        "~root/x",
        "!",
        "!!",
        "%",
        "%s%n%d",
        "#not a comment",
        "  two  spaces  ",
        "tab\there",
        "new\nline",
        "ends with newline\n",
        "\n\n",
        "carriage\rreturn",
        "-leading-dash",
        "--",
        "-e",
        "$HOME",
        "${IFS}",
        "$((1+1))",
        "=ls",                        // zsh EQUALS expansion
        "^x",                         // zsh extended glob
        "a=b",
        "é",
        "🦊 profile",
        "RTL \u{202E}abc עברית",
        "it'\u{301}s; touch CANARY; '", // a quote with a combining mark is one Character
        "\u{F600}\u{F6FF}",           // fish's private range for undecodable bytes
        "\u{1B}[31mred\u{7}",
        "\u{1}\u{7F}",
        String(repeating: "x'\\$`é", count: 100_000 / 8), // about 100 kB
    ]
}
