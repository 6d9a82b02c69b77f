#!/usr/bin/env python3
"""Writes the conformance corpus (cases/<NN-slug>/config|credentials) and README.md,
then checks every case against botocore through config_oracle.py.

    python3 make_cases.py          # rewrite cases/ and README.md, then verify
    python3 make_cases.py --check  # only verify the files on disk

The files are byte-exact (BOMs, CRLF, lone CR, tabs, invalid UTF-8), which is why they
are generated here and not typed in an editor. Each case carries the result botocore is
expected to give; a mismatch means botocore changed or a case is wrong, never "update the
expectation blindly". Append new cases at the end so numbers stay stable.
"""

import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
ORACLE = os.path.join(HERE, "config_oracle.py")


def lines(*ls, eol="\n"):
    """Joins lines with `eol`, ending the file with `eol`; returns UTF-8 bytes."""
    return (eol.join(ls) + eol).encode("utf-8")


def fatal(which):
    return ("fatal", which)


def ok(profiles, sso_sessions=None, services=None):
    return {"ok": True, "profiles": profiles,
            "sso_sessions": sso_sessions or {}, "services": services or {}}


TELEPORT = "; Do not edit. Section managed by Teleport (AWS Identity Center integration)."

# (slug, rule pinned down, config bytes | None, credentials bytes | None, expectation)
CASE_LIST = [
    ("basic-default-and-profile",
     "`[default]` is the profile `default`; `[profile dev]` is the profile `dev`.",
     lines("[default]", "region = us-east-1", "output = json", "",
           "[profile dev]", "region = eu-west-1"),
     None,
     ok({"default": {"region": "us-east-1", "output": "json"},
         "dev": {"region": "eu-west-1"}})),

    ("comments-whole-line",
     "`#` and `;` start whole-line comments, also when indented and before the first header.",
     lines("# top comment", "; another", "   # indented before header", "[profile a]",
           "# c1", "region = us-east-1", "   ; indented comment", "\t# tab-indented comment",
           "output = json"),
     None,
     ok({"a": {"region": "us-east-1", "output": "json"}})),

    ("no-inline-comments",
     "There are no inline comments: ` # x` / ` ; y` after a value are part of the value.",
     lines("[profile a]", "region = us-east-1 # primary", "output = json ; or text",
           "sso_start_url = https://d-123.awsapps.com/start#/"),
     None,
     ok({"a": {"region": "us-east-1 # primary", "output": "json ; or text",
               "sso_start_url": "https://d-123.awsapps.com/start#/"}})),

    ("colon-delimiter",
     "`:` is a key/value delimiter like `=`, with or without spaces.",
     lines("[profile a]", "region: us-east-1", "output:json", "role_arn :arn:aws:iam::111122223333:role/x"),
     None,
     ok({"a": {"region": "us-east-1", "output": "json",
               "role_arn": "arn:aws:iam::111122223333:role/x"}})),

    ("first-delimiter-splits",
     "The key is the text before the FIRST `=` or `:` (`a:b = c` is key `a`, value `b = c`).",
     lines("[profile a]", "a:b = c", "x = y:z", "credential_process = cmd --opt=1 --url=https://h:1",
           "m=n=o"),
     None,
     ok({"a": {"a": "b = c", "x": "y:z", "credential_process": "cmd --opt=1 --url=https://h:1",
               "m": "n=o"}})),

    ("keys-lowercased-names-keep-case",
     "Keys are lowercased (`Region` -> `region`); profile names keep their case.",
     lines("[profile MixedCase]", "Region = us-east-1", "AWS_ACCESS_KEY_ID = AKIAFAKEFAKEFAKE0001",
           "SSO_Start_URL = https://D-123.awsapps.com/start"),
     None,
     ok({"MixedCase": {"region": "us-east-1", "aws_access_key_id": "AKIAFAKEFAKEFAKE0001",
                       "sso_start_url": "https://D-123.awsapps.com/start"}})),

    ("section-prefix-is-case-sensitive",
     "`[Profile X]`, `[PROFILE y]` and `[Default]` are not profiles (prefix and `default` are case-sensitive).",
     lines("[Profile X]", "region = a", "[PROFILE y]", "region = b", "[Default]", "region = c",
           "[profile ok]", "region = d"),
     None,
     ok({"ok": {"region": "d"}})),

    ("default-then-profile-default",
     "`[default]` then `[profile default]`: the later section replaces the earlier wholesale (no merge).",
     lines("[default]", "region = us-east-1", "output = json", "", "[profile default]", "region = eu-west-1"),
     None,
     ok({"default": {"region": "eu-west-1"}})),

    ("profile-default-then-default",
     "`[profile default]` then `[default]`: the later (`[default]`) wins wholesale.",
     lines("[profile default]", "region = eu-west-1", "output = text", "", "[default]", "region = us-east-1"),
     None,
     ok({"default": {"region": "us-east-1"}})),

    ("header-inner-whitespace",
     "`[profile  x]` (2 spaces), `[profile\\ty]` (tab) and `[profile z ]` (trailing space) are x, y, z (shlex split).",
     lines("[profile  x]", "k = 1", "[profile\ty]", "k = 2", "[profile z ]", "k = 3"),
     None,
     ok({"x": {"k": "1"}, "y": {"k": "2"}, "z": {"k": "3"}})),

    ("header-double-quotes",
     "`[profile \"my name\"]` is `my name`; `[profile \"a\"b]` is `ab` (shell quoting).",
     lines('[profile "my name"]', "k = 1", '[profile "a"b]', "k = 2"),
     None,
     ok({"my name": {"k": "1"}, "ab": {"k": "2"}})),

    ("header-single-quotes",
     "`[profile 'x y']` is `x y`.",
     lines("[profile 'x y']", "k = 1"),
     None,
     ok({"x y": {"k": "1"}})),

    ("header-backslash-escape",
     "`[profile a\\ b]` is `a b`; `[profile c\\d]` is `cd` (shlex POSIX escapes).",
     lines("[profile a\\ b]", "k = 1", "[profile c\\d]", "k = 2"),
     None,
     ok({"a b": {"k": "1"}, "cd": {"k": "2"}})),

    ("ignored-header-three-words",
     "`[profile a b]` (three shell words) is silently ignored, as are its keys.",
     lines("[profile a b]", "k = 1", "[profile ok]", "k = 2"),
     None,
     ok({"ok": {"k": "2"}})),

    ("ignored-header-bad-quoting",
     "Unbalanced quotes `[profile \"x]`, `[profile 'y]` and a trailing backslash `[profile z\\]` are ignored (shlex error).",
     lines('[profile "x]', "k = 1", "[profile 'y]", "k = 2", "[profile z\\]", "k = 3", "[profile ok]", "k = 4"),
     None,
     ok({"ok": {"k": "4"}})),

    ("ignored-header-one-word",
     "`[profilex]`, `[profile]` and `[profile ]` give one shell word and are ignored.",
     lines("[profilex]", "k = 1", "[profile]", "k = 2", "[profile ]", "k = 3", "[profile ok]", "k = 4"),
     None,
     ok({"ok": {"k": "4"}})),

    ("prefix-match-two-words",
     "Only `startswith(\"profile\")` + two words is checked: `[profiles x]` is x, `[profilex y]` is y, `[profile-a b]` is b.",
     lines("[profiles x]", "k = 1", "[profilex y]", "k = 2", "[profile-a b]", "k = 3"),
     None,
     ok({"x": {"k": "1"}, "y": {"k": "2"}, "b": {"k": "3"}})),

    ("ignored-header-leading-space",
     "Section names are not stripped: `[ profile x ]`, `[ default]`, `[default ]` are not profiles.",
     lines("[ profile x ]", "k = 1", "[ default]", "k = 2", "[default ]", "k = 3", "[profile ok]", "k = 4"),
     None,
     ok({"ok": {"k": "4"}})),

    ("empty-profile-name",
     "`[profile \"\"]` is a profile with the empty name; `[profile '']` later in the file replaces it.",
     lines('[profile ""]', "k = 1", "[profile '']", "j = 2"),
     None,
     ok({"": {"j": "2"}})),

    ("unicode-space-in-header",
     "shlex splits only on ASCII whitespace: `[profile<U+00A0>x]` and `[profile<U+3000>y]` are one word, ignored.",
     lines("[profile\u00a0x]", "k = 1", "[profile\u3000y]", "k = 2", "[profile ok]", "k = 3"),
     None,
     ok({"ok": {"k": "3"}})),

    ("bare-section-not-profile",
     "In the config file `[x]` (no `profile ` prefix) and `[preview]` are not profiles.",
     lines("[x]", "region = us-east-1", "[preview]", "cloudfront = true", "[profile y]", "region = eu-west-1"),
     None,
     ok({"y": {"region": "eu-west-1"}})),

    ("header-trailing-text",
     "Text after the closing `]` is ignored: `[profile x] ; c`, `[profile y] # c`, `[profile z]extra`.",
     lines("[profile x] ; managed", "k = 1", "[profile y] # note", "k = 2", "[profile z]extra", "k = 3"),
     None,
     ok({"x": {"k": "1"}, "y": {"k": "2"}, "z": {"k": "3"}})),

    ("header-greedy-bracket",
     "The header runs to the LAST `]`: `[profile a]b]` is `a]b`, `[profile y] ]` is `y]`, `[profile c] ; [d]` is 4 words -> ignored.",
     lines("[profile a]b]", "k = 1", "[profile y] ]", "k = 2", "[profile c] ; [d]", "k = 3"),
     None,
     ok({"a]b": {"k": "1"}, "y]": {"k": "2"}})),

    ("header-with-delimiters",
     "A `[...]` line is a header before it is a key: `[profile a=b]` is `a=b`, `[profile c:d]` is `c:d`, `[e] = 1` is section `e`.",
     lines("[profile a=b]", "k = 1", "[profile c:d]", "k = 2", "[e] = 1", "k = 3", "[profile f]", "k = 4"),
     None,
     ok({"a=b": {"k": "1"}, "c:d": {"k": "2"}, "f": {"k": "4"}})),

    ("continuation-line",
     "A line indented deeper than its key continues the value, joined with `\\n` (spaces or tabs).",
     lines("[profile a]", "k = first", "  second", "\tthird", "region = us-east-1"),
     None,
     ok({"a": {"k": "first\nsecond\nthird", "region": "us-east-1"}})),

    ("continuation-blank-lines",
     "Blank and whitespace-only lines inside a continued value are kept as empty lines; trailing ones are dropped.",
     lines("[profile a]", "k = a", "", "   ", "  b", "", "", "[profile b]", "x = 1"),
     None,
     ok({"a": {"k": "a\n\n\nb"}, "b": {"x": "1"}})),

    ("continuation-comment-lines",
     "Comment lines inside a continued value (indented or not) are skipped and do not end it.",
     lines("[profile a]", "k = a", "# not part", "  b", "  ; nor this", "  c"),
     None,
     ok({"a": {"k": "a\nb\nc"}})),

    ("indented-header-after-key",
     "An indented `[profile y]` after a key is a continuation line, not a header; its keys belong to the value.",
     lines("[profile a]", "k = a", "  [profile y]", "  region = us-east-1", "[profile z]", "j = 1"),
     None,
     ok({"a": {"k": "a\n[profile y]\nregion = us-east-1"}, "z": {"j": "1"}})),

    ("indentation-relative-to-key",
     "Indentation is relative to the key line: an indented header is a header; a line indented deeper than an indented key continues it.",
     lines("  [profile a]", " k = v", "  j = w", " region = r"),
     None,
     ok({"a": {"k": "v\nj = w", "region": "r"}})),

    ("nested-subsection",
     "`s3 =` + indented `k = v` lines is a sub-table: keys keep case, split on the first `=`, blank/comment lines skipped.",
     lines("[profile a]", "S3 =", "  Addressing_Style = path", "", "  # c", "  endpoint_url = https://h/?a=b",
           "  dup = 1", "  dup = 2", "region = us-east-1"),
     None,
     ok({"a": {"s3": {"Addressing_Style": "path", "endpoint_url": "https://h/?a=b", "dup": "2"},
               "region": "us-east-1"}})),

    ("nested-only-when-first-line-empty",
     "A continued value whose first line is not empty stays a plain string (`x\\na = b`), not a sub-table.",
     lines("[profile a]", "s3 = x", "  a = b"),
     None,
     ok({"a": {"s3": "x\na = b"}})),

    ("fatal-nested-line-without-equals",
     "FATAL: a nested line without `=` (`  kv`) makes the whole file unparseable.",
     lines("[profile a]", "s3 =", "  addressing_style = path", "  kv", "[profile b]", "k = 1"),
     None,
     fatal("config")),

    ("fatal-nested-colon",
     "FATAL: nested lines split only on `=`, so `  k: v` under `s3 =` is fatal.",
     lines("[profile a]", "s3 =", "  addressing_style: path"),
     None,
     fatal("config")),

    ("default-section-leaks",
     "`[DEFAULT]` keys appear in every section (profiles, sso-session, services); section values win.",
     lines("[DEFAULT]", "region = eu-central-1", "output = json", "[default]", "region = us-east-1",
           "[profile a]", "k = 1", "[sso-session s]", "sso_region = us-east-1", "[services svc]",
           "s3 =", "  endpoint_url = https://s3.local"),
     None,
     ok({"default": {"region": "us-east-1", "output": "json"},
         "a": {"k": "1", "region": "eu-central-1", "output": "json"}},
        sso_sessions={"s": {"sso_region": "us-east-1", "region": "eu-central-1", "output": "json"}},
        services={"svc": {"s3": {"endpoint_url": "https://s3.local"},
                          "region": "eu-central-1", "output": "json"}})),

    ("two-default-sections",
     "Two `[DEFAULT]` sections are not a duplicate: their keys merge and leak everywhere.",
     lines("[DEFAULT]", "a = 1", "[profile p]", "b = 2", "[DEFAULT]", "c = 3"),
     None,
     ok({"p": {"a": "1", "b": "2", "c": "3"}})),

    ("fatal-two-default-sections-same-key",
     "FATAL: the same key in two `[DEFAULT]` sections is a duplicate key.",
     lines("[DEFAULT]", "a = 1", "[profile p]", "b = 2", "[DEFAULT]", "a = 3"),
     None,
     fatal("config")),

    ("fatal-bom",
     "FATAL: a UTF-8 byte-order mark (the first line is then not a header).",
     b"\xef\xbb\xbf" + lines("[default]", "region = us-east-1"),
     None,
     fatal("config")),

    ("fatal-text-before-header",
     "FATAL: a key line before the first section header.",
     lines("region = us-east-1", "[default]", "output = json"),
     None,
     fatal("config")),

    ("fatal-key-without-delimiter",
     "FATAL: a key line without `=` or `:` (the error is raised after the whole file is read).",
     lines("[profile a]", "region us-east-1", "[profile b]", "region = eu-west-1"),
     None,
     fatal("config")),

    ("fatal-empty-key",
     "FATAL: `= value` (empty key).",
     lines("[profile a]", "= us-east-1"),
     None,
     fatal("config")),

    ("fatal-duplicate-section",
     "FATAL: the same section header twice.",
     lines("[profile a]", "region = us-east-1", "[profile b]", "k = 1", "[profile a]", "output = json"),
     None,
     fatal("config")),

    ("fatal-duplicate-key",
     "FATAL: the same key twice in one section.",
     lines("[profile a]", "region = us-east-1", "region = eu-west-1"),
     None,
     fatal("config")),

    ("fatal-duplicate-key-case",
     "FATAL: keys differing only in case are duplicates (`Region` / `region`).",
     lines("[profile a]", "Region = us-east-1", "region = eu-west-1"),
     None,
     fatal("config")),

    ("fatal-invalid-utf8-in-comment",
     "FATAL: bytes that are not UTF-8 (Latin-1 `\\xfc`), even inside a comment.",
     b"[profile a]\n# Z\xfcrich office\nregion = eu-central-2\n",
     None,
     fatal("config")),

    ("fatal-utf8-encoded-surrogate",
     "FATAL: CESU-style encoded surrogate `ED A0 80` is not valid UTF-8 for Python (no replacement char).",
     b"[profile a]\nregion = us-east-1\nnote = \xed\xa0\x80\n",
     None,
     fatal("config")),

    ("crlf-line-endings",
     "CRLF line endings are fine everywhere, including continuation and nested lines.",
     lines("[profile a]", "region = us-east-1", "k = a", "  b", "s3 =", "  x = 1", eol="\r\n"),
     None,
     ok({"a": {"region": "us-east-1", "k": "a\nb", "s3": {"x": "1"}}})),

    ("lone-cr-line-endings",
     "A lone CR is a line ending too (universal newlines), also mixed with LF and CRLF.",
     b"[profile a]\rregion = us-east-1\r[profile b]\nk = 1\r\n[profile c]\rk = 2",
     None,
     ok({"a": {"region": "us-east-1"}, "b": {"k": "1"}, "c": {"k": "2"}})),

    ("empty-values",
     "`k =`, `j:` and `region=` give the empty string.",
     lines("[profile a]", "k =", "j:", "region="),
     None,
     ok({"a": {"k": "", "j": "", "region": ""}})),

    ("whitespace-only-lines",
     "Whitespace-only lines (spaces, tabs) between sections and keys are ignored.",
     lines("   ", "[profile a]", "\t", "region = us-east-1", "  \t  ", "[profile b]", "    ", "k = 1"),
     None,
     ok({"a": {"region": "us-east-1"}, "b": {"k": "1"}})),

    ("non-ascii-names-and-values",
     "Non-ASCII profile names and values pass through; non-ASCII keys are lowercased (`ÜBER` -> `über`).",
     lines("[profile prod-zürich]", "region = eu-central-2", "description = Zürich 東京 🚀",
           "ÜBER = Ä", '[profile "日本 本番"]', "k = 1"),
     None,
     ok({"prod-zürich": {"region": "eu-central-2", "description": "Zürich 東京 🚀", "über": "Ä"},
         "日本 本番": {"k": "1"}})),

    ("tabs-around-delimiter",
     "Tabs and spaces around `=`/`:`, at the end of a value and before the first key of a section are stripped.",
     lines("[profile a]", "\tsso_role_name\t= Admin", "region\t=\tus-east-1\t", "output \t:\t json  "),
     None,
     ok({"a": {"region": "us-east-1", "output": "json", "sso_role_name": "Admin"}})),

    ("unicode-whitespace-edges",
     "Python strip removes Unicode whitespace at value edges (U+00A0, U+2003, U+3000, U+0085) but not U+200B.",
     lines("[profile a]", "region =\u00a0\u2003us-east-1\u3000\u0085", "k = \u200bv\u200b",
           "name\u00a0=\u00a0x"),
     None,
     ok({"a": {"region": "us-east-1", "k": "\u200bv\u200b", "name": "x"}})),

    ("fatal-kelvin-sign-key-duplicate",
     "FATAL: `\u212aey` (U+212A KELVIN SIGN) lowercases to `key`, duplicating `Key`.",
     lines("[profile a]", "Key = a", "\u212aey = b"),
     None,
     fatal("config")),

    ("credentials-override-merge",
     "Credentials `[a]` keys override the same keys of config `[profile a]`; other config keys stay; creds-only `[b]` is a profile.",
     lines("[profile a]", "region = us-east-1", "aws_access_key_id = AKIAFROMCONFIG00000"),
     lines("[a]", "aws_access_key_id = AKIAFAKEFAKEFAKE0001", "aws_secret_access_key = fake/secret/0001",
           "[b]", "aws_access_key_id = AKIAFAKEFAKEFAKE0002", "aws_secret_access_key = fake/secret/0002"),
     ok({"a": {"region": "us-east-1", "aws_access_key_id": "AKIAFAKEFAKEFAKE0001",
               "aws_secret_access_key": "fake/secret/0001"},
         "b": {"aws_access_key_id": "AKIAFAKEFAKEFAKE0002", "aws_secret_access_key": "fake/secret/0002"}})),

    ("credentials-profile-prefix-literal",
     "In the credentials file `[profile x]` is a profile literally named `profile x`, separate from config's `x`.",
     lines("[profile x]", "region = us-east-1"),
     lines("[profile x]", "aws_access_key_id = AKIAFAKEFAKEFAKE0003", "[default]", "aws_access_key_id = AKIAFAKEFAKEFAKE0004"),
     ok({"x": {"region": "us-east-1"}, "profile x": {"aws_access_key_id": "AKIAFAKEFAKEFAKE0003"},
         "default": {"aws_access_key_id": "AKIAFAKEFAKEFAKE0004"}})),

    ("credentials-default-section-leaks",
     "`[DEFAULT]` in the credentials file leaks into every credentials profile (and thus into the merged profile).",
     lines("[profile a]", "region = us-east-1", "output = json"),
     lines("[DEFAULT]", "output = text", "[a]", "aws_access_key_id = AKIAFAKEFAKEFAKE0005", "[c]", "k = 1"),
     ok({"a": {"region": "us-east-1", "output": "text", "aws_access_key_id": "AKIAFAKEFAKEFAKE0005"},
         "c": {"k": "1", "output": "text"}})),

    ("fatal-credentials-file",
     "FATAL (credentials): a bad credentials file fails the whole load even though config is fine.",
     lines("[profile a]", "region = us-east-1"),
     lines("[a]", "aws_access_key_id = AKIAFAKEFAKEFAKE0006", "[a]", "aws_secret_access_key = x"),
     fatal("credentials")),

    ("credentials-only",
     "No config file: every credentials section is a profile; nested sub-tables are parsed there too.",
     None,
     lines("[default]", "aws_access_key_id = AKIAFAKEFAKEFAKE0007", "[ci]", "s3 =", "  addressing_style = path"),
     ok({"default": {"aws_access_key_id": "AKIAFAKEFAKEFAKE0007"}, "ci": {"s3": {"addressing_style": "path"}}})),

    ("fatal-config-reported-before-credentials",
     "FATAL (config): when both files are bad, the config file is the one reported.",
     lines("junk before header", "[profile a]"),
     lines("junk before header", "[a]"),
     fatal("config")),

    ("config-bare-section-vs-credentials",
     "Config `[x]` is not a profile and is not merged: the profile `x` has only the credentials keys.",
     lines("[x]", "region = us-east-1"),
     lines("[x]", "aws_access_key_id = AKIAFAKEFAKEFAKE0008"),
     ok({"x": {"aws_access_key_id": "AKIAFAKEFAKEFAKE0008"}})),

    ("sso-session-and-services",
     "`[sso-session x]` and `[services x]` use the same two-shell-word rule; their names are separate from profiles.",
     lines("[sso-session corp]", "sso_start_url = https://d-123.awsapps.com/start", "sso_region = us-east-1",
           "sso_registration_scopes = sso:account:access", "[sso-session  spaced]", "sso_region = eu-west-1",
           "[sso-session a b]", "sso_region = x", "[services dev]", "s3 =", "  endpoint_url = http://localhost:4566",
           "[profile dev]", "sso_session = corp", "sso_account_id = 111122223333", "sso_role_name = Admin",
           "services = dev"),
     None,
     ok({"dev": {"sso_session": "corp", "sso_account_id": "111122223333", "sso_role_name": "Admin",
                 "services": "dev"}},
        sso_sessions={"corp": {"sso_start_url": "https://d-123.awsapps.com/start", "sso_region": "us-east-1",
                               "sso_registration_scopes": "sso:account:access"},
                      "spaced": {"sso_region": "eu-west-1"}},
        services={"dev": {"s3": {"endpoint_url": "http://localhost:4566"}}})),

    ("same-profile-two-spellings",
     "`[profile a]` and `[profile  a]` are different sections naming one profile: the later wins wholesale.",
     lines("[profile a]", "region = us-east-1", "output = json", "[profile  a]", "region = eu-west-1"),
     None,
     ok({"a": {"region": "eu-west-1"}})),

    ("teleport-tsh-exact",
     "Teleport `tsh aws-profile` output exactly as the binary writes it (`key=value`, `;` marker comments).",
     lines("[default]", "region=us-west-2", "output=json", "", TELEPORT, "[sso-session teleport-d-123]",
           "sso_start_url=https://d-123.awsapps.com/start", "sso_region=us-east-1", "", TELEPORT,
           "[profile teleport-awsic-dev-admin]", "sso_session=teleport-d-123", "sso_account_id=111111111111",
           "sso_role_name=Admin"),
     None,
     ok({"default": {"region": "us-west-2", "output": "json"},
         "teleport-awsic-dev-admin": {"sso_session": "teleport-d-123", "sso_account_id": "111111111111",
                                      "sso_role_name": "Admin"}},
        sso_sessions={"teleport-d-123": {"sso_start_url": "https://d-123.awsapps.com/start",
                                         "sso_region": "us-east-1"}})),

    ("teleport-aligned-style",
     "Teleport library style: aligned `key    = value` with marker comments; same result as `key=value`.",
     lines(TELEPORT, "[sso-session teleport-d-456]", "sso_start_url = https://d-456.awsapps.com/start",
           "sso_region    = eu-west-1", "", TELEPORT, "[profile teleport-awsic-prod-readonly]",
           "sso_session    = teleport-d-456", "sso_account_id = 222222222222", "sso_role_name  = ReadOnly"),
     None,
     ok({"teleport-awsic-prod-readonly": {"sso_session": "teleport-d-456", "sso_account_id": "222222222222",
                                          "sso_role_name": "ReadOnly"}},
        sso_sessions={"teleport-d-456": {"sso_start_url": "https://d-456.awsapps.com/start",
                                         "sso_region": "eu-west-1"}})),

    ("teleport-apps-login",
     "Teleport `tsh apps login` (Roles Anywhere): marker comment + a single `credential_process=` key.",
     lines("; Do not edit. Section managed by Teleport.", "[profile my-aws-app]",
           "credential_process=tsh apps config --format aws-credential-process my-aws-app", "",
           "; This section is managed by Teleport. Do not edit.", "[profile old-app]",
           "credential_process=tsh apps config --format aws-credential-process old-app"),
     None,
     ok({"my-aws-app": {"credential_process": "tsh apps config --format aws-credential-process my-aws-app"},
         "old-app": {"credential_process": "tsh apps config --format aws-credential-process old-app"}})),

    ("granted-blocks",
     "granted: registry start/end marker sections are not profiles; `/` in names; aligned granted_* keys.",
     lines("[granted_registry_start corp]", "", "[profile dev/AdministratorAccess]",
           "granted_sso_start_url      = https://d-123.awsapps.com/start", "granted_sso_region         = us-east-1",
           "granted_sso_account_id     = 123456789012", "granted_sso_role_name      = AdministratorAccess",
           "common_fate_generated_from = aws-sso",
           "credential_process         = granted credential-process --profile dev/AdministratorAccess", "",
           "[granted_registry_end corp]"),
     None,
     ok({"dev/AdministratorAccess": {
         "granted_sso_start_url": "https://d-123.awsapps.com/start", "granted_sso_region": "us-east-1",
         "granted_sso_account_id": "123456789012", "granted_sso_role_name": "AdministratorAccess",
         "common_fate_generated_from": "aws-sso",
         "credential_process": "granted credential-process --profile dev/AdministratorAccess"}})),

    ("aws-sso-cli-block",
     "aws-sso-cli: `# BEGIN/END_AWS_SSO_CLI` comment markers; `123456789012:Role` names (colon inside a header); quotes kept in values.",
     lines("# BEGIN_AWS_SSO_CLI", "", "[profile 123456789012:AdministratorAccess]",
           'credential_process = /usr/local/bin/aws-sso -S "Default" process --arn arn:aws:iam::123456789012:role/AdministratorAccess',
           "", "# END_AWS_SSO_CLI"),
     None,
     ok({"123456789012:AdministratorAccess": {
         "credential_process": '/usr/local/bin/aws-sso -S "Default" process --arn arn:aws:iam::123456789012:role/AdministratorAccess'}})),

    ("aws-sso-util-populate",
     "aws-sso-util `configure populate`: `account.Role` names, `sso_auto_populated = true`.",
     lines("[profile my-account.AdministratorAccess]", "sso_start_url = https://d-123.awsapps.com/start",
           "sso_region = us-east-1", "sso_account_name = my-account", "sso_account_id = 123456789012",
           "sso_role_name = AdministratorAccess", "region = us-east-1",
           "credential_process = aws-sso-util credential-process --profile my-account.AdministratorAccess",
           "sso_auto_populated = true"),
     None,
     ok({"my-account.AdministratorAccess": {
         "sso_start_url": "https://d-123.awsapps.com/start", "sso_region": "us-east-1",
         "sso_account_name": "my-account", "sso_account_id": "123456789012",
         "sso_role_name": "AdministratorAccess", "region": "us-east-1",
         "credential_process": "aws-sso-util credential-process --profile my-account.AdministratorAccess",
         "sso_auto_populated": "true"}})),

    ("leapp",
     "Leapp: `credential_process = leapp session generate <uuid>`.",
     lines("[profile leapp-dev]", "credential_process = leapp session generate 4f1c9a2e-7d3b-4e8a-9c0d-2b6e8f1a3c5d",
           "region = eu-west-1"),
     None,
     ok({"leapp-dev": {"credential_process": "leapp session generate 4f1c9a2e-7d3b-4e8a-9c0d-2b6e8f1a3c5d",
                       "region": "eu-west-1"}})),

    ("saml2aws-credentials",
     "saml2aws: credentials-file profile `saml` with aligned keys and `x_security_token_expires`.",
     None,
     lines("[saml]", "aws_access_key_id        = ASIAFAKEFAKEFAKE0009", "aws_secret_access_key    = fake/secret/0009",
           "aws_session_token        = FAKEsessionTOKEN==", "aws_security_token       = FAKEsessionTOKEN==",
           "x_principal_arn          = arn:aws:sts::123456789012:assumed-role/Dev/user@example.com",
           "x_security_token_expires = 2026-12-01T00:00:00Z"),
     ok({"saml": {"aws_access_key_id": "ASIAFAKEFAKEFAKE0009", "aws_secret_access_key": "fake/secret/0009",
                  "aws_session_token": "FAKEsessionTOKEN==", "aws_security_token": "FAKEsessionTOKEN==",
                  "x_principal_arn": "arn:aws:sts::123456789012:assumed-role/Dev/user@example.com",
                  "x_security_token_expires": "2026-12-01T00:00:00Z"}})),

    ("no-interpolation",
     "RawConfigParser: `%` and `%(x)s` are literal (no interpolation).",
     lines("[profile a]", "k = %(region)s 100%", "region = us-east-1"),
     None,
     ok({"a": {"k": "%(region)s 100%", "region": "us-east-1"}})),

    ("values-keep-quotes",
     "Quotes and backslashes in values are kept literally (no unquoting).",
     lines("[profile a]", 'role_session_name = "me"', "external_id = 'x y'", "p = C:\\path\\n"),
     None,
     ok({"a": {"role_session_name": '"me"', "external_id": "'x y'", "p": "C:\\path\\n"}})),

    ("empty-files",
     "An empty config and a comments-only credentials file are fine: no profiles.",
     b"",
     lines("# nothing here", "; at all"),
     ok({})),

    ("default-section-only",
     "A file with only `[DEFAULT]` has no profiles (`[DEFAULT]` itself is not the `default` profile).",
     lines("[DEFAULT]", "region = us-east-1"),
     None,
     ok({})),

    ("nul-byte-in-value",
     "A NUL byte is valid UTF-8 and stays inside the value.",
     b"[profile a]\nk = a\x00b\n",
     None,
     ok({"a": {"k": "a\x00b"}})),

    ("nested-split-on-unicode-line-breaks",
     "Nested values are split with str.splitlines(): a form feed (U+000C) inside a nested line starts a new sub-key.",
     b"[profile a]\ns3 =\n  x = 1\x0cy = 2\n",
     None,
     ok({"a": {"s3": {"x": "1", "y": "2"}}})),

    ("unicode-indentation-continues",
     "Indentation is any Unicode whitespace: a U+00A0-indented `[profile b]` after a key is a continuation, so `b`'s key lands in `a`.",
     lines("[profile a]", "region = us-east-1", "\u00a0[profile b]", "k = v"),
     None,
     ok({"a": {"region": "us-east-1\n[profile b]", "k": "v"}})),

    ("fatal-unclosed-header",
     "FATAL: `[profile x` without `]` is a key line without a delimiter.",
     lines("[profile a]", "k = 1", "[profile x"),
     None,
     fatal("config")),

    ("default-bad-nested-value-without-sections",
     "A `[DEFAULT]` sub-table line without `=` is not fatal when no section reads it: botocore parses nested values per section.",
     lines("[DEFAULT]", "s3 =", "  bad"),
     None,
     ok({})),

    ("default-bad-nested-value-overridden",
     "A bad `[DEFAULT]` sub-table is not fatal when every section has its own value for that key.",
     lines("[DEFAULT]", "s3 =", "  bad", "[profile a]", "s3 = x", "[profile b]", "s3 =", "  k = v"),
     None,
     ok({"a": {"s3": "x"}, "b": {"s3": {"k": "v"}}})),

    ("fatal-default-bad-nested-value-read",
     "FATAL: a bad `[DEFAULT]` sub-table is fatal as soon as one section lacks that key and so reads it.",
     lines("[DEFAULT]", "s3 =", "  bad", "[profile a]", "s3 = x", "[profile b]", "region = us-east-1"),
     None,
     fatal("config")),

    ("keys-lowercased-final-sigma",
     "Keys are lowercased with Python's `str.lower()`, which turns a word-final capital sigma into `ς`.",
     lines("[profile a]", "ΑΣ = v", "ΑΣΑ = w", "Σ = x"),
     None,
     ok({"a": {"ας": "v", "ασα": "w", "σ": "x"}})),

    ("nested-equals-before-combining-mark",
     "A sub-table line splits at the first `=` code point, even when a combining mark follows it (`k =\u0301v`).",
     lines("[profile a]", "s3 =", "  k =\u0301v", "  \u00e9=1", "  e\u0301=2"),
     None,
     ok({"a": {"s3": {"k": "\u0301v", "\u00e9": "1", "e\u0301": "2"}}})),

    ("normalisation-two-profiles",
     "`[profile caf\u00e9]` and `[profile cafe\u0301]` (NFC and NFD) are two profiles: names compare by code points.",
     lines("[profile caf\u00e9]", "region = eu-west-1", "[profile cafe\u0301]", "region = us-east-1"),
     None,
     ok({"caf\u00e9": {"region": "eu-west-1"}, "cafe\u0301": {"region": "us-east-1"}})),

    ("normalisation-two-sessions-and-keys",
     "Sessions and keys that differ only in normalisation are two as well; so are credentials-file sections.",
     lines("[sso-session s\u00e9]", "sso_region = eu-west-1", "[sso-session se\u0301]", "sso_region = us-east-1",
           "[profile p]", "k\u00e9 = 1", "ke\u0301 = 2"),
     lines("[q\u00e9]", "region = a", "[qe\u0301]", "region = b"),
     ok({"p": {"k\u00e9": "1", "ke\u0301": "2"}, "q\u00e9": {"region": "a"}, "qe\u0301": {"region": "b"}},
        sso_sessions={"s\u00e9": {"sso_region": "eu-west-1"}, "se\u0301": {"sso_region": "us-east-1"}})),
]


