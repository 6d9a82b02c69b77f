import ProfileIndex
import ShellHooks

/// What `sw` set in a shell, kept in that shell's own environment (`SW_MANAGED`) so two shells
/// never interfere: each variable's name and a fingerprint of the value `sw` gave it. A variable
/// whose value no longer matches was changed by the user since, and `sw` leaves it alone.
struct ManagedVariables: Equatable {
    static let variable = "SW_MANAGED"
    private(set) var fingerprints: [(name: String, fingerprint: String)] = []

    init() {}

    init(_ encoded: String?) {
        for entry in (encoded ?? "").split(separator: ":") {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, VariableName.isValid(String(parts[0])) else { continue }
            fingerprints.append((String(parts[0]), String(parts[1])))
        }
    }

    static func == (a: ManagedVariables, b: ManagedVariables) -> Bool { a.encoded == b.encoded }

    var encoded: String { fingerprints.map { "\($0.name)=\($0.fingerprint)" }.joined(separator: ":") }
    var names: [String] { fingerprints.map(\.name) }

    mutating func record(_ name: String, value: String) {
        fingerprints.removeAll { $0.name == name }
        fingerprints.append((name, ManagedVariables.fingerprint(value)))
    }

    /// True when `name` still holds the value `sw` gave it.
    func isUnchanged(_ name: String, in environment: [String: String]) -> Bool {
        guard let value = environment[name], let recorded = fingerprints.first(where: { $0.name == name }) else { return false }
        return recorded.fingerprint == ManagedVariables.fingerprint(value)
    }

    /// Not a secret: only tells whether a value changed. 12 hex digits of SHA-1.
    static func fingerprint(_ value: String) -> String {
        String(sha1Hex(value).prefix(12))
    }
}

/// Decides the environment change for switching a shell to a profile, or off. Pure: reads the
/// given environment, returns the change and the lines to tell the user.
struct SwitchPlan {
    var change = EnvironmentChange()
    var notes: [String] = []

    static let profileVariable = "SW_PROFILE"
    static let previousVariable = "SW_PREVIOUS"
    /// Left behind by other tools, they override any profile.
    static let credentialVariables = [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "AWS_CREDENTIAL_EXPIRATION", "AWS_SESSION_EXPIRATION",
    ]
    static let regionVariables = ["AWS_REGION", "AWS_DEFAULT_REGION"]

    /// Switch to `profile`: AWS_PROFILE for every SDK, AWS_DEFAULT_PROFILE removed (boto3 and
    /// CLI v1 prefer it), credential variables removed (they silently win over any profile),
    /// both region variables when the profile chain has a region, the `[env]` variables of sw's
    /// config; and whatever `sw` set before and no longer applies, removed. With `credentials`
    /// (`sw use --export`), their variables are set too and recorded like every other, so a
    /// switch without them or `sw off` removes them.
    static func use(_ profile: Profile, index: Index, environment env: [String: String], config: SwConfig,
                    credentials: ExportedCredentials? = nil) -> SwitchPlan {
        var plan = SwitchPlan()
        let old = ManagedVariables(env[ManagedVariables.variable])
        var managed = ManagedVariables()
        var desired: [(String, String)] = [("AWS_PROFILE", profile.name)]

        if let other = env["AWS_DEFAULT_PROFILE"] {
            plan.change.unset("AWS_DEFAULT_PROFILE")
            plan.notes.append("removed AWS_DEFAULT_PROFILE=\(other): boto3 and AWS CLI v1 use it before AWS_PROFILE")
        }
        // Credential variables sw exported itself (still as it set them) go quietly with the rest
        // of what it set, below; any others override the profile, so they go with a note.
        let exported = Set(credentials?.variables.map(\.name) ?? [])
        let leftovers = credentialVariables.filter { env[$0] != nil && !old.isUnchanged($0, in: env) }
        for name in leftovers { plan.change.unset(name) }
        let removed = leftovers.filter { !exported.contains($0) }, replaced = leftovers.filter(exported.contains)
        if !removed.isEmpty {
            plan.notes.append("removed \(removed.joined(separator: ", ")): credentials in the environment override any profile")
        }
        if !replaced.isEmpty {
            plan.notes.append("replaced \(replaced.joined(separator: ", ")), which sw had not set, with \(profile.name)'s credentials")
        }

        // The profile's own region (or its chain's); else the one sw's config gives it.
        let overlay = config.region(for: profile.name)
        let ownRegion = index.effectiveRegion(of: profile.name)
        if let region = ownRegion ?? overlay?.value {
            if ownRegion == nil, let overlay {
                plan.notes.append("\(profile.name) has no region; using \(overlay.value) from \(overlay.location) (sw's config)")
            }
            for name in regionVariables {
                if let mine = env[name], mine != region, !old.isUnchanged(name, in: env) {
                    plan.notes.append("replaced \(name)=\(mine), which you had set, with \(ownRegion == nil ? "sw's config's" : "the profile's") region \(region)")
                }
                desired.append((name, region))
            }
        } else {
            let kept = regionVariables.filter { env[$0] != nil && !old.isUnchanged($0, in: env) }
            if kept.isEmpty {
                plan.notes.append("\(profile.name) has no region: regional AWS calls fail with \"You must specify a region.\" unless you set AWS_REGION")
            } else {
                plan.notes.append("\(profile.name) has no region; keeping \(kept.map { "\($0)=\(env[$0]!)" }.joined(separator: ", ")) that you set")
            }
        }

        for variable in config.variables(for: profile.name) {
            guard VariableName.isValid(variable.name) else {
                plan.notes.append("\(variable.location): '\(variable.name)' is not a valid variable name; skipped")
                continue
            }
            guard !variable.value.utf8.contains(0) else { continue }
            desired.append((variable.name, variable.value))
        }
        // Last, so an [env] section cannot override the credentials asked for.
        for (name, value) in credentials?.variables ?? [] { desired.append((name, value)) }

        // What sw set before and does not set now goes, unless the user changed it since.
        let desiredNames = Set(desired.map(\.0))
        for name in old.names where !desiredNames.contains(name) {
            if old.isUnchanged(name, in: env) { plan.change.unset(name) }
        }
        for (name, value) in desired {
            plan.change.set(name, value)
            managed.record(name, value: value)
        }
        if let current = env["AWS_PROFILE"], current != profile.name {
            plan.change.set(previousVariable, current)
        }
        plan.change.set(profileVariable, profile.name)
        plan.change.set(ManagedVariables.variable, managed.encoded)
        return plan
    }

    /// Remove everything `sw` set (values the user changed since are kept), and remember the
    /// profile so `sw use -` brings it back.
    static func off(environment env: [String: String]) -> SwitchPlan {
        var plan = SwitchPlan()
        let old = ManagedVariables(env[ManagedVariables.variable])
        var kept: [String] = []
        for name in old.names {
            if old.isUnchanged(name, in: env) { plan.change.unset(name) } else if env[name] != nil { kept.append(name) }
        }
        if !kept.isEmpty { plan.notes.append("kept \(kept.joined(separator: ", ")): changed since sw set them") }
        if old.names.isEmpty, env["AWS_PROFILE"] != nil {
            plan.notes.append("AWS_PROFILE=\(env["AWS_PROFILE"]!) was not set by sw; left as it is")
        }
        if let previous = env[profileVariable] { plan.change.set(previousVariable, previous) }
        plan.change.unset(profileVariable)
        plan.change.unset(ManagedVariables.variable)
        return plan
    }
}
