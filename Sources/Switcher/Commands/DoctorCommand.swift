import ArgumentParser
import ProfileIndex

extension SwitcherCommand {
    struct Doctor: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Find what is broken in your AWS setup, predict the error the AWS CLI would show, and say how to fix it.",
            discussion: "Exits 1 when there is at least one error, 0 otherwise.")

        @Argument(help: "Check only what this profile depends on (its source_profile chain, sso-session, token).",
                  completion: ProfileNameCompletion.kind)
        var name: String?

        @Flag(help: "Print a JSON array of findings (keys: fix, file, id, line, message, predicts, profile, session, severity).")
        var json = false

        func run(_ context: Context) throws {
            let paths = context.paths
            let index = Index.load(paths: paths, fileSystem: LocalFileSystem())
            if let name, index.profile(named: name) == nil, !index.isRefusedByBotocore {
                throw SwitcherError.unknownProfile(name, in: index)
            }
            let usesSSO = name.map { index.profile(named: $0).flatMap(index.effectiveLoginKey(of:))?.isSSO == true }
                ?? index.logins.keys.contains(where: \.isSSO)
            let awsCLI = AWSCLIProbe.probe(in: context, needVersion: usesSSO)
            let facts = DoctorFacts.gather(environment: context.environment, now: context.now, paths: paths, awsCLI: awsCLI)
            let findings = ProfileIndex.Doctor.diagnose(index, facts: facts, profile: name)
            if json {
                var writer = context.jsonWriter()
                Self.json(findings, into: &writer)
                context.stdout.write(writer)
            } else {
                let scope = name.map { "profile \($0)" } ?? "\(index.profiles.count) profile\(index.profiles.count == 1 ? "" : "s"), \(index.ssoSessions.count) sso-session\(index.ssoSessions.count == 1 ? "" : "s")"
                context.stdout.write(Self.human(findings, scope: scope, color: context.colorStdout))
            }
            if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }

        static func json(_ findings: [Problem], into w: inout JSONWriter) {
            w.beginArray()
            for f in findings {
                w.beginObject()
                w.key("file"); w.string(f.location?.file)
                w.key("fix"); w.string(f.fix)
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
                        case .region?: "AWS CLI / SDK would say"
                        default: "AWS CLI / SDK would say"
                        }
                        out += "    \(stage): \(predicts)\n"
                    }
                    if let fix = f.fix {
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
}