def expected_for(case):
    return case[4]


def slug_of(index, case):
    return f"{index + 1:02d}-{case[0]}"


def write_cases():
    if os.path.isdir(CASES):
        shutil.rmtree(CASES)
    os.makedirs(CASES)
    for i, case in enumerate(CASE_LIST):
        d = os.path.join(CASES, slug_of(i, case))
        os.makedirs(d)
        for name, data in (("config", case[2]), ("credentials", case[3])):
            if data is not None:
                with open(os.path.join(d, name), "wb") as f:
                    f.write(data)
    with open(os.path.join(CASES, ".gitattributes"), "w") as f:
        f.write("# Byte-exact fixtures: never convert line endings or encodings.\n* -text -diff\n")


def write_readme():
    out = [
        "# botocore conformance corpus",
        "",
        "Each `cases/<NN-slug>/` holds a `config` and/or `credentials` file (byte-exact; generated by",
        "`make_cases.py`, do not edit by hand). `config_oracle.py cases/` prints what botocore 1.43",
        "(`Session().full_config`, Python 3.11 `configparser.RawConfigParser`) makes of every case; `sw`",
        "must agree. `python3 make_cases.py --check` re-verifies the expectations against botocore.",
        "",
        "FATAL means botocore raises `ConfigParseError: Unable to parse config file: <path>` and no",
        "profile of either file is usable.",
        "",
        "`ConformanceTests.swift` checks every case; `ParserFuzzTests.swift` compares a few hundred",
        "generated configs with botocore on every run. Known divergences, not covered by any case:",
        "",
        "* Unicode version. `str.lower()` uses Python 3.11's Unicode 14.0 tables, Swift its own newer",
        "  ones: a key with a capital letter added after Unicode 14 (U+A7CB, U+1C89, ...) is lowercased",
        "  by `sw` and kept by botocore. (Whitespace is a fixed table copied from Python, so it agrees.)",
        "* `[services NAME]` sections are parsed by both but not compared: `Index` does not expose them.",
        "* In a file botocore refuses, `sw` keeps reading to index what it can (configparser stops at",
        "  a missing header or a duplicate), so the list of failures is `sw`'s own; the verdict, which",
        "  file is refused, is the same.",
        "",
    ]
    for i, case in enumerate(CASE_LIST):
        files = "+".join(n for n, d in (("config", case[2]), ("credentials", case[3])) if d is not None)
        out.append(f"- `{slug_of(i, case)}` ({files or 'no files'}): {case[1]}")
    with open(os.path.join(HERE, "README.md"), "w") as f:
        f.write("\n".join(out) + "\n")


def check():
    raw = subprocess.run([sys.executable, ORACLE, CASES], check=True, capture_output=True).stdout
    got = json.loads(raw)
    failures = 0
    wanted = {slug_of(i, c): expected_for(c) for i, c in enumerate(CASE_LIST)}
    if set(got) != set(wanted):
        print("case folders differ from CASE_LIST:", sorted(set(got) ^ set(wanted)))
        failures += 1
    for slug, want in wanted.items():
        have = got.get(slug)
        if isinstance(want, tuple):
            good = (have is not None and have["ok"] is False
                    and have["error_type"] == "ConfigParseError" and have["failed_file"] == want[1]
                    and have["message"].startswith("Unable to parse config file: ")
                    and have["message"].endswith("/" + want[1]))
        else:
            good = have == want
        if not good:
            failures += 1
            print(f"MISMATCH {slug}\n  want {json.dumps(want, ensure_ascii=False, sort_keys=True)}"
                  f"\n  have {json.dumps(have, ensure_ascii=False, sort_keys=True)}")
    print(f"{len(wanted)} cases, {failures} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    if "--check" not in sys.argv[1:]:
        write_cases()
        write_readme()
    sys.exit(check())
