import Foundation
import Testing
@testable import ProfileIndex

// What botocore and sw each make of one config/credentials pair, in one comparable shape.
// Conformance/botocore_oracle.py gives botocore's side; `ConfigOutcome(index)` gives sw's.

/// Text compared code point by code point, as Python compares `str`. (Swift's `String ==` is
/// canonical equivalence, which would hide a difference Python sees.)
struct PyText: Sendable, Hashable, Comparable, CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (a: PyText, b: PyText) -> Bool { a.text.unicodeScalars.elementsEqual(b.text.unicodeScalars) }
    func hash(into h: inout Hasher) { for s in text.unicodeScalars { h.combine(s.value) } }
    static func < (a: PyText, b: PyText) -> Bool {
        a.text.unicodeScalars.lexicographicallyPrecedes(b.text.unicodeScalars) { $0.value < $1.value }
    }
    /// Quoted, with invisible characters escaped, so a failure message shows what differs.
    var description: String { text.debugDescription }
}

enum ConfigValue: Sendable, Hashable, CustomStringConvertible {
    case string(PyText)
    case nested([PyText: PyText])

    var description: String {
        switch self {
        case .string(let s): return s.description
        case .nested(let map):
            return "{" + map.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

typealias SectionMap = [PyText: [PyText: ConfigValue]]

/// `Session().full_config` reduced to what sw models, or which file botocore refuses.
enum ConfigOutcome: Sendable, Equatable, CustomStringConvertible {
    case loaded(profiles: SectionMap, ssoSessions: SectionMap)
    /// `ConfigParseError` for this file: "config" or "credentials".
    case refused(file: String)

    var isLoaded: Bool { if case .loaded = self { return true } else { return false } }

    /// sw's side. Services sections are not part of it: `Index` does not expose them.
    init(_ index: Index) {
        if index.config.isRefusedByBotocore {
            self = .refused(file: "config")  // botocore reads (and reports) the config file first
        } else if index.credentials.isRefusedByBotocore {
            self = .refused(file: "credentials")
        } else {
            func map(_ settings: [Setting]) -> [PyText: ConfigValue] {
                var out: [PyText: ConfigValue] = [:]
                for s in settings {
                    let value: ConfigValue
                    switch s.value {
                    case .string(let v): value = .string(PyText(v))
                    case .nested(let entries):
                        var sub: [PyText: PyText] = [:]
                        for e in entries { sub[PyText(e.key)] = PyText(e.value) }
                        value = .nested(sub)
                    }
                    // Two settings with one key would be a model bug; show it rather than hide it.
                    let key = out[PyText(s.key)] == nil ? PyText(s.key) : PyText(s.key + " <DUPLICATE SETTING IN sw>")
                    out[key] = value
                }
                return out
            }
            var profiles: SectionMap = [:]
            for p in index.profiles {
                let key = profiles[PyText(p.name)] == nil ? PyText(p.name) : PyText(p.name + " <DUPLICATE PROFILE IN sw>")
                profiles[key] = map(p.settings)
            }
            var sessions: SectionMap = [:]
            for s in index.ssoSessions { sessions[PyText(s.name)] = map(s.settings) }
            self = .loaded(profiles: profiles, ssoSessions: sessions)
        }
    }

    /// botocore's side, from one case object of the oracle's JSON.
    init(oracle json: Any) throws {
        guard let object = json as? [String: Any], let ok = object["ok"] as? Bool else {
            throw OracleFailure("unexpected case object in the oracle output: \(json)")
        }
        guard ok else {
            guard object["error_type"] as? String == "ConfigParseError", let file = object["failed_file"] as? String else {
                throw OracleFailure("botocore failed in an unexpected way: \(object)")
            }
            self = .refused(file: file)
            return
        }
        func sections(_ key: String) throws -> SectionMap {
            guard let raw = object[key] as? [String: Any] else { throw OracleFailure("no \(key) in \(object)") }
            var out: SectionMap = [:]
            for (name, settings) in raw {
                guard let settings = settings as? [String: Any] else { throw OracleFailure("bad section \(name)") }
                var map: [PyText: ConfigValue] = [:]
                for (k, v) in settings {
                    if let s = v as? String {
                        map[PyText(k)] = .string(PyText(s))
                    } else if let sub = v as? [String: String] {
                        map[PyText(k)] = .nested(Dictionary(uniqueKeysWithValues: sub.map { (PyText($0.key), PyText($0.value)) }))
                    } else {
                        throw OracleFailure("bad value for \(name).\(k): \(v)")
                    }
                }
                out[PyText(name)] = map
            }
            return out
        }
        self = .loaded(profiles: try sections("profiles"), ssoSessions: try sections("sso_sessions"))
    }

    var description: String {
        switch self {
        case .refused(let file):
            return "ConfigParseError for the \(file) file"
        case .loaded(let profiles, let sessions):
            func render(_ kind: String, _ map: SectionMap) -> [String] {
                map.sorted { $0.key < $1.key }.map { name, settings in
                    "  \(kind) \(name): {" + settings.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                        .joined(separator: ", ") + "}"
                }
            }
            let lines = render("profile", profiles) + render("sso-session", sessions)
            return lines.isEmpty ? "no profiles, no sso-sessions" : "\n" + lines.joined(separator: "\n")
        }
    }

    /// The first difference, named, for a failure message.
    func difference(from other: ConfigOutcome) -> String? {
        guard self != other else { return nil }
        guard case .loaded(let p1, let s1) = self, case .loaded(let p2, let s2) = other else {
            return "\(self) vs \(other)"
        }
        func diff(_ kind: String, _ a: SectionMap, _ b: SectionMap) -> String? {
            let names1 = Set(a.keys), names2 = Set(b.keys)
            if names1 != names2 {
                return "\(kind) names: only sw \(names1.subtracting(names2).sorted()), only botocore \(names2.subtracting(names1).sorted())"
            }
            for name in names1.sorted() where a[name] != b[name] {
                let x = a[name]!, y = b[name]!
                let keys = Set(x.keys).union(y.keys).sorted().filter { x[$0] != y[$0] }
                return "\(kind) \(name): " + keys.map { "\($0): sw \(x[$0].map { "\($0)" } ?? "absent"), botocore \(y[$0].map { "\($0)" } ?? "absent")" }
                    .joined(separator: "; ")
            }
            return nil
        }
        return diff("profile", p1, p2) ?? diff("sso-session", s1, s2)
    }
}

struct OracleFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum ConfigOracle {
    static let hint = "run scripts/test.sh, which installs botocore"
    static let conformanceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Conformance")
    static let script = conformanceDirectory.appendingPathComponent("botocore_oracle.py")

    /// Runs Conformance/botocore_oracle.py once over every case folder of `cases`.
    static func run(cases: URL) -> Result<[String: ConfigOutcome], OracleFailure> {
        let errorsFile = FileManager.default.temporaryDirectory.appendingPathComponent("sw-config-oracle-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errorsFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorsFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, cases.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try? FileHandle(forWritingTo: errorsFile)
        do {
            try process.run()
        } catch {
            return .failure(OracleFailure("cannot start python3 (\(error)); \(hint)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorsFile, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            return .failure(OracleFailure("the botocore oracle failed (exit \(process.terminationStatus)): \(errors.suffix(2000)); \(hint)"))
        }
        do {
            guard let all = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw OracleFailure("the oracle did not print a JSON object")
            }
            var result: [String: ConfigOutcome] = [:]
            for (slug, value) in all { result[slug] = try ConfigOutcome(oracle: value) }
            return .success(result)
        } catch {
            return .failure(OracleFailure("cannot read the oracle's output (\(error)); \(hint)"))
        }
    }
}
