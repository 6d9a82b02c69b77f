import ProfileIndex

/// `sw doctor`'s output: the findings grouped by severity for people, or as a JSON array.
enum DoctorReport {
    static func json(_ findings: [Problem], into w: inout JSONWriter) {
        w.beginArray()
        for f in findings {
            w.beginObject()
            w.key("file"); w.string(f.location?.file)
            w.key("fix"); w.string(f.fix?.text)
            w.key("id"); w.string(f.code.rawValue)
            w.key("line"); w.int(f.location.flatMap { $0.line > 0 ? $0.line : nil })
            w.key("message"); w.string(f.message)
            w.key("predicts"); w.string(f.predicts)
            w.key("profile"); w.string(f.profile)
            w.key("session"); w.string(f.session)
            w.key("severity"); w.string(f.severity.rawValue)
            w.endObject()
        }
        w.endArray()
    }

    /// The text's lines, split on its UTF-8 bytes: splitting by Character walks grapheme
    /// boundaries and was most of `sw doctor`'s time on a large home. CR LF is one Character,
    /// so text with a CR keeps the Character split (the same lines either way without one).
    static func lines(_ text: String) -> [Substring] {
        if text.utf8.contains(0x0D) { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    static func human(_ findings: [Problem], scope: String, color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = ""
        for severity in Problem.Severity.allCases {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            let title = severity == .error ? "errors" : severity == .warning ? "warnings" : "info"
            let tint = severity == .error ? "1;31" : severity == .warning ? "1;33" : "1;36"
            out += paint("\(title) (\(group.count))", tint) + "\n"
            for f in group {
                var place: [String] = []
                if let p = f.profile { place.append("profile \(p)") }
                if let s = f.session { place.append("sso-session \(s)") }
                if let l = f.location { place.append(l.line > 0 ? l.description : l.file) }
                out += "  " + paint(f.severity.rawValue.padding(8), tint) + paint(f.code.rawValue, "1") + "  " + place.joined(separator: "  ") + "\n"
                out += "    " + f.message.replacingNewlines + "\n"
                if let predicts = f.predicts {
                    let stage = switch f.stage {
                    case .login?: "aws sso login would say"
                    case .tool?: "tsh would say"
                    default: "AWS CLI / SDK would say"
                    }
                    out += "    \(stage): \(predicts)\n"
                }
                if let fix = f.fix?.text {
                    let fixLines = lines(fix)
                    out += "    " + paint("fix:", "1") + " " + fixLines[0] + "\n"
                    for line in fixLines.dropFirst() { out += "         " + line + "\n" }
                }
            }
            out += "\n"
        }
        let counts = Problem.Severity.allCases.map { s -> String in
            let n = findings.filter { $0.severity == s }.count
            let word = s == .error ? "error" : s == .warning ? "warning" : "info"
            return "\(n) \(word)\(n == 1 || s == .info ? "" : "s")"
        }
        out += "sw doctor: \(counts.joined(separator: ", ")) (\(scope) checked)\n"
        return out
    }
}
