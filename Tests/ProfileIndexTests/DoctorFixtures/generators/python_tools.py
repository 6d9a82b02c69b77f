#!/usr/bin/env python3
"""Writes AWS config files the way aws-sso-util (Python's configparser) writes them, and the
rewrite Leapp applies after it, into out/<scenario>/config. See PROVENANCE.md.

Regenerate: python3 python_tools.py   (from this folder; no network)

- aws-sso-util-populate: `aws-sso-util configure populate --region us-east-2 --credential-process`
  on a file with a hand-written profile that has a nested s3 block. aws-sso-util reads and writes
  the file with configparser, so it is written here with configparser: `key = value`, comments
  before a section are lost.
- aws-sso-util-then-leapp: the same file after Leapp rewrote it. Leapp's js-ini is not packaged
  in Debian or PyPI, so its three documented effects are applied by `leapp_rewrite` below, not by
  js-ini itself: comments dropped, numeric-looking values written as numbers (a leading zero
  lost), nested blocks flattened to top-level keys.
"""
import configparser, os, re, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")

USER = """# my own profiles
[default]
region = eu-west-2

[profile data]
role_arn = arn:aws:iam::012345678901:role/Data
source_profile = default
region = eu-west-2
s3 =
  max_concurrent_requests = 20
  multipart_threshold = 64MB
"""

# The accounts and roles the portal would list: one account id starts with 0.
ROLES = [("acme-prod", "012345678901", "Admin"), ("acme-dev", "210987654321", "Developer")]
START_URL, SSO_REGION, REGION = "https://acme.awsapps.com/start", "us-east-1", "us-east-2"


def populate(path):
    config = configparser.ConfigParser(interpolation=None)
    config.read(path)
    for account_name, account_id, role in ROLES:
        name = f"{account_name}.{role}"
        section = f"profile {name}"
        if not config.has_section(section):
            config.add_section(section)
        for key, value in [("sso_start_url", START_URL), ("sso_region", SSO_REGION), ("sso_account_name", account_name),
                           ("sso_account_id", account_id), ("sso_role_name", role), ("region", REGION),
                           ("credential_process", f"aws-sso-util credential-process --profile {name}"),
                           ("sso_auto_populated", "true")]:
            config.set(section, key, value)
    with open(path, "w") as f:
        config.write(f)


def leapp_rewrite(path):
    """Comments dropped, numbers unquoted (012345678901 -> 12345678901), nesting flattened."""
    out = []
    for line in open(path).read().splitlines():
        if line.lstrip().startswith(("#", ";")):
            continue
        m = re.match(r"^\s*([^=\s][^=]*?)\s*=\s*(.*)$", line)
        if m:
            key, value = m.group(1), m.group(2)
            if re.fullmatch(r"\d+", value):
                value = str(int(value))
            out.append(f"{key}={value}")
        else:
            out.append(line)
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    for name in ("aws-sso-util-populate", "aws-sso-util-then-leapp"):
        shutil.rmtree(os.path.join(OUT, name), ignore_errors=True)
        os.makedirs(os.path.join(OUT, name))
        path = os.path.join(OUT, name, "config")
        with open(path, "w") as f:
            f.write(USER)
        populate(path)
        if name.endswith("leapp"):
            leapp_rewrite(path)


if __name__ == "__main__":
    main()
