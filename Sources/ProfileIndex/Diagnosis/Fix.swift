/// How to fix a finding, as data: commands as their words, lines to set or add at a place in a
/// file, and prose between them. ProfileIndex knows no shell: the `sw` executable renders a fix,
/// quoting each command word for a POSIX shell where it needs it.
///
/// A fix is a sequence of parts read one after the other (`sw use NAME   (or: unset VAR)` is a
/// command, prose, a command, prose), so any sentence can carry a command in its middle.
public struct Fix: Sendable, Hashable, ExpressibleByStringInterpolation {
    public enum Part: Sendable, Hashable {
        /// Words for people, shown as they are.
        case prose(String)
        /// A command to run, by its words.
        case command([Word])
        /// Give a variable of the user's shell a value (`export NAME=value`).
        case export(name: String, value: Word)
        /// Append one line to a file (an rc file loading sw's shell function). The file is shown
        /// as it is, as sw has always shown it.
        case appendLine(String, file: String)
        /// Set `key` to `value` on the line at `location` (`FILE:LINE: key = value`).
        case setKey(at: SourceLocation, key: String, value: String)
        /// Add `key = value` to the section named `section` (its header without brackets), which
        /// starts at `location`.
        case addKey(key: String, value: String, section: String, at: SourceLocation)
        /// Delete the line at `location`, which sets `key`.
        case deleteKey(at: SourceLocation, key: String)
        /// A section to add to a file: its header (without brackets) and its lines, a `; comment`
        /// among them; `note` says why this file.
        case addSection(file: String, header: String, lines: [String], note: String? = nil)
        /// A section to add to sw's own config, and what sw then does with it.
        case addSwConfigSection(file: String, header: String, lines: [String], effect: String)
    }

    /// One word of a command.
    public enum Word: Sendable, Hashable, ExpressibleByStringLiteral {
        /// A value: shown quoted when a shell would otherwise read it differently.
        case value(String)
        /// What the user fills in (`<region>`), shown as it is.
        case placeholder(String)

        public init(stringLiteral value: String) { self = .value(value) }
    }

    public var parts: [Part]

    public init(_ parts: [Part]) { self.parts = parts }

    /// A fix that is prose only.
    public init(_ prose: String) { parts = [.prose(prose)] }

    public init(stringLiteral value: String) { parts = [.prose(value)] }

    public init(stringInterpolation: DefaultStringInterpolation) {
        parts = [.prose(String(stringInterpolation: stringInterpolation))]
    }

    public static func command(_ words: [Word]) -> Fix { Fix([.command(words)]) }

    /// The fix's text when it is prose only (the index's own findings), else nil.
    public var prose: String? {
        var text = ""
        for part in parts {
            guard case .prose(let words) = part else { return nil }
            text += words
        }
        return text
    }

    public static func + (a: Fix, b: Fix) -> Fix { Fix(a.parts + b.parts) }

    /// Fixes one after the other, joined by `separator`.
    public static func joined(_ fixes: [Fix], separator: String) -> Fix {
        var parts: [Part] = []
        for (i, fix) in fixes.enumerated() {
            if i > 0 { parts.append(.prose(separator)) }
            parts += fix.parts
        }
        return Fix(parts)
    }
}
