import ArgumentParser
import ShellHooks

/// Tab completion of profile names, for argument-parser's generated completion scripts (the ones
/// `sw --generate-completion-script SHELL` prints, `sw init` embeds and `make install` installs).
/// The script runs `sw ---completion …` on Tab, which calls this with the words typed so far.
enum ProfileNameCompletion {
    static let kind = CompletionKind.custom { _, _, _ in
        guard let context = Context.running else { return [] }
        return candidates(context.loadIndex().profileNames, for: CompletionShell.requesting)
    }

    /// Each name as the requesting shell's generated script needs it to come out as exactly that
    /// name on the command line:
    /// - bash: the script filters with `compgen -W`, which expands each word like a shell word
    ///   (a name `$(cmd)` would run cmd, quotes would vanish), and puts what survives on the line
    ///   as it is: readline's filename quoting (`-o filenames`) leaves backquotes and a leading
    ///   `$` unquoted, so the embedded and installed scripts are registered without it
    ///   (scripts/embed-shell-scripts.py). Each candidate is the name with every special
    ///   character backslash-escaped for the line, single-quoted so `compgen` expands it to
    ///   exactly that.
    /// - zsh: the script passes `name:description` pairs to `_describe`, which splits at an
    ///   unescaped colon; `\` and `:` are escaped so a name with a colon stays whole.
    /// - fish: one candidate per line, taken literally and quoted by fish when inserted.
    static func candidates(_ names: [String], for shell: CompletionShell?) -> [String] {
        switch shell {
        case .bash?:
            return names.map { ShellQuoting.quote(escapedForBashLine($0), for: .bash) }
        case .zsh?:
            return names.map { $0.replacing("\\", with: "\\\\").replacing(":", with: "\\:") }
        default:
            return names
        }
    }

    /// The name as one word of a bash command line (as `printf %q` writes it for such names):
    /// a backslash before every byte that is not a letter, a digit or one of `-_./+@%,:=`.
    private static let plainPunctuation = Array("-_./+@%,:=".utf8)

    static func escapedForBashLine(_ name: String) -> String {
        var out: [UInt8] = []
        for byte in name.utf8 {
            let plain = byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || plainPunctuation.contains(byte)
            if !plain { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
