import Testing
@testable import ProfileIndex

@Test("a source location prints as file:line, the form editors jump to")
func sourceLocationDescription() {
    #expect(SourceLocation(file: "/h/.aws/config", line: 12).description == "/h/.aws/config:12")
}
