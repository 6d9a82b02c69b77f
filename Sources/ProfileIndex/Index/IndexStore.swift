import Synchronization

/// Builds profiles from a HeaderScan (or decodes them from a snapshot) when asked, and keeps what
/// it built. Index is a value shared freely; the store behind it is filled at most once per name,
/// under a lock.
final class IndexStore: Sendable {
    struct All {
        var profiles: [Profile]
        var sessions: [SSOSession]
        var problems: [Problem]
    }

    enum Source {
        case scan(HeaderScan)
        case snapshot(Snapshot, AWSPaths, any FileSystem)
    }

    struct State {
        var single: [ExactString: Profile] = [:]
        var sessionNames: Set<ExactString>?
        var all: All?
        var logins: [LoginKey: [String]]?
        var rawLogins: [LoginKey: [String]]?
        var names: [String]?
        var snapshotLogins: [LoginKey: [Int]]?
        var records: ProfileRecords??
        /// The files parsed after all, because the snapshot turned out damaged.
        var fallback: HeaderScan?
    }

    let source: Source
    private let state = Mutex(State())

    init(_ source: Source) {
        self.source = source
    }

    /// The answer from the snapshot, or from the parsed files: always from the files when the
    /// index was built from them, and from then on when a snapshot record cannot be decoded.
    private func answer<T>(snapshot: (Snapshot) throws(SnapshotDamaged) -> T, scan: (HeaderScan) -> T) -> T {
        switch source {
        case .scan(let s):
            return scan(s)
        case .snapshot(let snap, let paths, let fileSystem):
            if let fallback = state.withLock({ $0.fallback }) { return scan(fallback) }
            do {
                return try snapshot(snap)
            } catch {
                let fallback = HeaderScan(paths: paths, fileSystem: fileSystem)
                state.withLock { $0 = State(fallback: fallback) }
                return scan(fallback)
            }
        }
    }

    /// Sorted profile names; sorting thousands of names is left to the commands that list them.
    var names: [String] {
        if let names = state.withLock({ $0.names }) { return names }
        let sorted = answer(snapshot: { snap throws(SnapshotDamaged) in try snap.names() }, scan: { $0.profiles.keys.sorted().map(\.string) })
        state.withLock { $0.names = sorted }
        return sorted
    }

    /// How many profiles there are, without building or sorting them.
    var profileCount: Int {
        switch source {
        case .scan(let scan): return scan.profiles.count
        case .snapshot(let snap, _, _): return snap.profileCount
        }
    }

    func profile(named name: String) -> Profile? {
        // Searched in place: copying `all` out of the lock would retain its three arrays.
        if let found = state.withLock({ s -> Profile?? in s.all.map { IndexStore.binarySearch($0.profiles, name) } }) {
            return found
        }
        if let cached = state.withLock({ $0.single[ExactString(name)] }) { return cached }
        let found = answer(snapshot: { snap throws(SnapshotDamaged) in try snap.position(of: name).map { i throws(SnapshotDamaged) in try snap.profile(at: i) } },
                           scan: { $0.profile(named: name) })
        guard let profile = found else { return nil }
        state.withLock { $0.single[ExactString(name)] = profile }
        return profile
    }

    func session(named name: String) -> SSOSession? {
        answer(snapshot: { snap throws(SnapshotDamaged) in try snap.sessions().first { $0.name.isExactly(name) } }, scan: { scan in
            guard let entry = scan.sessionEntry(name) else { return nil }
            let recognition = Builder.recogniseSession(entry)
            return SSOSession(name: name, location: entry.location, settings: entry.settings, origin: recognition.origin,
                              markersLost: recognition.markersLost, profiles: logins[.session(name)] ?? [])
        })
    }

    /// From the snapshot, the session names are read once (a list asks for every login).
    func hasSession(named name: String) -> Bool {
        if let names = state.withLock({ $0.sessionNames }) { return names.contains(ExactString(name)) }
        let names = answer(snapshot: { snap throws(SnapshotDamaged) in Set(try snap.sessionNames().map(ExactString.init)) },
                           scan: { Set($0.sessions.keys) })
        state.withLock { $0.sessionNames = names }
        return names.contains(ExactString(name))
    }

    var all: All {
        if let all = state.withLock({ $0.all }) { return all }
        let built = answer(snapshot: { snap throws(SnapshotDamaged) in
            All(profiles: try snap.profiles(), sessions: try snap.sessions(), problems: try snap.problems())
        }, scan: { $0.buildAll(names: names) })
        state.withLock { $0.all = built }
        return built
    }

    var records: ProfileRecords? {
        guard case .snapshot(let snap, _, _) = source else { return nil }
        if let known = state.withLock({ $0.fallback == nil ? $0.records : .some(nil) }) { return known }
        let records = ProfileRecords(checking: snap)
        state.withLock { $0.records = records }
        return records
    }

    /// Group sizes straight from the snapshot: `sw use` needs no names for them.
    func loginGroupSize(_ key: LoginKey) -> Int {
        if case .snapshot = source, state.withLock({ $0.fallback }) == nil {
            if let logins = state.withLock({ $0.snapshotLogins }) { return logins[key]?.count ?? 0 }
            let logins = answer(snapshot: { snap throws(SnapshotDamaged) -> [LoginKey: [Int]]? in try snap.logins() }, scan: { _ in nil })
            if let logins {
                state.withLock { $0.snapshotLogins = logins }
                return logins[key]?.count ?? 0
            }
        }
        return rawLogins[key]?.count ?? 0
    }

    /// Which profiles share a login, from each profile's raw keys (no profile is built), in no
    /// particular order.
    var rawLogins: [LoginKey: [String]] {
        if let logins = state.withLock({ $0.rawLogins }) { return logins }
        let logins = answer(snapshot: { snap throws(SnapshotDamaged) in
            var logins: [LoginKey: [String]] = [:]
            for (key, positions) in try snap.logins() {
                var names: [String] = []
                for i in positions { names.append(try snap.name(at: i)) }
                logins[key] = names
            }
            return logins
        }, scan: { scan in
            var logins: [LoginKey: [String]] = [:]
            for name in scan.profiles.keys.map(\.string) {
                if let key = scan.loginKey(of: name) { logins[key, default: []].append(name) }
            }
            return logins
        })
        state.withLock { $0.rawLogins = logins }
        return logins
    }

    /// The same, each group sorted by name.
    var logins: [LoginKey: [String]] {
        if let logins = state.withLock({ $0.logins }) { return logins }
        let logins = rawLogins.mapValues { $0.sorted { $0.precedesExactly($1) } }
        state.withLock { $0.logins = logins }
        return logins
    }

    private static func binarySearch(_ profiles: [Profile], _ name: String) -> Profile? {
        var low = 0, high = profiles.count
        while low < high {
            let mid = (low + high) / 2
            if profiles[mid].name.precedesExactly(name) { low = mid + 1 } else { high = mid }
        }
        return low < profiles.count && profiles[low].name.isExactly(name) ? profiles[low] : nil
    }
}
