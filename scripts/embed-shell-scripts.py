#!/usr/bin/env python3
"""Regenerates Sources/ShellHooks/InitScripts.generated.swift from the files in shell/.

`sw init SHELL` prints the wrapper function and prompt helper of shell/sw.SHELL (hand-written),
then the completion script of shell/completions/ (generated: what
`sw --generate-completion-script SHELL` prints, argument-parser's script, with one change for
bash explained at BASH_REGISTRATION; `make install` installs the same files). The `sw` binary cannot read shell/ at run time, so both are compiled in
as Swift raw string literals.

    scripts/embed-shell-scripts.py                  after editing shell/sw.*
    scripts/embed-shell-scripts.py --completions SW after changing sw's commands, options or
                                                    arguments: SW is a built sw; writes
                                                    shell/completions/ from it, then embeds
    scripts/embed-shell-scripts.py --check-completions SW   exit 1 if shell/completions/ is stale

Commit the results; the tests "embedded init scripts match the files in shell/" and "the
committed completion scripts are what sw --generate-completion-script prints" fail until you do.
After --completions, build again so that `sw init` carries the new completion.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHELLS = ["bash", "zsh", "fish"]
# The names the shells' completion systems look for (bash-completion, zsh's fpath, fish).
COMPLETION_FILES = {"bash": "sw.bash", "zsh": "_sw", "fish": "sw.fish"}
OUTPUT = os.path.join(ROOT, "Sources", "ShellHooks", "InitScripts.generated.swift")


def literal(text: str) -> str:
    """A Swift multi-line raw string literal whose value is exactly `text`.

    With N `#`s the literal can only be ended by `\"\"\"` + N `#`s and only escapes `\\` + N `#`s,
    so N is one more than the longest run of `#` in the text: then neither can occur inside it.
    The closing delimiter sits in column 0, so no indentation is stripped; the newline before it
    is not part of the value.
    """
    if "\r" in text:
        sys.exit("error: carriage return in a shell script (Swift would turn CRLF into LF)")
    if "\0" in text:
        sys.exit("error: NUL in a shell script")
    hashes = "#" * (max((len(run) for run in re.findall("#+", text)), default=0) + 1)
    return f'{hashes}"""\n{text}\n"""{hashes}'


def read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


# argument-parser registers its bash completion with `-o filenames`, so readline quotes what is
# inserted as if it were a file name, which leaves backquotes and a leading `$` unquoted: a profile
# named back`cmd`tick would run cmd when the completed line runs. sw's profile-name completion
# returns words already quoted for the line (Sources/Switcher/Arguments/ProfileNameCompletion.swift), and sw completes
# no file names, so the one change to the generated scripts is registering without that option.
BASH_REGISTRATION = ("complete -o filenames -F _sw sw\n", "complete -F _sw sw\n")


def completion_script(sw: str, shell: str) -> bytes:
    """`sw --generate-completion-script SHELL`, with the bash registration changed (see above)."""
    script = subprocess.run([sw, "--generate-completion-script", shell], check=True,
                            capture_output=True).stdout.decode("utf-8")
    if shell == "bash":
        old, new = BASH_REGISTRATION
        if script.count(old) != 1 or not script.endswith(old):
            sys.exit("error: the generated bash script no longer ends with " + repr(old))
        script = script[: -len(old)] + new
    return script.encode("utf-8")


def write_completions(sw: str) -> None:
    folder = os.path.join(ROOT, "shell", "completions")
    os.makedirs(folder, exist_ok=True)
    for shell in SHELLS:
        with open(os.path.join(folder, COMPLETION_FILES[shell]), "wb") as f:
            f.write(completion_script(sw, shell))


def function(name: str, doc: str, texts: dict) -> str:
    cases = "\n".join(f"        case .{shell}:\n            return {literal(texts[shell])}" for shell in SHELLS)
    return (f"    /// {doc}\n"
            f"    public static func {name}(for shell: Shell) -> String {{\n"
            f"        switch shell {{\n{cases}\n        }}\n    }}\n")


def check_completions(sw: str) -> None:
    """Exits 1 naming each file of shell/completions/ that is not what `sw` generates."""
    stale = [name for shell, name in COMPLETION_FILES.items()
             if completion_script(sw, shell) != open(os.path.join(ROOT, "shell", "completions", name), "rb").read()]
    if stale:
        sys.exit("shell/completions/ is stale (" + ", ".join(stale) + "): run scripts/embed-shell-scripts.py --completions " + sw)


def main() -> None:
    if sys.argv[1:2] == ["--check-completions"] and len(sys.argv) == 3:
        check_completions(sys.argv[2])
        return
    if sys.argv[1:2] == ["--completions"] and len(sys.argv) == 3:
        write_completions(sys.argv[2])
    elif len(sys.argv) != 1:
        sys.exit(__doc__)
    wrappers = {shell: read(os.path.join(ROOT, "shell", f"sw.{shell}")) for shell in SHELLS}
    completions = {shell: read(os.path.join(ROOT, "shell", "completions", COMPLETION_FILES[shell]))
                   for shell in SHELLS}
    swift = (
        "// GENERATED by scripts/embed-shell-scripts.py from shell/sw.{bash,zsh,fish} and\n"
        "// shell/completions/. Do not edit: edit the files in shell/ (or regenerate the completions)\n"
        "// and run the script again.\n"
        "\n"
        "extension InitScript {\n"
        + function("wrapper", "The `sw` function and `sw_prompt` (shell/sw.SHELL).", wrappers)
        + "\n"
        + function("completion", "argument-parser's completion script (shell/completions/).",
                   completions)
        + "}\n"
    )
    with open(OUTPUT, "w", encoding="utf-8", newline="") as f:
        f.write(swift)


if __name__ == "__main__":
    main()
