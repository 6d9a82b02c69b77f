import ProfileIndex
import Testing
@testable import Switcher

@Suite("sw doctor's fixes as text")
struct FixTextTests {
    @Test("command words are quoted only where a shell would read them differently; placeholders stay as written")
    func commandQuoting() {
        #expect(Fix.command(["sw", "use", "prod/Admin@x"]).text == "sw use prod/Admin@x")
        #expect(Fix.command(["sw", "use", "it's mine"]).text == "sw use 'it'\\''s mine'")
        #expect(Fix.command(["sw", "use", "50%self"]).text == "sw use '50%self'")
        #expect(Fix.command(["aws", "sso", "login", "--profile", ""]).text == "aws sso login --profile ''")
        #expect(Fix([.export(name: "AWS_REGION", value: .placeholder("<region>"))]).text == "export AWS_REGION=<region>")
        #expect(Fix([.export(name: "AWS_DEFAULT_REGION", value: "eu west")]).text == "export AWS_DEFAULT_REGION='eu west'")
    }

    @Test("prose, edits and sections read as sentences and lines to paste")
    func editsAndSections() {
        let at = SourceLocation(file: "/h/.aws/config", line: 4)
        let fix = Fix([.setKey(at: at, key: "region", value: "eu-west-1"), .prose("   (why)\n"),
                       .addKey(key: "sso_region", value: "<value>", section: "profile p", at: at), .prose("\n"),
                       .deleteKey(at: at, key: "sso_region"), .prose("\n"),
                       .addSection(file: "/h/.aws/config", header: "profile p", lines: ["; because", "region = eu-west-1"], note: "a note"),
                       .prose("\n"),
                       .addSwConfigSection(file: "/h/sw.ini", header: "env p", lines: ["AWS_REGION = eu-west-1"], effect: "sw use sets it")])
        #expect(fix.text == """
            /h/.aws/config:4: region = eu-west-1   (why)
            add sso_region = <value> to [profile p] (/h/.aws/config:4)
            /h/.aws/config:4: delete the sso_region line
            add to /h/.aws/config (a note):
            [profile p]
            ; because
            region = eu-west-1
            in sw's config /h/sw.ini (sw use sets it):
            [env p]
            AWS_REGION = eu-west-1
            """)
    }

    @Test("the rc-file line is one quoted word appended to the file")
    func appendLine() {
        #expect(Fix([.appendLine("eval \"$(sw init bash)\"", file: "/h/.bashrc")]).text == "echo 'eval \"$(sw init bash)\"' >> /h/.bashrc")
    }
}
