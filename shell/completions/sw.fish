function __sw_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __sw_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __sw_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __sw_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __sw_parse_tokens -S
    set -l unparsed_tokens (__sw_tokens -pc)
    switch $unparsed_tokens[1]
    case 'sw'
        __sw_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'use'
            __sw_parse_subcommand 1 'shell=' 'login' 'device-code' 'no-device-code' 'no-browser' 'export' 'version' 'h/help'
        case 'pick'
            __sw_parse_subcommand 1 'shell=' 'login' 'device-code' 'no-device-code' 'no-browser' 'export' 'version' 'h/help'
        case 'off'
            __sw_parse_subcommand 0 'shell=' 'version' 'h/help'
        case 'current'
            __sw_parse_subcommand 0 'format=' 'version' 'h/help'
        case 'exec'
            __sw_parse_subcommand -r 2 'export' 'login' 'device-code' 'no-device-code' 'no-browser' 'version' 'h/help'
        case 'export'
            __sw_parse_subcommand 1 'format=' 'shell=' 'login' 'device-code' 'no-device-code' 'no-browser' 'version' 'h/help'
        case 'console'
            __sw_parse_subcommand 1 'destination=' 'print' 'version' 'h/help'
        case 'init'
            __sw_parse_subcommand 1 'version' 'h/help'
        case 'list'
            __sw_parse_subcommand -r 1 'json' 'names' 'sort=' 'version' 'h/help'
        case 'show'
            __sw_parse_subcommand 1 'json' 'version' 'h/help'
        case 'sessions'
            __sw_parse_subcommand 0 'json' 'version' 'h/help'
        case 'login'
            __sw_parse_subcommand -r 1 'session=+' 'all' 'force' 'dry-run' 'device-code' 'no-device-code' 'no-browser' 'version' 'h/help'
        case 'doctor'
            __sw_parse_subcommand 1 'json' 'version' 'h/help'
        case 'help'
            __sw_parse_subcommand -r 1 'version'
        end
    end
end

