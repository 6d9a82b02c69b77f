#!/usr/bin/env python3
"""Writes AWS config files the way aws-sso-util (Python's configparser) writes them, and the
rewrite Leapp applies after it, into out/<scenario>/config, and the credentials file the way
gimme-aws-creds (configparser too) writes it. See PROVENANCE.md.

Regenerate: python3 python_tools.py   (from this folder; no network)

- aws-sso-util-populate: `aws-sso-util configure populate --region us-east-2 --credential-process`
  on a file with a hand-written profile that has a nested s3 block. aws-sso-util reads and writes
  the file with configparser, so it is written here with configparser: `key = value`, comments
  before a section are lost.
- aws-sso-util-then-leapp: the same file after Leapp rewrote it. Leapp's js-ini is not packaged
  in Debian or PyPI, so its three documented effects are applied by `leapp_rewrite` below, not by
  js-ini itself: comments dropped, numeric-looking values written as numbers (a leading zero
  lost), nested blocks flattened to top-level keys.
- gimme-aws-creds: two runs of gimme-aws-creds (cred_profile = role, its default) on a
  credentials file with the user's own [default] keys, written as `_write_aws_creds` in
  gimme_aws_creds/main.py writes them; the expiry is the STS Expiration as botocore parses it
  (a UTC datetime) turned into text with isoformat().
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


GIMME_USER = """# my long-term keys
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = fixture-secret
"""


def gimme_aws_creds(path, role_arn, expiration):
    """One role of a gimme-aws-creds run with write_aws_creds = True and cred_profile = role: the
    profile is the role name from the ARN (what `_parse_role_arn` returns as `role`), `expiration` is STS's
    `Credentials.Expiration` as the XML gives it."""
    from botocore.utils import parse_timestamp  # the parser boto3's STS client applies to it
    profile = role_arn.rsplit("/", 1)[1]  # the role name, after the role's path
    token = "fixture-session-token"
    config = configparser.RawConfigParser()
    if os.path.isfile(path):
        config.read(path)
    if not config.has_section(profile):
        config.add_section(profile)
    config.set(profile, "aws_access_key_id", "ASIAFIXTUREGIMME" + profile.upper())
    config.set(profile, "aws_secret_access_key", "fixture-secret")
    config.set(profile, "aws_session_token", token)
    config.set(profile, "aws_security_token", token)
    config.set(profile, "x_security_token_expires", parse_timestamp(expiration).isoformat())
    with open(path, "w+") as f:
        config.write(f)
    os.chmod(path, 0o600)


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
    # gimme-aws-creds, run once for the role Admin (keys long expired) and later for ReadOnly.
    shutil.rmtree(os.path.join(OUT, "gimme-aws-creds"), ignore_errors=True)
    os.makedirs(os.path.join(OUT, "gimme-aws-creds"))
    path = os.path.join(OUT, "gimme-aws-creds", "credentials")
    with open(path, "w") as f:
        f.write(GIMME_USER)
    gimme_aws_creds(path, "arn:aws:iam::123456789012:role/Admin", "2001-02-03T12:04:05Z")
    gimme_aws_creds(path, "arn:aws:iam::123456789012:role/ReadOnly", "2099-01-01T12:04:05Z")


if __name__ == "__main__":
    main()
