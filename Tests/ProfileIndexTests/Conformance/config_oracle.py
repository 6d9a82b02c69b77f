#!/usr/bin/env python3
"""botocore oracle for the conformance corpus.

Usage: python3 config_oracle.py CASES_DIR [SLUG ...]

For every case folder in CASES_DIR (or only the named slugs) this points
AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at the case's `config` /
`credentials` file (a path that does not exist when the case has no such file),
HOME at an empty temporary folder, and evaluates
`botocore.session.Session().full_config` in a fresh Session.

It prints ONE JSON document (sort_keys, UTF-8), keyed by case slug:

  {"ok": true,
   "profiles":     {name: {key: value | {subkey: value}}},
   "sso_sessions": {name: {...}},
   "services":     {name: {...}}}
or
  {"ok": false, "error_type": "ConfigParseError",
   "message": "<str(exception)>", "failed_file": "config" | "credentials"}

botocore opens the files with Python's locale encoding, so the script re-executes
itself in Python's UTF-8 mode (PYTHONUTF8=1) to get the same result on every
machine, whatever LANG says.
"""

import json
import os
import sys
import tempfile


def _ensure_utf8_mode():
    if sys.flags.utf8_mode:
        return
    env = dict(os.environ)
    env["PYTHONUTF8"] = "1"
    os.execve(sys.executable, [sys.executable, "-X", "utf8", *sys.argv], env)


def _clean_environment():
    # Nothing from the caller's AWS setup may influence the result.
    for name in list(os.environ):
        if name.startswith("AWS_") or name.startswith("BOTO_"):
            del os.environ[name]


def evaluate_case(case_dir, home):
    import botocore.exceptions
    import botocore.session

    config = os.path.join(case_dir, "config")
    credentials = os.path.join(case_dir, "credentials")
    missing = os.path.join(home, "does-not-exist")
    config_path = config if os.path.exists(config) else missing + "-config"
    credentials_path = credentials if os.path.exists(credentials) else missing + "-credentials"
    os.environ["AWS_CONFIG_FILE"] = config_path
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = credentials_path
    os.environ["HOME"] = home
    try:
        full = botocore.session.Session().full_config
    except botocore.exceptions.ConfigParseError as e:
        path = e.kwargs.get("path")
        if path == config_path:
            failed = "config"
        elif path == credentials_path:
            failed = "credentials"
        else:  # pragma: no cover - would mean botocore changed
            failed = None
        return {
            "ok": False,
            "error_type": type(e).__name__,
            "message": str(e),
            "failed_file": failed,
        }
    return {
        "ok": True,
        "profiles": full.get("profiles", {}),
        "sso_sessions": full.get("sso_sessions", {}),
        "services": full.get("services", {}),
    }


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: config_oracle.py CASES_DIR [SLUG ...]\n")
        return 2
    _ensure_utf8_mode()
    _clean_environment()
    cases_dir = os.path.abspath(argv[1])
    slugs = argv[2:] or sorted(
        name for name in os.listdir(cases_dir)
        if os.path.isdir(os.path.join(cases_dir, name))
    )
    for slug in slugs:
        if not os.path.isdir(os.path.join(cases_dir, slug)):
            sys.stderr.write(f"config_oracle.py: no case folder {slug!r} in {cases_dir}\n")
            return 2
    result = {}
    with tempfile.TemporaryDirectory(prefix="sw-oracle-home-") as home:
        for slug in slugs:
            result[slug] = evaluate_case(os.path.join(cases_dir, slug), home)
            if os.listdir(home):  # botocore must not write into HOME
                raise SystemExit(f"{slug}: botocore wrote into HOME: {os.listdir(home)}")
    sys.stdout.write(json.dumps(result, sort_keys=True, indent=2, ensure_ascii=False))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
