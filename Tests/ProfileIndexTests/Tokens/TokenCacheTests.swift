import Foundation
import Testing
@testable import ProfileIndex

// MARK: - cache file names

@Test("an sso-session login is stored under sha1 of the session name", arguments: [
    ("s1", "640d87e741e6aa4c669a82a4cd304787960513ab.json"),
    ("corp é", "664205e010c8c57cf79396e46543f292fe74e86d.json"),
])
func sessionCacheFileName(name: String, file: String) {
    #expect(LoginKey.session(name).cacheKey == name)
    #expect(LoginKey.session(name).cacheFileName == file)
}

@Test("a legacy login is stored under sha1 of the start URL exactly as written: /start, /start/ and /start#/ are three files")
func startURLCacheFileNames() {
    let names = [
        "https://d-123.awsapps.com/start": "2b829a45f04c9828cb45b7d092d8e4aa30818393.json",
        "https://d-123.awsapps.com/start/": "270fcba1ccf36d2fc119c66fd3e85add0d85d6c7.json",
        "https://d-123.awsapps.com/start#/": "22aee9f1cec7d96c603b3c9f93bd880739ca5769.json",
    ]
    for (url, file) in names {
        #expect(LoginKey.startURL(url).cacheFileName == file, "\(url)")
    }
    #expect(Set(names.keys.map { LoginKey.startURL($0).cacheFileName }).count == 3)
}

@Test("the cache folder is HOME/.aws/sso/cache, with HOME's trailing slashes dropped like os.path.expanduser does")
func defaultDirectory() {
    #expect(TokenCache.defaultDirectory(home: "/home/u") == "/home/u/.aws/sso/cache")
    #expect(TokenCache.defaultDirectory(home: "/home/u//") == "/home/u/.aws/sso/cache")
    #expect(TokenCache.defaultDirectory(home: "/") == "/.aws/sso/cache")
}

@Test("the reported cache file is the folder joined with the hashed name")
func cacheFilePath() {
    let key = LoginKey.session("s1")
    #expect(TokenCache(directory: "/nowhere/cache", fileSystem: LocalFileSystem()).status(for: key, now: Date()).cacheFile
        == "/nowhere/cache/640d87e741e6aa4c669a82a4cd304787960513ab.json")
    #expect(TokenCache(directory: "/nowhere/cache/", fileSystem: LocalFileSystem()).status(for: key, now: Date()).cacheFile
        == "/nowhere/cache/640d87e741e6aa4c669a82a4cd304787960513ab.json")
}

// MARK: - expiresAt formats

/// 2026-12-01T00:00:00Z, as dateutil computes it.
private let december1st = Date(timeIntervalSince1970: 1_796_083_200)

@Test("every expiresAt form the AWS CLI has written reads as the same instant dateutil reads", arguments: [
    ("2026-12-01T00:00:00Z", 0.0),
    ("2026-12-01T00:00:00.000Z", 0.0),
    ("2026-12-01T00:00:00+00:00", 0.0),
    ("2026-12-01T00:00:00UTC", 0.0),
    ("2026-12-01T00:00:00.25Z", 0.25),
    ("2026-12-01T02:30:00+02:30", 0.0),
    ("2026-11-30T19:00:00-0500", 0.0),
    ("2026-12-01 00:00:00 GMT", 0.0),
    ("2026-12-01T00:00Z", 0.0),
])
func expiresAtFormats(text: String, fraction: Double) throws {
    let date = try ExpiryDate.parse(text).get()
    #expect(date == december1st.addingTimeInterval(fraction))
}

@Test("a leap day reads correctly and a day that does not exist is unreadable")
func calendarValidation() throws {
    #expect(try ExpiryDate.parse("2024-02-29T00:00:00Z").get() == Date(timeIntervalSince1970: 1_709_164_800))
    #expect(ExpiryDate.parse("2026-02-29T00:00:00Z") == .failure(.unreadable))
    #expect(ExpiryDate.parse("2026-12-01T24:00:00Z") == .failure(.unreadable))
}

@Test("a date and time without a zone is told apart from one sw cannot read", arguments: [
    ("2026-12-01T00:00:00", ExpiryDate.Failure.noTimeZone),
    ("2026-12-01T00:00:00.000", .noTimeZone),
    ("tomorrow", .unreadable),
    ("", .unreadable),
    ("2026-12-01", .unreadable),
    ("2026-12-01T00:00:00Zulu", .unreadable),
    ("2026-12-01T00:00:00+25:00", .unreadable),
])
func expiresAtFailures(text: String, failure: ExpiryDate.Failure) {
    #expect(ExpiryDate.parse(text) == .failure(failure))
}

// MARK: - files the cache may hold

