extension Shell {
    /// Shell code that applies `change` when evaluated by this shell (`eval "$(sw use x)"`, or
    /// `sw use x | source` in fish): one statement per line, each ending in a newline; empty for
    /// an empty change.
    ///
    /// bash and zsh get `builtin export NAME='…'` and `builtin unset -v NAME`: `builtin` so a user's
    /// alias or function called `export` or `unset` cannot intercept the switch, and `-v` so bash
    /// never removes a *function* of that name when no variable exists. fish gets
    /// `set -gx NAME '…'` and `set -e NAME` (`set` is reserved in fish and cannot be redefined).
    ///
    /// Names are guaranteed valid: ``EnvironmentChange`` traps on an invalid one when it is added,
    /// so nothing invalid can reach this point.
    public func render(_ change: EnvironmentChange) -> String {
        var out = ""
        for operation in change.operations {
            switch (self, operation) {
            case (.bash, .set(let name, let value)), (.zsh, .set(let name, let value)):
                out += "builtin export \(name)=\(ShellQuoting.quote(value, for: self))\n"
            case (.bash, .unset(let name)), (.zsh, .unset(let name)):
                out += "builtin unset -v \(name)\n"
            case (.fish, .set(let name, let value)):
                out += "set -gx \(name) \(ShellQuoting.quote(value, for: self))\n"
            case (.fish, .unset(let name)):
                out += "set -e \(name)\n"
            }
        }
        return out
    }
}
