# sw: shell integration for bash. Load it from ~/.bashrc with:
#     eval "$(sw init bash)"
#
# Defines `sw`, a function that runs the `sw` program and, for the subcommands that change the
# environment (use, pick, off), evaluates what the program prints on stdout, but only when it
# succeeds. Every other subcommand runs untouched. Also defines `sw_prompt`, a prompt helper.
# Internal names start with __sw_. Every builtin is called through `\builtin` and the program
# through `\command`, so the user's aliases and functions cannot intercept them.
#
# `sw init bash` prints this file followed by the completion script, which is exactly what
# `sw --generate-completion-script bash` prints (shell/completions/sw.bash, also installed by
# `make install`).

sw() {
    case "${1-}" in
        use | pick | off)
            \builtin local __sw_arg
            for __sw_arg in "$@"; do
                case "${__sw_arg}" in
                    --) \builtin break ;;
                    -h | --help | --version)
                        \command sw "$@"
                        \builtin return
                        ;;
                    *) ;;
                esac
            done
            \builtin local __sw_code __sw_status=0
            __sw_code="$(SW_SHELL=bash \command sw "$@")" || __sw_status=$?
            if [[ "${__sw_status}" -eq 0 ]]; then
                \builtin eval "${__sw_code}" || :
            fi
            \builtin return "${__sw_status}"
            ;;
        *)
            \command sw "$@"
            ;;
    esac
}

# Prints the current profile, formatted by `sw current --format` ("%p" unless an argument is
# given), when AWS_PROFILE is set. Runs nothing otherwise, and always returns the status the
# previous command left in $?, so a prompt that shows $? still shows the right one.
sw_prompt() {
    \builtin local __sw_status=$?
    if [[ -n "${AWS_PROFILE-}" ]]; then
        \command sw current --format "${1:-%p}" 2>/dev/null || :
    fi
    \builtin return "${__sw_status}"
}
