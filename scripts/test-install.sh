#!/usr/bin/env bash
# The release build as a user gets it: `make` (release build and man page), a smoke test of the
# binary, `make install` into a temporary PREFIX (with DESTDIR), the installed layout, the
# installed binary, man page and completions, then `make uninstall` leaving nothing behind.
# Run by CI (.ci/run) after scripts/test.sh; installs make, file, man-db and groff when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf 'test-install: FAIL: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for tool in make file man groff; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "test-install: installing ${missing[*]}" >&2
    packages=("${missing[@]/man/man-db}")
    packages=("${packages[@]/groff/groff-base}")
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

make

# The release binary: one static executable that runs.
file build/sw | grep -q 'statically linked' || fail "build/sw is not statically linked: $(file build/sw)"
version="$(sed -n 's/^ *static let version = "\(.*\)"$/\1/p' Sources/Switcher/Commands/SwitcherCommand.swift)"
[ -n "$version" ] || fail "no version in Sources/Switcher/Commands/SwitcherCommand.swift"
[ "$(build/sw --version)" = "$version" ] || fail "sw --version printed '$(build/sw --version)', not $version"
example=(env -i "HOME=$PWD/examples/home" PATH=/usr/bin:/bin SW_INDEX_CACHE=off)
"${example[@]}" build/sw list | grep -q '^teleport-awsic-prod-reader ' || fail "sw list on examples/home"
code="$("${example[@]}" build/sw use --shell bash teleport-awsic-prod-reader 2>/dev/null)"
[ "$(bash -c "$code"$'\nprintf %s "$AWS_PROFILE"')" = teleport-awsic-prod-reader ] || fail "sw use --shell bash printed: $code"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
prefix=/opt/sw-test
dest="$tmp/dest"
root="$dest$prefix"

make install PREFIX="$prefix" DESTDIR="$dest"
expected="bin/sw
share/bash-completion/completions/sw
share/fish/vendor_completions.d/sw.fish
share/man/man1/sw.1
share/zsh/site-functions/_sw"
[ "$(cd "$root" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)" = "$expected" ] \
    || fail "installed files: $(cd "$root" && find . -type f)"
[ -x "$root/bin/sw" ] || fail "bin/sw is not executable"
[ "$("$root/bin/sw" --version)" = "$version" ] || fail "the installed sw does not run"

# The installed completions are what sw init carries after its wrapper function.
for shell in bash zsh fish; do
    case "$shell" in
        bash) file="$root/share/bash-completion/completions/sw" ;;
        zsh) file="$root/share/zsh/site-functions/_sw" ;;
        fish) file="$root/share/fish/vendor_completions.d/sw.fish" ;;
    esac
    init="$("$root/bin/sw" init "$shell")"
    [ "$shell" = zsh ] && init="${init%fi}"
    [[ "$init" == *"$(cat "$file")"* ]] || fail "sw init $shell does not carry the installed completion $file"
done
# bash-completion finds the file by the command's name and it registers sw.
[ "$(bash --norc -c "source '$root/share/bash-completion/completions/sw'; complete -p sw")" = "complete -F _sw sw" ] \
    || fail "the installed bash completion does not register sw"

# The man page renders, with the sections that come from the command definitions.
page="$(MANWIDTH=100 man -l "$root/share/man/man1/sw.1" 2>&1)"
for section in NAME SYNOPSIS DESCRIPTION EXAMPLES FILES ENVIRONMENT 'EXIT STATUS' SW_INDEX_CACHE NO_COLOR AWS_PROFILE \
    'sw use' 'sw doctor' '--format'; do
    grep -q -- "$section" <<<"$page" || fail "the man page has no '$section':
$page"
done

make uninstall PREFIX="$prefix" DESTDIR="$dest"
left="$(find "$dest" -type f)"
[ -z "$left" ] || fail "left after make uninstall: $left"
echo "test-install: ok (sw $version; make, install into DESTDIR+PREFIX, man page, completions, uninstall)"
