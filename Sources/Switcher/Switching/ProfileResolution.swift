import ProfileIndex

extension Context {
    /// Finds the profile a person meant, or fails with the candidates / suggestions.
    func resolveProfile(_ query: String, in index: Index, config: SwConfig) throws -> Profile {
        switch NameResolver(index: index, aliases: config.aliases).resolve(query) {
        case .found(let name, let how):
            if how != .exactName { note("'\(query)' is \(name) (by \(how))") }
            return index.profile(named: name)!
        case .ambiguous(let names, let how):
            let shown = names.prefix(10).joined(separator: "\n  ")
            let more = names.count > 10 ? "\n  … and \(names.count - 10) more" : ""
            throw SwitcherError("'\(query)' matches \(names.count) profiles by \(how):\n  \(shown)\(more)\nbe more specific, or pick one with sw pick")
        case .notFound(let suggestions):
            var message = "no profile matches '\(query)' in \(index.config.path)"
            if !suggestions.isEmpty { message += "; did you mean: \(suggestions.joined(separator: ", "))?" }
            throw SwitcherError(message + " (sw list shows every profile)")
        }
    }

    /// The one stderr line that confirms a switch.
    func confirm(_ profile: Profile, index: Index) {
        let account = [profile.accountName, profile.accountID.map { profile.accountName == nil ? $0 : "(\($0))" }]
            .compactMap { $0 }.joined(separator: " ")
        var parts: [String] = []
        if !account.isEmpty { parts.append("account \(account)") }
        if let role = profile.roleName { parts.append("role \(role)") }
        parts.append("region \(index.effectiveRegion(of: profile.name) ?? "none")")
        note("using \(profile.name): " + parts.joined(separator: ", "))
    }
}
