import Foundation
import Testing
@testable import ProfileIndex

// Names, sessions and logins are told apart by code points, as botocore (Python `str`) does:
// `caf\u{E9}` (NFC) and `cafe\u{301}` (NFD) are two, though Swift's `==` calls them equal.
// botocore's side of these configs is pinned by conformance cases 84 and 85.

private let nfc = "caf\u{E9}", nfd = "cafe\u{301}"

private let config = """
    [profile \(nfc)]
    sso_session = \(nfc)
    sso_account_id = 111111111111
    sso_role_name = Admin
    region = eu-west-1
    [profile \(nfd)]
    sso_session = \(nfd)
    sso_account_id = 222222222222
    sso_role_name = Admin
    region = us-east-1
    [profile deploy]
    role_arn = arn:aws:iam::333333333333:role/Deploy
    source_profile = \(nfd)
    [sso-session \(nfc)]
    sso_start_url = https://one.awsapps.com/start
    sso_region = eu-west-1
    [sso-session \(nfd)]
    sso_start_url = https://two.awsapps.com/start
    sso_region = us-east-1
    """

private func check(_ index: Index) throws {
    // Two profiles, in code point order ("e" + U+0301 before U+00E9), each found by its own bytes.
    #expect(index.profileNames.map { Array($0.utf8) } == [Array(nfd.utf8), Array(nfc.utf8), Array("deploy".utf8)])
    #expect(index.profile(named: nfc)?.region == "eu-west-1")
    #expect(index.profile(named: nfd)?.region == "us-east-1")
    #expect(index.profile(named: nfc)?.name.utf8.elementsEqual(nfc.utf8) == true)
    // Two sessions, two logins, each used by one profile (and the role assumed from NFD's).
    #expect(index.ssoSessions.count == 2)
    #expect(index.ssoSession(named: nfc)?.startURL == "https://one.awsapps.com/start")
    #expect(index.ssoSession(named: nfd)?.startURL == "https://two.awsapps.com/start")
    #expect(LoginKey.session(nfc) != LoginKey.session(nfd))
    #expect(Set([LoginKey.session(nfc), LoginKey.session(nfd)]).count == 2)
    #expect(index.loginGroupSize(.session(nfc)) == 1)
    #expect(index.loginGroupSize(.session(nfd)) == 1)
    let deploy = try #require(index.profile(named: "deploy"))
    let login = try #require(index.effectiveLoginKey(of: deploy))
    #expect(login == .session(nfd))
    #expect(index.sourceChain(of: "deploy").chain.map { Array($0.name.utf8) } == [Array("deploy".utf8), Array(nfd.utf8)])
    #expect(index.problems.allSatisfy { $0.code != .definedTwice })
}

@Suite("Unicode normalisation: two spellings are two, as for botocore")
struct UnicodeIdentityTests {
    @Test("NFC and NFD names, sessions and logins are distinct when parsed")
    func parsed() throws {
        let index = Index(config: Array(config.utf8))
        #expect(!index.isRefusedByBotocore)
        try check(index)
    }

    @Test("NFC and NFD names, sessions and logins stay distinct read from sw's index snapshot, found by binary search")
    func fromSnapshot() throws {
        let (cached, outcome) = try indexFromSnapshot(config: config)
        #expect(outcome == .hit)
        try check(cached)
        // Read in place: the two sessions are two logins.
        let records = try #require(cached.profileRecords)
        let logins = (0..<2).map { records.effectiveLogin(of: records.record(at: $0))!.id }
        #expect(logins[0] != logins[1])
    }

    @Test("the exact-name step of name matching takes the spelling asked for")
    func resolverExactStep() throws {
        let resolver = NameResolver(index: Index(config: Array(config.utf8)))
        for name in [nfc, nfd] {
            guard case .found(let found, let how) = resolver.resolve(name) else {
                Issue.record("\(name.debugDescription) not found"); continue
            }
            #expect(found.utf8.elementsEqual(name.utf8))
            #expect(how == .exactName)
        }
    }

    @Test("keys that differ only in normalisation are two keys of one section, not a duplicate botocore would refuse")
    func keysAreTwo() throws {
        let index = Index(config: Array("[profile p]\nk\u{E9} = 1\nke\u{301} = 2\n".utf8))
        #expect(!index.isRefusedByBotocore)
        #expect(index.profile(named: "p")?.settings.count == 2)
    }
}
