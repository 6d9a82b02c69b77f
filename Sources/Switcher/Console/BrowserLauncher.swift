import ProfileIndex

/// The program that opens a link in the user's browser, and starting it.
///
/// `$BROWSER` comes first, read as Python's `webbrowser` and xdg-utils' `xdg-open` read it: a
/// list of commands separated by `:`, tried in order. sw runs the first whose program is found on
/// PATH (or is an executable path). In a command, `%s` is replaced by the link; without one, the
/// link is added as the last argument. Words are split as a shell splits them (quotes allowed), but
/// no shell runs the command, so nothing in the link is ever read as shell code. Without a usable
/// `$BROWSER`: `xdg-open` (Linux and the BSDs) or `open` (macOS).
enum BrowserLauncher {
    /// A program and its arguments, the link among them.
    struct Command: Equatable, Sendable {
        /// The path to run.
        var program: String
        var arguments: [String]
    }

    /// The command to run for `url`, and a note for each `$BROWSER` entry passed over.
    static func choose(url: String, environment: [String: String], find: (String) -> String?) -> (command: Command?, notes: [String]) {
        var notes: [String] = []
        if let list = environment["BROWSER"], !list.isEmpty {
            var missing: [String] = []
            for entry in list.split(separator: ":").map(String.init) where entry.contains(where: { $0 != " " && $0 != "\t" }) {
                guard var words = shellWords(entry) else {
                    notes.append("BROWSER entry '\(entry)' has an unbalanced quote; it is passed over")
                    continue
                }
                // A trailing `&` asks Python's webbrowser to run the browser in the background;
                // sw always does.
                if words.last == "&" { words.removeLast() }
                guard let first = words.first else { continue }
                guard let program = find(first) else {
                    missing.append(first)
                    continue
                }
                let rest = words.dropFirst()
                let arguments = entry.contains("%s") ? rest.map { $0.replacing("%s", with: url) } : Array(rest) + [url]
                return (Command(program: program, arguments: arguments), notes)
            }
            if !missing.isEmpty {
                notes.append("no program BROWSER names was found on PATH (\(missing.joined(separator: ", "))); trying \(platformOpener)")
            }
        }
        if let program = find(platformOpener) {
            return (Command(program: program, arguments: [url]), notes)
        }
        return (nil, notes)
    }

    /// The desktop's own "open this" program.
    static var platformOpener: String {
        #if os(macOS)
        "open"
        #else
        "xdg-open"
        #endif
    }

    /// What provides the opener, for a message.
    static var platformOpenerSource: String {
        #if os(macOS)
        "open (part of macOS)"
        #else
        "xdg-utils (xdg-open)"
        #endif
    }

    /// `text` split into words as a POSIX shell splits a simple command: blanks separate words,
    /// single quotes keep everything, double quotes keep everything but a backslash before
    /// `$ \` " \\` and a newline, a backslash outside quotes keeps the next character. Nothing is
    /// expanded. nil for an unbalanced quote.
    static func shellWords(_ text: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "'" { closed = true; break }
                    word.append(q)
                }
                if !closed { return nil }
            case "\"":
                inWord = true
                var closed = false
                while let q = iterator.next() {
                    if q == "\"" { closed = true; break }
                    if q == "\\" {
                        guard let next = iterator.next() else { return nil }
                        if !"$`\"\\\n".contains(next) { word.append("\\") }
                        if next != "\n" { word.append(next) }
                        continue
                    }
                    word.append(q)
                }
                if !closed { return nil }
            case "\\":
                inWord = true
                if let next = iterator.next(), next != "\n" { word.append(next) }
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}

extension Context {
    /// Opens `url` in the user's browser, started on its own (sw neither waits for it nor lets it
    /// write on the terminal); says on stderr what it did, or why it did not. Never writes stdout.
    func openInBrowser(_ url: String) {
        let reach = browserReach
        if let reason = reach.reason {
            note("not opening a browser: \(reason); open the link sw printed on the machine you are at")
            return
        }
        let choice = BrowserLauncher.choose(url: url, environment: environment, find: findProgram)
        for line in choice.notes { note(line) }
        guard let command = choice.command else {
            note("no program to open the link with: set BROWSER to your browser's command (BROWSER=firefox) "
                + "or install \(BrowserLauncher.platformOpenerSource); the link is on stdout")
            return
        }
        do {
            try processes.startDetached(command.program, command.arguments, environment: environment)
            note("opening the console with \(command.program)")
        } catch let failure as FileError {
            warn("cannot start \(command.program): \(failure); open the link sw printed yourself")
        } catch {
            warn("cannot start \(command.program); open the link sw printed yourself")
        }
    }
}
