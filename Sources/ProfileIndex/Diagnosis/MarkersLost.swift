/// Findings for generator output whose markers are gone (SW720–SW722): sections that are a
/// generator's by their names and keys (Builder.recognise), but lack the marker that generator
/// itself looks for, and what its next run then does. The usual cause is a tool that rewrites
/// the file without its comments (Leapp's js-ini), or a hand edit.
///
/// A hand-written section that merely has a name Teleport manages is SW505 (Doctor); a section
/// is one or the other, never both (SW505 looks at sections whose origin is not Teleport's).
enum MarkersLost {
    /// Why markers go: a rewrite without comments, or a hand edit.
    static func removed(_ what: String) -> String {
        "a tool that rewrites the file without comments, as Leapp does, or a hand edit removes \(what)"
    }

    static func findings(profiles: [Profile], sessions: [SSOSession], index: Index) -> [Problem] {
        var found: [Problem] = []
        let config = index.config.path
        var blocks: Set<String>?  // SSO instances with a block, worked out once when needed
        for p in profiles where p.markersLost && p.location.file == config {
            switch p.origin {
            case .teleportIdentityCenter:
                found.append(teleport(.teleportMarkersLost, header: "profile \(p.name)", at: p.location, profile: p.name,
                                      "is tsh aws-profile's by its name, sso_session and keys, but Teleport's marker comment above it is gone (\(removed("it"))): the next tsh aws-profile refuses to run",
                                      marker: Builder.teleportICMarker, command: ["tsh", "aws-profile"]))
            case .teleportRolesAnywhere:
                let app = p["credential_process"].map(Builder.commandWords)?.last ?? p.name
                found.append(teleport(.teleportAppsMarkerLost, header: "profile \(p.name)", at: p.location, profile: p.name,
                                      "is tsh apps login's by its only key (credential_process = tsh apps config …), but has no Teleport marker comment (\(removed("it")); the first tsh versions wrote none): tsh apps login refuses to update a section without it",
                                      marker: Builder.teleportAppsMarker, command: ["tsh", "apps", "login", .value(app)]))
            case .awsSSOCli:
                guard let sso = p["credential_process"].map(Builder.commandWords).flatMap(Builder.awsSSOCliSSOName) else { continue }
                if blocks == nil { blocks = instancesWithBlock(index) }
                found.append(awsSSOCli(p, sso: sso, blockExists: blocks!.contains(sso)))
            default:
                break
            }
        }
        for s in sessions where s.origin == .teleportIdentityCenter && s.markersLost && s.location.file == config
            && s.profiles.contains(where: { index.profile(named: $0)?.origin == .teleportIdentityCenter }) {
            found.append(teleport(.teleportMarkersLost, header: "sso-session \(s.name)", at: s.location, session: s.name,
                                  "is used by tsh aws-profile's profiles and has its keys, but Teleport's marker comment above it is gone (\(removed("it"))): the next tsh aws-profile refuses to run",
                                  marker: Builder.teleportICMarker, command: ["tsh", "aws-profile"]))
        }
        return found
    }

    /// Teleport refuses a section of a name it writes unless the comment above its header holds
    /// its marker (`section "…" is not managed by Teleport`); with the marker put back, it
    /// accepts the section, rewrites it and keeps it as its own.
    private static func teleport(_ code: Problem.Code, header: String, at location: SourceLocation, profile: String? = nil,
                                 session: String? = nil, _ message: String, marker: String, command: [Fix.Word]) -> Problem {
        Problem(code, .warning, at: location, profile: profile, session: session, "[\(header)] " + message,
                predicts: "section \"\(header)\" is not managed by Teleport, remove the section and try again", stage: .tool,
                fix: Fix("put this line back directly above [\(header)] (\(location)):\n\(marker)\nor delete the section and run ")
                    + Fix.command(command) + Fix(" again"))
    }

    /// The SSO instances for which the config still has an aws-sso-cli block: those of the
    /// profiles inside one.
    private static func instancesWithBlock(_ index: Index) -> Set<String> {
        Set(index.profiles.lazy.filter { $0.origin == .awsSSOCli && !$0.markersLost }
            .compactMap { $0["credential_process"].map(Builder.commandWords).flatMap(Builder.awsSSOCliSSOName) })
    }

    /// aws-sso-cli replaces only the lines from its BEGIN line to its END line, and appends a new
    /// block at the end of the file when it finds no BEGIN line (internal/fileutils/fileedit.go).
    private static func awsSSOCli(_ p: Profile, sso: String, blockExists: Bool) -> Problem {
        let suffix = sso == "Default" ? "" : "_" + sso
        let begin = "# BEGIN_AWS_SSO_CLI" + suffix, end = "# END_AWS_SSO_CLI" + suffix
        let twice = "if that block holds a profile named \(p.name) too, [profile \(p.name)] is in the file twice, which botocore refuses (Unable to parse config file)"
        if blockExists {
            return Problem(.awsSSOCliBlockLost, .warning, at: p.location, profile: p.name,
                           "[profile \(p.name)] is aws-sso-cli's (credential_process = aws-sso … process --arn …) but lies outside its \(begin) … \(end) block: aws-sso setup profiles rewrites only that block, so it never updates or removes this one, and \(twice)",
                           fix: "move [profile \(p.name)] (\(p.location)) between the lines \(begin) and \(end), where aws-sso-cli replaces it, or delete it")
        }
        return Problem(.awsSSOCliBlockLost, .warning, at: p.location, profile: p.name,
                       "[profile \(p.name)] is aws-sso-cli's (credential_process = aws-sso … process --arn …), but its \(begin) and \(end) lines are gone (\(removed("them"))): finding no \(begin) line, the next aws-sso setup profiles appends a new block at the end of the file; \(twice)",
                       fix: "put the line \(begin) back above aws-sso-cli's profiles and \(end) below them (aws-sso-cli then replaces everything between), or delete them before aws-sso setup profiles runs again")
    }
}
