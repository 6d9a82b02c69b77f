#!/usr/bin/env bash
# Runs every test of sw on a fresh machine: installs what the tests need (shells, linters,
# tmux, botocore), builds, and runs the whole suite. Used by CI (.ci/run) and by people.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for tool in zsh fish shellcheck tmux fzf hyperfine pkg-config; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ -x /usr/bin/time ] || missing+=(time)
dpkg -s libreadline-dev >/dev/null 2>&1 || missing+=(libreadline-dev)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# botocore is the reference the conformance, token and doctor tests compare sw with; its
# LoginProvider (profiles with login_session, written by aws login) needs awscrt.
if ! python3 -c 'import botocore, boto3, awscrt' >/dev/null 2>&1; then
    echo "test.sh: installing botocore, boto3 and awscrt" >&2
    python3 -m pip install --quiet botocore boto3 awscrt
fi
if ! python3 -c 'import pexpect' >/dev/null 2>&1; then
    python3 -m pip install --quiet pexpect
fi

swift build --build-tests
swift test --skip-build "$@"
