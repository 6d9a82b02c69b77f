import Foundation
import Testing
import TestSupport
@testable import ProfileIndex

// What botocore and sw each make of one config/credentials pair, in one comparable shape.
// Conformance/config_oracle.py gives botocore's side; `ConfigOutcome(index)` gives sw's.

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
    init(oracle json: JSON) throws {
        guard case .object(let object) = json, case .bool(let ok)? = json["ok"] else {
            throw OracleFailure("unexpected case object in the oracle output: \(json)")
        }
        guard ok else {
            guard case .string("ConfigParseError")? = json["error_type"], case .string(let file)? = json["failed_file"] else {
                throw OracleFailure("botocore failed in an unexpected way: \(object)")
            }
            self = .refused(file: file)
            return
        }
        func sections(_ key: String) throws -> SectionMap {
            guard case .object(let raw)? = json[key] else { throw OracleFailure("no \(key) in \(object)") }
            var out: SectionMap = [:]
            for (name, settings) in raw {
                guard case .object(let settings) = settings else { throw OracleFailure("bad section \(name)") }
                var map: [PyText: ConfigValue] = [:]
                for (k, v) in settings {
                    switch v {
                    case .string(let s):
                        map[PyText(k)] = .string(PyText(s))
                    case .object(let sub):
                        var nested: [PyText: PyText] = [:]
                        for (sk, sv) in sub {
                            guard case .string(let s) = sv else { throw OracleFailure("bad sub-value \(name).\(k).\(sk)") }
                            nested[PyText(sk)] = PyText(s)
                        }
                        map[PyText(k)] = .nested(nested)
                    default:
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
    /// Tests/ProfileIndexTests/Conformance (this file is in Tests/ProfileIndexTests/Parsing).
    static let conformanceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance")
    static let script = conformanceDirectory.appendingPathComponent("config_oracle.py")
    /// Conformance/cases: one folder per case.
    static let casesDirectory = conformanceDirectory.appendingPathComponent("cases")
    static let caseSlugs: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? [])
        .filter { !$0.hasPrefix(".") }
        .sorted()

    /// A case's files (a path that does not exist where the case has no such file).
    static func paths(ofCase slug: String) -> AWSPaths {
        let folder = casesDirectory.appendingPathComponent(slug)
        return AWSPaths(config: folder.appendingPathComponent("config").path,
                        credentials: folder.appendingPathComponent("credentials").path, home: folder.path)
    }

    /// Runs Conformance/config_oracle.py once over every case folder of `cases`.
    static func run(cases: URL) -> Result<[String: ConfigOutcome], OracleFailure> {
        let run: ChildRun
        do {
            run = try ChildProcess.run("/usr/bin/env", ["python3", script.path, cases.path],
                                       environment: ProcessInfo.processInfo.environment, timeout: 600)
        } catch {
            return .failure(OracleFailure("cannot start python3 (\(error)); \(hint)"))
        }
        guard run.status == 0 else {
            return .failure(OracleFailure("the botocore oracle failed (exit \(run.status)): \(run.stderr.suffix(2000)); \(hint)"))
        }
        do {
            guard case .object(let all) = try JSON.parse(Array(run.stdout.utf8)) else {
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

/// The oracle's JSON, with object members kept as ordered pairs. (JSONSerialization gives Swift
/// dictionaries, whose String keys merge names Python keeps apart: "é" and "e\u{301}".)
indirect enum JSON: Sendable, CustomStringConvertible {
    case object([(String, JSON)])
    case string(String)
    case bool(Bool)
    case null

    subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0.utf8.elementsEqual(key.utf8) }?.1
    }

    var description: String {
        switch self {
        case .object(let m): return "{" + m.map { "\($0.0.debugDescription): \($0.1)" }.joined(separator: ", ") + "}"
        case .string(let s): return s.debugDescription
        case .bool(let b): return "\(b)"
        case .null: return "null"
        }
    }

    /// Parses the subset of JSON that `json.dumps` writes for the oracle (no numbers, no arrays).
    static func parse(_ bytes: [UInt8]) throws -> JSON {
        var i = 0
        func fail(_ what: String) -> OracleFailure { OracleFailure("oracle JSON: \(what) at byte \(i)") }
        func skipSpace() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }
        func expect(_ b: UInt8) throws {
            skipSpace()
            guard i < bytes.count, bytes[i] == b else { throw fail("expected \(Character(Unicode.Scalar(b)))") }
            i += 1
        }
        func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
                throw fail("bad \\u escape")
            }
            i += 4
            return v
        }
        func string() throws -> String {
            try expect(0x22)
            var out: [UInt8] = []
            while true {
                guard i < bytes.count else { throw fail("unterminated string") }
                let b = bytes[i]
                i += 1
                if b == 0x22 { break }
                guard b == 0x5C else { out.append(b); continue }
                guard i < bytes.count else { throw fail("unterminated escape") }
                let e = bytes[i]
                i += 1
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var v = try hex4()
                    if (0xD800..<0xDC00).contains(v), i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                        i += 2
                        let low = try hex4()
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(v) else { throw fail("lone surrogate") }
                    out.append(contentsOf: Array(String(scalar).utf8))
                default: throw fail("bad escape")
                }
            }
            guard let s = String(validating: out, as: UTF8.self) else { throw fail("not UTF-8") }
            return s
        }
        func value() throws -> JSON {
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end") }
            switch bytes[i] {
            case 0x7B:
                i += 1
                var members: [(String, JSON)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(members) }
                while true {
                    let key = try string()
                    try expect(0x3A)
                    members.append((key, try value()))
                    skipSpace()
                    guard i < bytes.count else { throw fail("unterminated object") }
                    if bytes[i] == 0x2C { i += 1; skipSpace(); continue }
                    try expect(0x7D)
                    return .object(members)
                }
            case 0x22: return .string(try string())
            case 0x74 where bytes[i...].starts(with: Array("true".utf8)): i += 4; return .bool(true)
            case 0x66 where bytes[i...].starts(with: Array("false".utf8)): i += 5; return .bool(false)
            case 0x6E where bytes[i...].starts(with: Array("null".utf8)): i += 4; return .null
            default: throw fail("unexpected byte")
            }
        }
        let result = try value()
        skipSpace()
        guard i == bytes.count else { throw fail("trailing bytes") }
        return result
    }
}