function __sw_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __sw_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __sw_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __sw_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__sw_tokens -p)
    if test -z "$(__sw_tokens -t)"
        set -l index (count (__sw_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'sw' -f
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'use' -d 'Switch the current shell to a profile: prints shell code to eval.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'pick' -d 'Choose a profile in an interactive fuzzy picker and print the code to switch to it.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'off' -d 'Remove everything sw set in this shell: prints shell code to eval.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'current' -d 'Show the active profile and what it resolves to; cheap enough for every prompt.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'exec' -d 'Run one command with a profile applied, without changing the shell.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'export' -d 'Print a profile\'s credentials for tools that cannot use the profile itself.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'console' -d 'Open the AWS console as a profile\'s role, or print the link (stdout).'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'init' -d 'Print the shell integration: add eval "$(sw init bash)" (or zsh, fish) to your shell\'s rc file.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'list' -d 'List every profile: account, role, region, SSO session and who generated it.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'show' -d 'Show everything known about one profile: settings with their file and line, and its source_profile chain.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'sessions' -d 'List every login: sso-session sections, legacy start URLs and aws login sessions, with their state.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'login' -d 'Run `aws sso login` (or `aws login`) once per login that needs it (profiles sharing a session share one login).'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'doctor' -d 'Find what is broken in your AWS setup, predict the error the AWS CLI would show, and say how to fix it.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw use" -eq 1' -fka '(__sw_custom_completion ---completion use -- positional@0 (count (__sw_tokens -pc)) (__sw_tokens -tC))'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw use" shell' -l 'shell' -d 'The shell that evaluates the output: bash, zsh or fish (default: the one `sw init` set up, else $SHELL).' -rfka 'bash zsh fish'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw use" login' -l 'login' -d 'Run `aws sso login` (or `aws login` for a login_session profile) first when the profile\'s login needs it (its output goes to stderr); `[login] auto = true` in sw\'s config makes this the default.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw use" device-code' -l 'device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw use" no-device-code' -l 'no-device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw use" no-browser' -l 'no-browser' -d 'Pass --no-browser to aws sso login: it prints the link instead of opening a browser.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw use" export' -l 'export' -d 'Also set the profile\'s credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION), resolved by `aws configure export-credentials`, for tools that cannot use a profile; switching away or sw off removes them.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw use" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw use" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw pick" shell' -l 'shell' -d 'The shell that evaluates the output: bash, zsh or fish (default: the one `sw init` set up, else $SHELL).' -rfka 'bash zsh fish'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw pick" login' -l 'login' -d 'Run `aws sso login` (or `aws login` for a login_session profile) first when the picked profile\'s login needs it (its output goes to stderr).'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw pick" device-code' -l 'device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw pick" no-device-code' -l 'no-device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw pick" no-browser' -l 'no-browser' -d 'Pass --no-browser to aws sso login: it prints the link instead of opening a browser.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw pick" export' -l 'export' -d 'Also set the picked profile\'s credentials, as sw use --export does.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw pick" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw pick" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw off" shell' -l 'shell' -d 'The shell that evaluates the output: bash, zsh or fish (default: the one `sw init` set up, else $SHELL).' -rfka 'bash zsh fish'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw off" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw off" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw current" format' -l 'format' -d 'Print this format instead of the summary (for prompt segments).' -rfka ''
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw current" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw current" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw exec" -eq 1' -fka '(__sw_custom_completion ---completion exec -- positional@0 (count (__sw_tokens -pc)) (__sw_tokens -tC))'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw exec" export' -l 'export' -d 'Also give the command the profile\'s credentials, resolved by `aws configure export-credentials`.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw exec" login' -l 'login' -d 'With --export: run `aws sso login` first when the profile\'s SSO login needs it (its output goes to stderr); `[login] auto = true` in sw\'s config makes this the default.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw exec" device-code' -l 'device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw exec" no-device-code' -l 'no-device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw exec" no-browser' -l 'no-browser' -d 'Pass --no-browser to aws sso login: it prints the link instead of opening a browser.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw exec" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw exec" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw export" -eq 1' -fka '(__sw_custom_completion ---completion export -- positional@0 (count (__sw_tokens -pc)) (__sw_tokens -tC))'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw export" format' -l 'format' -d 'env (shell code), json (credential_process JSON) or dotenv (docker --env-file).' -rfka 'env json dotenv'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw export" shell' -l 'shell' -d 'With --format env: the shell that evaluates the output: bash, zsh or fish (default: $SW_SHELL, else $SHELL).' -rfka 'bash zsh fish'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw export" login' -l 'login' -d 'Run `aws sso login` first when the profile\'s SSO login needs it (its output goes to stderr); `[login] auto = true` in sw\'s config makes this the default.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw export" device-code' -l 'device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw export" no-device-code' -l 'no-device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw export" no-browser' -l 'no-browser' -d 'Pass --no-browser to aws sso login: it prints the link instead of opening a browser.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw export" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw console" -eq 1' -fka '(__sw_custom_completion ---completion console -- positional@0 (count (__sw_tokens -pc)) (__sw_tokens -tC))'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw console" destination' -l 'destination' -d 'A console page to land on: an https URL on console.aws.amazon.com or a host under it (us-west-2.console.aws.amazon.com), or the GovCloud or China console.' -rfka ''
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw console" print' -l 'print' -d 'Only print the link; open no browser.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw console" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw console" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw init" -eq 1' -fka 'bash zsh fish'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw init" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw list" json' -l 'json' -d 'Print a JSON array of profile objects (sorted keys, secrets redacted).'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw list" names' -l 'names' -d 'Print one profile name per line (for completion).'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw list" sort' -l 'sort' -d 'Sort by name, account, role, region, session, origin; ties by name.' -rfka 'name account role region session origin'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw list" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw show" -eq 1' -fka '(__sw_custom_completion ---completion show -- positional@0 (count (__sw_tokens -pc)) (__sw_tokens -tC))'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw show" json' -l 'json' -d 'Print the profile as a JSON object (the shape of sw list --json).'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw show" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw sessions" json' -l 'json' -d 'Print a JSON array of login objects (sorted keys, no tokens).'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw sessions" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw sessions" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw login" -ge 1' -fka '(__sw_custom_completion ---completion login -- positional@0 (count (__sw_tokens -pc)) (__sw_tokens -tC))'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw login"' -l 'session' -d 'An sso-session name to log in (repeatable).' -rfka ''
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw login" all' -l 'all' -d 'Every SSO login and aws login session in the config.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw login" force' -l 'force' -d 'Log in even when the token is still valid or refreshable.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw login" dry-run' -l 'dry-run' -d 'Print the aws commands that would run (on stderr) and run nothing.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw login" device-code' -l 'device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw login" no-device-code' -l 'no-device-code' -d 'Log in with the device code flow (aws sso login --use-device-code; aws login --remote): the browser may be on another machine. Default: [login] device_code in sw\'s config, else only on an SSH session or without a display.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw login" no-browser' -l 'no-browser' -d 'Pass --no-browser to aws sso login: it prints the link instead of opening a browser.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw login" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_positional "sw doctor" -eq 1' -fka '(__sw_custom_completion ---completion doctor -- positional@0 (count (__sw_tokens -pc)) (__sw_tokens -tC))'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw doctor" json' -l 'json' -d 'Print a JSON array of findings (keys: fix, file, id, line, message, predicts, profile, session, severity).'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw doctor" version' -l 'version' -d 'Show the version.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sw' -n '__sw_should_offer_completions_for_flags_or_options "sw help" version' -l 'version' -d 'Show the version.'
