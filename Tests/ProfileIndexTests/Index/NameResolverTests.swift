import Testing
@testable import ProfileIndex

private let config = """
    ; Do not edit. Section managed by Teleport (AWS Identity Center integration).
    [profile teleport-awsic-prod-reader]
    sso_session=t
    sso_account_id=111111111111
    sso_role_name=Reader

    ; Do not edit. Section managed by Teleport (AWS Identity Center integration).
    [profile teleport-awsic-prod-admin]
    sso_session=t
    sso_account_id=111111111111
    sso_role_name=Admin

    ; Do not edit. Section managed by Teleport (AWS Identity Center integration).
    [profile teleport-awsic-staging-reader]
    sso_session=t
    sso_account_id=222222222222
    sso_role_name=Reader

    [profile Data-Analyst]
    role_arn = arn:aws:iam::444444444444:role/Analyst
    source_profile = base

    [profile base]
    region = us-east-1
    """

private let resolver = NameResolver(index: Index(config: Array(config.utf8)), aliases: ["p": "teleport-awsic-prod-reader", "gone": "nosuch"])

@Test("forgiving name matching picks the unique best match and says how", arguments: [
    ("teleport-awsic-prod-reader", "teleport-awsic-prod-reader", NameResolver.Match.exactName),
    ("p", "teleport-awsic-prod-reader", .alias("p")),
    ("data-analyst", "Data-Analyst", .nameIgnoringCase),
    ("prod-reader", "teleport-awsic-prod-reader", .nameWithoutGeneratorPrefix),
    ("PROD-ADMIN", "teleport-awsic-prod-admin", .nameWithoutGeneratorPrefix),
    ("222222222222", "teleport-awsic-staging-reader", .accountID),
    ("staging", "teleport-awsic-staging-reader", .accountName),
    ("admin", "teleport-awsic-prod-admin", .role),
    ("analyst", "Data-Analyst", .role),
    ("stag", "teleport-awsic-staging-reader", .nameContaining("stag")),
    ("prod admin", "teleport-awsic-prod-admin", .allOfTheWords),
])
func resolvesForgivingly(query: String, expected: String, how: NameResolver.Match) {
    #expect(resolver.resolve(query) == .found(expected, how: how))
}

@Test("how a name matched reads as the phrase sw use prints after 'by'", arguments: [
    (NameResolver.Match.exactName, "exact name"), (.alias("p"), "alias p"), (.nameIgnoringCase, "name, ignoring case"),
    (.nameWithoutGeneratorPrefix, "name without its generator prefix"), (.accountID, "account id"),
    (.accountName, "account name"), (.role, "role"), (.nameContaining("stag"), "name containing 'stag'"),
    (.allOfTheWords, "all of the words"),
])
func matchDescriptions(match: NameResolver.Match, text: String) {
    #expect(match.description == text)
}

@Test("several equally good matches are ambiguous, never a guess")
func ambiguousMatches() {
    #expect(resolver.resolve("111111111111") == .ambiguous(["teleport-awsic-prod-admin", "teleport-awsic-prod-reader"], how: .accountID))
    #expect(resolver.resolve("reader") == .ambiguous(["teleport-awsic-prod-reader", "teleport-awsic-staging-reader"], how: .role))
}

@Test("an alias to a profile that does not exist is not used, and no match suggests close names")
func notFoundSuggests() {
    guard case .notFound(let suggestions) = resolver.resolve("prod-raeder") else {
        Issue.record("expected notFound")
        return
    }
    #expect(suggestions.first == "teleport-awsic-prod-reader")
    if case .found = resolver.resolve("gone") { Issue.record("an alias to a missing profile must not resolve") }
}