private struct CacheFolder {
    let path: String
    let cache: TokenCache

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sw-token-\(UUID().uuidString)/.aws/sso/cache").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        cache = TokenCache(directory: path, fileSystem: LocalFileSystem())
    }

    func write(_ text: String, for key: LoginKey) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + key.cacheFileName))
    }

    func write(bytes: [UInt8], for key: LoginKey) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + key.cacheFileName))
    }

    func listing() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            files[name] = FileManager.default.contents(atPath: path + "/" + name) ?? Data()
        }
        return files
    }
}

private let s1 = LoginKey.session("s1")
private let now = Date(timeIntervalSince1970: 1_796_083_200)

private func stamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: date)
}

@Test("a folder where the token file should be counts as missing, as os.path.isfile makes botocore say")
func folderInsteadOfFile() throws {
    let folder = try CacheFolder()
    try FileManager.default.createDirectory(atPath: folder.path + "/" + s1.cacheFileName, withIntermediateDirectories: false)
    let status = folder.cache.status(for: s1, now: now)
    #expect(status.state == .missing)
    #expect(status.problem?.contains("folder") == true)
}

@Test("a missing cache folder or file is plain missing, with no problem to report")
func noFolder() {
    let status = TokenCache(directory: "/nonexistent-\(UUID().uuidString)", fileSystem: LocalFileSystem()).status(for: s1, now: now)
    #expect(status.state == .missing)
    #expect(status.problem == nil)
    #expect(status.needsLogin)
}

