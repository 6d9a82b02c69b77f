// sw-bench: the picker's ranking cost per keystroke, outside the shipped `sw`.
//
//   sw-bench QUERY                           the profiles of the AWS config that sw would read
//                                            (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, HOME),
//                                            searched by every field the picker searches
//   sw-bench QUERY --candidates-from FILE    the non-empty lines of FILE, names only
//
// For each prefix of QUERY (1 to 6 characters) it ranks the candidates repeatedly, as the picker
// does on a keystroke (no highlighting), and prints the mean time per ranking, then the mean over
// the prefixes. Frecency is left out: it only reorders ties, and a bench home has no history.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import ProfileIndex
import ProfileSearch

extension Profile: SearchableProfile {}

func fail(_ message: String) -> Never {
    var line = "sw-bench: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var candidatesFrom: String? = nil
if let at = arguments.firstIndex(of: "--candidates-from") {
    guard at + 1 < arguments.count else { fail("--candidates-from needs a FILE") }
    candidatesFrom = arguments[at + 1]
    arguments.removeSubrange(at...at + 1)
}
guard arguments.count == 1, let query = arguments.first, !query.isEmpty else {
    fail("usage: sw-bench QUERY [--candidates-from FILE]")
}

let matcher: FuzzyMatcher
if let candidatesFrom {
    guard case .success(let bytes) = LocalFileSystem().input(candidatesFrom, limit: 1 << 30), bytes.count <= 1 << 30 else {
        fail("cannot read \(candidatesFrom) (or it is over 1 GiB)")
    }
    matcher = FuzzyMatcher(lines: bytes)
} else {
    matcher = FuzzyMatcher(candidates: Index.load(environment: ProcessInfo.processInfo.environment, fileSystem: LocalFileSystem()).profiles.map(FuzzyCandidate.init))
}

/// Seconds `body` took, on a monotonic clock.
func seconds(_ body: () -> Void) -> Double {
    let d = ContinuousClock().measure(body)
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// Milliseconds with two decimals.
func formatMS(_ ms: Double) -> String {
    let hundredths = Int((ms * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

var out = ""
var total = 0.0
let prefixes = (1...min(6, query.count)).map { String(query.prefix($0)) }
for prefix in prefixes {
    var runs = 0
    var elapsed = 0.0
    var matched = 0
    // At least 5 runs and 0.2 s, at most 200 runs.
    while runs < 5 || elapsed < 0.2 && runs < 200 {
        elapsed += seconds { matched = matcher.rank(query: prefix, highlightLimit: 0).count }
        runs += 1
    }
    let ms = elapsed / Double(runs) * 1000
    total += ms
    out += "query \"\(prefix)\": \(matched) matches, \(formatMS(ms)) ms\n"
}
out += "mean per keystroke: \(formatMS(total / Double(prefixes.count))) ms over \(matcher.count) candidates\n"
print(out, terminator: "")
