# sw: shell integration for fish. Load it from ~/.config/fish/config.fish with:
#     sw init fish | source
#
# Defines `sw`, a function that runs the `sw` program and, for the subcommands that change the
# environment (use, pick, off), evaluates what the program prints on stdout, but only when it
# succeeds. Every other subcommand runs untouched. Also defines `sw_prompt`, a prompt helper.
# Internal names start with __sw_. Builtins that fish lets users redefine are called through
# `builtin` and the program through `command`.
#
# `sw init fish` prints this file followed by the completion script, which is exactly what
# `sw --generate-completion-script fish` prints (shell/completions/sw.fish, also installed by
# `make install`).

function sw --description 'Switch AWS profiles'
    switch "$argv[1]"
        case use pick off
            for __sw_arg in $argv
                switch $__sw_arg
                    case --
                        break
                    case -h --help --version
                        command sw $argv
                        return $status
                end
            end
            set -l __sw_code (SW_SHELL=fish command sw $argv | string collect)
            set -l __sw_status $pipestatus[1]
            if test $__sw_status -eq 0
                eval $__sw_code
            end
            return $__sw_status
        case '*'
            command sw $argv
    end
end

# Prints the current profile, formatted by `sw current --format` ("%p" unless an argument is
# given), when AWS_PROFILE is set. Runs nothing otherwise, and always returns the status the
# previous command left in $status, so a prompt that shows it still shows the right one.
function sw_prompt --description 'Print the current AWS profile for a prompt'
    set -l __sw_status $status
    if test -n "$AWS_PROFILE"
        set -l __sw_format %p
        if test -n "$argv[1]"
            set __sw_format $argv[1]
        end
        command sw current --format $__sw_format 2>/dev/null
    end
    return $__sw_status
end