@Test("a 100 MB token file is refused after reading at most the 1 MiB limit")
func hugeFile() throws {
    let folder = try CacheFolder()
    let file = folder.path + "/" + s1.cacheFileName
    // A valid-looking start, then 100 MB (sparse, so the test stays cheap to set up).
    try Data(#"{"accessToken": "x", "expiresAt": "2030-01-01T00:00:00Z", "pad": ""#.utf8).write(to: URL(fileURLWithPath: file))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    try handle.truncate(atOffset: 100 * 1024 * 1024)
    try handle.close()
    let status = folder.cache.status(for: s1, now: now)
    #expect(status.state == .invalid)
    #expect(status.problem?.contains("larger than 1024 kB") == true)
}

@Test("a file just under the read limit is still read")
func fileAtLimit() throws {
    let folder = try CacheFolder()
    let head = #"{"accessToken": "x", "expiresAt": "2030-01-01T00:00:00Z", "pad": ""#
    let padding = String(repeating: " ", count: TokenCache.readLimit - head.utf8.count - 2)
    try folder.write(head + padding + "\"}", for: s1)
    #expect(folder.cache.status(for: s1, now: now).state == .valid)
}

@Test("binary garbage, a byte-order mark, JSON that is not an object, and deep nesting are invalid, each with a reason", arguments: [
    [0xff, 0xfe, 0x00, 0x01, 0x80],
    Array("\u{FEFF}{\"accessToken\": \"a\", \"expiresAt\": \"2030-01-01T00:00:00Z\"}".utf8),
    Array("[\"accessToken\", \"expiresAt\"]".utf8),
    Array("\"accessToken expiresAt\"".utf8),
    Array("null".utf8),
    Array("42".utf8),
    Array("{\"accessToken\": ".utf8),
    Array(String(repeating: "[", count: 100_000).utf8),
] as [[UInt8]])
func corruptFiles(bytes: [UInt8]) throws {
    let folder = try CacheFolder()
    try folder.write(bytes: bytes, for: s1)
    let status = folder.cache.status(for: s1, now: now)
    #expect(status.state == .invalid)
    #expect(status.problem?.isEmpty == false)
}

@Test("fields of the wrong type make the token invalid only where botocore reads them")
func wrongTypes() throws {
    let folder = try CacheFolder()
    let later = stamp(now.addingTimeInterval(3600))
    try folder.write(#"{"accessToken": "a", "expiresAt": 1796083200}"#, for: s1)
    #expect(folder.cache.status(for: s1, now: now).problem?.contains("expiresAt is not a string") == true)
    try folder.write(#"{"accessToken": ["a"], "expiresAt": "\#(later)"}"#, for: s1)
    #expect(folder.cache.status(for: s1, now: now).problem?.contains("accessToken is an array") == true)
    // region and registrationExpiresAt are not read while the token is an hour from expiry
    try folder.write(#"{"accessToken": "a", "expiresAt": "\#(later)", "region": 7, "registrationExpiresAt": {}}"#, for: s1)
    let status = folder.cache.status(for: s1, now: now)
    #expect(status.state == .valid)
    #expect(status.tokenRegion == nil)
    #expect(status.canRefresh == false)
}

@Test("the status reports the token's region, expiry and registration expiry")
func reportedFields() throws {
    let folder = try CacheFolder()
    let expiry = now.addingTimeInterval(3600)
    let registration = now.addingTimeInterval(86_400 * 30)
    try folder.write("""
        {"startUrl": "https://d-123.awsapps.com/start", "region": "eu-west-1", "accessToken": "a",
         "expiresAt": "\(stamp(expiry))", "clientId": "c", "clientSecret": "s", "refreshToken": "r",
         "registrationExpiresAt": "\(stamp(registration))"}
        """, for: s1)
    let status = folder.cache.status(for: s1, now: now)
    #expect(status == TokenStatus(
        key: s1, state: .valid, cacheFile: folder.path + "/" + s1.cacheFileName, expiresAt: expiry,
        problem: nil, tokenRegion: "eu-west-1", registrationExpiresAt: registration, canRefresh: true))
}

@Test("the same refreshable token file is refreshable for an sso-session but expired for a legacy profile")
func legacyNeverRefreshes() throws {
    let folder = try CacheFolder()
    let url = LoginKey.startURL("https://d-123.awsapps.com/start")
    let token = """
        {"accessToken": "a", "expiresAt": "\(stamp(now.addingTimeInterval(-60)))", "clientId": "c",
         "clientSecret": "s", "refreshToken": "r", "registrationExpiresAt": "\(stamp(now.addingTimeInterval(86_400)))"}
        """
    try folder.write(token, for: s1)
    try folder.write(token, for: url)
    #expect(folder.cache.status(for: s1, now: now).state == .refreshable)
    let legacy = folder.cache.status(for: url, now: now)
    #expect(legacy.state == .expired)
    #expect(legacy.canRefresh == false)
}

@Test("the 15-minute refresh window is botocore's: 14 minutes left refreshes, 16 minutes left does not")
func refreshWindow() throws {
    let folder = try CacheFolder()
    func token(expiringIn seconds: TimeInterval) -> String {
        """
        {"accessToken": "a", "expiresAt": "\(stamp(now.addingTimeInterval(seconds)))", "clientId": "c",
         "clientSecret": "s", "refreshToken": "r", "registrationExpiresAt": "\(stamp(now.addingTimeInterval(86_400)))"}
        """
    }
    try folder.write(token(expiringIn: 14 * 60), for: s1)
    #expect(folder.cache.status(for: s1, now: now).state == .refreshable)
    try folder.write(token(expiringIn: 16 * 60), for: s1)
    #expect(folder.cache.status(for: s1, now: now).state == .valid)
}

@Test("secrets from the token file appear nowhere in the status, its description or its reflection")
func noSecretsInStatus() throws {
    let folder = try CacheFolder()
    let secrets = ["ACCESS-SECRET-4711", "REFRESH-SECRET-4712", "CLIENT-SECRET-4713", "CLIENT-ID-4714"]
    let files = [
        // valid, refreshable, and invalid (wrong-type clientId makes botocore crash on refresh)
        (3600.0, #""CLIENT-ID-4714""#),
        (-60.0, #""CLIENT-ID-4714""#),
        (-60.0, #"["CLIENT-ID-4714"]"#),
    ]
    var states: Set<LoginState> = []
    for (offset, clientId) in files {
        try folder.write("""
            {"accessToken": "ACCESS-SECRET-4711", "expiresAt": "\(stamp(now.addingTimeInterval(offset)))",
             "refreshToken": "REFRESH-SECRET-4712", "clientSecret": "CLIENT-SECRET-4713", "clientId": \(clientId),
             "registrationExpiresAt": "\(stamp(now.addingTimeInterval(86_400)))"}
            """, for: s1)
        let status = folder.cache.status(for: s1, now: now)
        states.insert(status.state)
        var dumped = ""
        dump(status, to: &dumped)
        for text in [String(describing: status), String(reflecting: status), dumped, status.problem ?? ""] {
            for secret in secrets {
                #expect(!text.contains(secret), "\(status.state): \(text)")
            }
        }
    }
    #expect(states == [.valid, .refreshable, .invalid])
}

@Test("reading the cache never writes, renames or deletes anything in it")
func readOnly() throws {
    let folder = try CacheFolder()
    try folder.write("""
        {"accessToken": "a", "expiresAt": "\(stamp(now.addingTimeInterval(-60)))", "clientId": "c",
         "clientSecret": "s", "refreshToken": "r", "registrationExpiresAt": "\(stamp(now.addingTimeInterval(86_400)))"}
        """, for: s1)
    try folder.write("{broken", for: .startURL("u"))
    let before = try folder.listing()
    for key in [s1, .startURL("u"), .session("absent")] {
        _ = folder.cache.status(for: key, now: now)
    }
    #expect(try folder.listing() == before)
}
