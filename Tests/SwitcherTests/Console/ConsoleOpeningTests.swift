import Foundation
@testable import Switcher
import Testing
import TestSupport

private let devLink = "https://d-123.awsapps.com/start/#/console?account_id=111111111111&role_name=Admin"

@Suite("sw console opens its link in a browser, started on its own")
struct ConsoleOpeningTests {
    @Test("$BROWSER: the first entry whose program is found runs, %s is the link, else the link is the last argument",
          arguments: [
              ("firefox", ["firefox"], "firefox", [devLink]),
              ("firefox --new-window", ["firefox"], "firefox", ["--new-window", devLink]),
              ("firefox --new-tab %s", ["firefox"], "firefox", ["--new-tab", devLink]),
              ("chromium '--app=%s' --profile-directory='Work Profile' &", ["chromium"], "chromium",
               ["--app=\(devLink)", "--profile-directory=Work Profile"]),
              ("nosuch:firefox %s", ["firefox"], "firefox", [devLink]),
              (":  :w3m", ["w3m"], "w3m", [devLink]),
          ])
    func browserVariable(browser: String, programs: [String], expected: String, arguments: [String]) throws {
        // GIVEN BROWSER and the programs it names in PATH, on a local display
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        for program in programs + ["xdg-open"] { try fixture.addProgram(program) }
        var env = fixture.environment
        env["BROWSER"] = browser
        let recorder = RecordingBrowser()
        // WHEN sw console runs
        let r = fixture.sw(["console", "dev"], environment: env, processes: recorder)
        // THEN the link is on stdout alone, and that browser was started detached with it
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == devLink + "\n")
        #expect(recorder.started.count == 1)
        #expect(recorder.started.first?.program == fixture.bin.appendingPathComponent(expected).path)
        #expect(recorder.started.first?.arguments == arguments)
        #expect(r.stderr.contains("opening the console with"), "\(r.stderr)")
    }

    @Test("without BROWSER, or when none of its programs exists, xdg-open opens the link")
    func platformOpener() throws {
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        try fixture.addProgram("xdg-open")
        for browser in [nil, "", "nosuch %s:alsonot"] as [String?] {
            var env = fixture.environment
            env["BROWSER"] = browser
            let recorder = RecordingBrowser()
            let r = fixture.sw(["console", "dev"], environment: env, processes: recorder)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == devLink + "\n")
            #expect(recorder.started.map(\.program) == [fixture.bin.appendingPathComponent("xdg-open").path])
            #expect(recorder.started.first?.arguments == [devLink])
            if browser == "nosuch %s:alsonot" {
                #expect(r.stderr.contains("no program BROWSER names was found on PATH (nosuch, alsonot); trying xdg-open"), "\(r.stderr)")
            }
        }
    }

    @Test("no program to open with: the link is printed, exit 0, stderr says what to set")
    func noOpener() throws {
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        let recorder = RecordingBrowser()
        let r = fixture.sw(["console", "dev"], processes: recorder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == devLink + "\n")
        #expect(recorder.started.isEmpty)
        #expect(r.stderr.contains("set BROWSER to your browser's command"), "\(r.stderr)")
    }

    @Test("in an SSH session or without a display nothing is started, and stderr says why",
          arguments: [
              (["SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22"], "this is an SSH session (SSH_CONNECTION is set)"),
              (["SSH_TTY": "/dev/pts/3"], "this is an SSH session (SSH_TTY is set)"),
              (["DISPLAY": ""], "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"),
          ])
    func notLocal(variables: [String: String], reason: String) throws {
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        try fixture.addProgram("xdg-open")
        try fixture.addProgram("firefox")
        var env = fixture.environment
        env["BROWSER"] = "firefox"
        env.merge(variables) { $1 }
        let recorder = RecordingBrowser()
        let r = fixture.sw(["console", "dev"], environment: env, processes: recorder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == devLink + "\n")
        #expect(recorder.started.isEmpty)
        #expect(r.stderr.contains("not opening a browser: \(reason)"), "\(r.stderr)")
    }

    @Test("--print starts nothing and says nothing")
    func printOnly() throws {
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        try fixture.addProgram("xdg-open")
        let recorder = RecordingBrowser()
        let r = fixture.sw(["console", "--print", "dev"], processes: recorder)
        #expect(r.status == 0)
        #expect(r.stdout == devLink + "\n")
        #expect(r.stderr.isEmpty)
        #expect(recorder.started.isEmpty)
    }

    @Test("a browser that cannot start: a warning, the link still on stdout, exit 0")
    func startFailure() throws {
        let fixture = try ConsoleFixture(config: ConsoleFixture.config)
        try fixture.addProgram("xdg-open")
        let r = fixture.sw(["console", "dev"], processes: RecordingBrowser(failure: EACCES))
        #expect(r.status == 0)
        #expect(r.stdout == devLink + "\n")
        #expect(r.stderr.contains("sw: warning: cannot start \(fixture.bin.path)/xdg-open: Permission denied"), "\(r.stderr)")
    }
}

@Suite("BROWSER's commands are split into words as a shell splits them, and never run by one")
struct BrowserCommandWordsTests {
    @Test("quotes and backslashes group words; nothing is expanded")
    func words() {
        #expect(BrowserLauncher.shellWords("firefox --new-tab %s") == ["firefox", "--new-tab", "%s"])
        #expect(BrowserLauncher.shellWords("'/opt/My Browser/run' \"--x=a b\" c\\ d") == ["/opt/My Browser/run", "--x=a b", "c d"])
        #expect(BrowserLauncher.shellWords("echo $HOME `id` \"$(id)\"") == ["echo", "$HOME", "`id`", "$(id)"])
        #expect(BrowserLauncher.shellWords("a \"b\\\"c\" '' d") == ["a", "b\"c", "", "d"])
        #expect(BrowserLauncher.shellWords("  ") == [])
        #expect(BrowserLauncher.shellWords("firefox 'unclosed") == nil)
        #expect(BrowserLauncher.shellWords("firefox \"unclosed") == nil)
    }

    @Test("a link holding shell syntax stays one argument")
    func hostileLink() {
        // GIVEN a BROWSER command and a link with characters a shell would act on
        let url = "https://x/#/console?a=1&b=$(touch /tmp/pwned);`id`"
        let choice = BrowserLauncher.choose(url: url, environment: ["BROWSER": "firefox --new-tab=%s"], find: { "/usr/bin/\($0)" })
        // THEN the link is passed as one argument, exactly
        #expect(choice.command == BrowserLauncher.Command(program: "/usr/bin/firefox", arguments: ["--new-tab=" + url]))
    }
}
