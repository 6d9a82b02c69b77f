import FoundationEssentials

/// The rules of `sw doctor`: index + facts in, findings out. No printing, no processes.
///
/// Every `predicts` text is botocore 1.43's own error message with the names filled in;
/// DoctorPredictionTests runs botocore against each fixture to hold that true. The checks live in
/// one file per subject (FileChecks, SSOConfigChecks, TokenChecks, EnvironmentChecks,
/// ProfileChecks, GeneratorChecks, MarkersLost).
public struct Doctor {
    public let index: Index
    public let facts: DoctorFacts
    /// `sw doctor NAME`: only what this profile depends on.
    public let focus: String?

    var findings: [Problem] = []
    /// Profiles (and their sessions and logins) the checks look at.
    let scope: [Profile]
    /// Profiles in use right now (`focus`, or `AWS_PROFILE`/`AWS_DEFAULT_PROFILE`) and their
    /// source chains: a login or region they lack is an error; elsewhere a warning.
    let active: Set<String>
    let sessionsInScope: [SSOSession]
    /// Writes every fix that touches a section, as its owner will keep it.
    let remedies: Remedies

    public static func diagnose(_ index: Index, facts: DoctorFacts, profile: String? = nil) -> [Problem] {
        var doctor = Doctor(index: index, facts: facts, focus: profile)
        doctor.run()
        return doctor.findings.sorted(by: Doctor.order)
    }

    /// Most severe first, then by id, then by place.
    public static func order(_ a: Problem, _ b: Problem) -> Bool {
        let x = (a.severity, a.code.rawValue, a.profile ?? "", a.session ?? "", a.location?.file ?? "", a.location?.line ?? 0)
        let y = (b.severity, b.code.rawValue, b.profile ?? "", b.session ?? "", b.location?.file ?? "", b.location?.line ?? 0)
        return x == y ? a.message < b.message : x < y
    }

    init(index: Index, facts: DoctorFacts, focus: String?) {
        self.index = index
        self.facts = facts
        self.focus = focus
        remedies = Remedies(index: index, swConfigPath: facts.swConfig.path)
        var active: Set<String> = []
        let env = facts.environment
        let current = [focus, env["AWS_PROFILE"], env["AWS_DEFAULT_PROFILE"]].compactMap { $0 }.filter { !$0.isEmpty }
        for name in focus.map({ [$0] }) ?? current {
            for p in Doctor.botocoreChain(of: name, in: index).profiles { active.insert(p.name) }
        }
        self.active = active
        if let focus {
            scope = Doctor.botocoreChain(of: focus, in: index).profiles
            let names = Set(scope.compactMap(\.ssoSession))
            sessionsInScope = index.ssoSessions.filter { names.contains($0.name) }
        } else {
            scope = index.profiles
            sessionsInScope = index.ssoSessions
        }
    }

    mutating func add(_ p: Problem) { findings.append(p) }

    func severity(forProfile name: String) -> Problem.Severity {
        active.contains(name) ? .error : .warning
    }

    mutating func run() {
        fileChecks()
        ssoConfigChecks()
        tokenChecks()
        temporaryKeyChecks()
        loginSessionChecks()
        environmentChecks()
        profileChecks()
        toolChecks()
        generatorChecks()
        findings += MarkersLost.findings(profiles: scope, sessions: sessionsInScope, index: index)
    }

    /// botocore's assume-role walk (`AssumeRoleProvider._validate_source_profile`).
    struct Chain {
        var profiles: [Profile]
        /// The profile that names a missing source_profile, and that name.
        var missing: (parent: String, name: String)?
        /// The profile that was visited twice.
        var cycle: String?
        var visited: [String]
    }

    static func botocoreChain(of name: String, in index: Index) -> Chain {
        guard let start = index.profile(named: name) else { return Chain(profiles: [], visited: []) }
        var chain = Chain(profiles: [start], visited: [name])
        var current = start
        while current.setting("role_arn") != nil, let source = current.sourceProfile {
            guard let next = index.profile(named: source) else {
                chain.missing = (current.name, source)
                return chain
            }
            if chain.visited.contains(source) {
                let hasStatic = next.setting("aws_access_key_id") != nil && next.setting("aws_secret_access_key") != nil
                if source != current.name || !hasStatic { chain.cycle = source }
                return chain
            }
            chain.visited.append(source)
            chain.profiles.append(next)
            current = next
        }
        return chain
    }

    /// A time in a message: ISO 8601 as every expiry sw shows is written, `?` when unknown.
    static func stamp(_ date: Date?) -> String {
        date.map(iso8601) ?? "?"
    }
}
