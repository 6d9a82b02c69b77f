import ProfileIndex
@testable import Switcher
import Testing

@Suite("a Context made for a test")
struct TestContextTests {
    @Test("touching a collaborator the test did not provide records an issue that names it")
    func unprovidedCollaboratorIsNamed() {
        // GIVEN a Context with an environment and a clock only
        let (context, _, _) = Context.forTesting(environment: ["HOME": "/nonexistent", "SW_INDEX_CACHE": "off", "PATH": "/nonexistent"])
        // WHEN sw use (given the files) asks whether stdin is a terminal, and sw doctor looks for
        // aws on PATH
        // THEN each use is an issue naming the terminal, then the file system
        var withFiles = context
        withFiles.fileSystem = LocalFileSystem()
        withKnownIssue {
            _ = SwitcherCommand.run(["use", "--shell", "bash"], in: withFiles)
        } matching: { $0.comments.contains { $0.rawValue.contains("the terminal (isatty(0))") } }
        withKnownIssue {
            _ = AWSCLIProbe.probe(in: context, needVersion: false)
        } matching: { $0.comments.contains { $0.rawValue.contains("the file system (") } }
    }
}
