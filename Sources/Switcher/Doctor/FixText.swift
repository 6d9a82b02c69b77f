import ProfileIndex
import ShellHooks

extension Fix {
    /// The fix as `sw doctor` prints it: prose as written, each command word shown as a POSIX
    /// shell reads it back (ShellQuoting.display), edits as `FILE:LINE: key = value`.
    var text: String {
        var out = ""
        for part in parts {
            switch part {
            case .prose(let words):
                out += words
            case .command(let words):
                out += words.map(Fix.shown).joined(separator: " ")
            case .export(let name, let value):
                out += "export \(name)=" + Fix.shown(value)
            case .appendLine(let line, let file):
                out += "echo " + ShellQuoting.display(line) + " >> " + file
            case .setKey(let location, let key, let value):
                out += "\(location): \(key) = \(value)"
            case .addKey(let key, let value, let section, let location):
                out += "add \(key) = \(value) to [\(section)] (\(location))"
            case .deleteKey(let location, let key):
                out += "\(location): delete the \(key) line"
            case .addSection(let file, let header, let lines, let note):
                out += "add to \(file)\(note.map { " (\($0))" } ?? ""):\n[\(header)]\n" + lines.joined(separator: "\n")
            case .addSwConfigSection(let file, let header, let lines, let effect):
                out += "in sw's config \(file) (\(effect)):\n[\(header)]\n" + lines.joined(separator: "\n")
            }
        }
        return out
    }

    private static func shown(_ word: Word) -> String {
        switch word {
        case .value(let value): ShellQuoting.display(value)
        case .placeholder(let text): text
        }
    }
}
