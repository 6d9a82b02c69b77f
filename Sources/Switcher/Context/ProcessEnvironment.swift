#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's environment as a dictionary; an entry without `=` is skipped.
func processEnvironment() -> [String: String] {
    var environment: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
        let s = String(cString: entry)
        if let eq = s.firstIndex(of: "=") {
            environment[String(s[..<eq])] = String(s[s.index(after: eq)...])
        }
        p += 1
    }
    return environment
}
