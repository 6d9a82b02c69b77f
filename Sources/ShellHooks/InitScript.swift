/// The integration script `sw init <shell>` prints: the `sw` function and `sw_prompt`
/// (shell/sw.SHELL), then tab completion: argument-parser's generated script, as
/// `sw --generate-completion-script SHELL` prints it (bash registered without `-o filenames`, see
/// scripts/embed-shell-scripts.py) and as `make install` installs it (shell/completions/).
public enum InitScript {
    public static func text(for shell: Shell) -> String {
        switch shell {
        case .bash, .fish:
            return wrapper(for: shell) + "\n" + completion(for: shell)
        case .zsh:
            // The script ends with `compdef`, which exists only once compinit has run.
            return wrapper(for: shell) + "\nif (( ${+functions[compdef]} )); then\n" + completion(for: shell) + "fi\n"
        }
    }
}
