import ArgumentParser
import ProfileIndex

extension SwitcherCommand {
    struct List: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List every profile: account, role, region, SSO session and who generated it.")

        enum SortKey: String, ExpressibleByArgument, CaseIterable {
            case name, account, role, region, session, origin

            // As for Shell (Arguments/ShellOption.swift): the raw values, without argument-parser's lookups.
            var defaultValueDescription: String { rawValue }
            static var allValueStrings: [String] { allCases.map(\.rawValue) }
            static var allValueDescriptions: [String: String] { [:] }
        }

        @Flag(help: "Print a JSON array of profile objects (sorted keys, secrets redacted).")
        var json = false

        @Flag(help: "Print one profile name per line (for completion).")
        var names = false

        @Option(help: "Sort by \(SortKey.allCases.map(\.rawValue).joined(separator: ", ")); ties by name.")
        var sort: SortKey = .name

        @Argument(help: "Show only profiles whose name, account, role or session contains every term (case-insensitive).")
        var terms: [String] = []

        func validate() throws {
            if json && names { throw ValidationError("--json and --names cannot be combined") }
        }

        func run(_ context: Context) throws {
            let index = try context.loadUsableIndex()
            if names && terms.isEmpty && sort == .name {
                // Completion runs this on every Tab: names come from the header scan alone.
                context.stdout.write(index.profileNames.map { $0 + "\n" }.joined())
                context.reportFileProblems(index)
                return
            }
            let logins = LoginStates(index: index, context: context)
            if json && terms.isEmpty && sort == .name, let records = index.profileRecords {
                // Every profile, in name order, read in place from the snapshot.
                writeJSON(records, count: records.count, record: records.record(at:), logins: logins, context)
                context.reportFileProblems(index)
                return
            }
            // Without terms the index's own array is used as is (filtering would copy 5,000 profiles).
            var profiles = terms.isEmpty ? index.profiles : index.profiles.filter { matches($0) }
            if sort != .name {
                let key: (Profile) -> String = switch sort {
                case .name: \.name
                case .account: { $0.accountName ?? $0.accountID ?? "\u{10FFFF}" }
                case .role: { $0.roleName ?? "\u{10FFFF}" }
                case .region: { $0.region ?? "\u{10FFFF}" }
                case .session: { $0.ssoSession ?? $0.ssoStartURL ?? "\u{10FFFF}" }
                case .origin: \.origin.rawValue
                }
                profiles.sort { (key($0), $0.name) < (key($1), $1.name) }
            }
            if names {
                context.stdout.write(profiles.map { $0.name + "\n" }.joined())
            } else if json {
                writeJSON(index, count: profiles.count, record: { profiles[$0] }, logins: logins, context)
            } else {
                var table = Table(headers: ["NAME", "ACCOUNT", "ROLE", "REGION", "SESSION", "LOGIN", "ORIGIN"], color: context.colorStdout)
                for p in profiles {
                    let account = [p.accountName, p.accountID].compactMap { $0 }.joined(separator: " ")
                    table.rows.append([p.name, account.isEmpty ? nil : account, p.roleName, p.region,
                                       p.ssoSession ?? p.ssoStartURL, logins.status(of: p).map(logins.summary),
                                       p.origin.rawValue])
                }
                context.stdout.write(table.render())
            }
            context.reportFileProblems(index)
        }

        /// A JSON array of `count` profiles, streamed: a 5,000-profile list is 5 MB of JSON, which
        /// need not sit in memory.
        private func writeJSON<Source: ProfileSource>(_ source: Source, count: Int, record: (Int) -> Source.Fields,
                                                      logins: LoginStates, _ context: Context) where Source.Fields.Text: JSONText {
            var writer = context.jsonWriter()
            var renderer = ProfileJSON(source, logins: logins)
            writer.beginArray()
            for i in 0..<count {
                renderer.write(record(i), to: &writer)
                if writer.count >= 1 << 16 { writer.flush(to: context.stdout) }
            }
            writer.endArray()
            context.stdout.write(writer)
        }

        private func matches(_ p: Profile) -> Bool {
            guard !terms.isEmpty else { return true }
            let haystack = [p.name, p.accountID, p.accountName, p.roleName, p.ssoSession].compactMap { $0 }
                .joined(separator: " ").lowercased()
            return terms.allSatisfy { haystack.contains($0.lowercased()) }
        }
    }
}
