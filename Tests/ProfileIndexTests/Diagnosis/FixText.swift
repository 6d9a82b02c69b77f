@testable import ProfileIndex

// The `sw` executable renders a Fix, quoting command words for a shell (SwitcherTests pins
// that). These tests read what a fix says: words shown as written, which is what the executable
// prints for words that need no quoting, as every word in these tests.
extension Fix {
    var plainText: String {
        parts.map { part -> String in
            switch part {
            case .prose(let text): text
            case .command(let words): words.map(\.plain).joined(separator: " ")
            case .export(let name, let value): "export \(name)=\(value.plain)"
            case .appendLine(let line, let file): "echo '\(line)' >> \(file)"
            case .setKey(let at, let key, let value): "\(at): \(key) = \(value)"
            case .addKey(let key, let value, let section, let at): "add \(key) = \(value) to [\(section)] (\(at))"
            case .deleteKey(let at, let key): "\(at): delete the \(key) line"
            case .addSection(let file, let header, let lines, let note):
                "add to \(file)\(note.map { " (\($0))" } ?? ""):\n[\(header)]\n" + lines.joined(separator: "\n")
            case .addSwConfigSection(let file, let header, let lines, let effect):
                "in sw's config \(file) (\(effect)):\n[\(header)]\n" + lines.joined(separator: "\n")
            }
        }.joined()
    }
}

extension Fix.Word {
    var plain: String {
        switch self {
        case .value(let v), .placeholder(let v): v
        }
    }
}

extension Problem {
    /// The fix as words, nil when there is none.
    var fixText: String? { fix?.plainText }
}
