#!/usr/bin/env python3
"""Generate a realistic ~/.aws for benchmarks.

    python3 bench/gen_config.py N OUT_HOME [--seed S]

Writes OUT_HOME/.aws/config (and OUT_HOME/.aws/credentials) with exactly N profiles
(counting the profiles that exist only in the credentials file), deterministic for a
given N and seed:

* ~70% Teleport Identity Center profiles exactly as `tsh aws-profile` writes them:
  the marker comment line above every managed header, `key=value` without spaces,
  a handful of `[sso-session teleport-d-...]` sections, names
  `teleport-awsic-<account-name>-<role>`, no `region`.
* ~30% hand-written: aligned `key = value`, sso-session profiles with a region, legacy SSO
  profiles (sso_start_url on the profile), assume-role chains (source_profile, role_arn,
  region), credential_process profiles, and static-key profiles whose (obviously fake)
  keys live in the credentials file; comments and blank lines in between.

All keys and secrets are fake. No SSO token cache is written.
"""

import argparse
import os
import random

TELEPORT_MARKER = "; Do not edit. Section managed by Teleport (AWS Identity Center integration)."

TEAMS = ["payments", "checkout", "search", "identity", "platform", "data", "ml", "ledger",
         "billing", "catalog", "growth", "infra", "security", "observability", "mobile",
         "edge", "streaming", "warehouse", "risk", "support", "marketing", "analytics",
         "logistics", "inventory", "pricing", "notifications", "gateway", "sandbox"]
ENVS = ["prod", "staging", "dev", "qa", "sandbox", "perf", "shared", "audit", "dr"]
REGIONS_PART = ["eu", "us", "apac", "emea", "latam"]
TELEPORT_ROLES = ["admin", "readonly", "poweruser", "developer", "billing", "securityaudit",
                  "supportuser", "dbadmin"]
ROLE_NAMES = ["AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "ViewOnlyAccess",
              "DeveloperAccess", "SecurityAudit", "Billing", "DatabaseAdministrator"]
AWS_REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1",
               "eu-north-1", "ap-southeast-2", "ap-northeast-1", "ca-central-1", "sa-east-1"]


class Gen:
    def __init__(self, n, seed):
        self.n = n
        self.rng = random.Random(seed)
        self.used_names = set()
        self.used_ids = set()
        self.account_counter = 0

    def account_id(self):
        while True:
            v = str(self.rng.randrange(100000000000, 999999999999))
            if v not in self.used_ids:
                self.used_ids.add(v)
                return v

    def account_name(self):
        self.account_counter += 1
        r = self.rng
        base = f"{r.choice(TEAMS)}-{r.choice(ENVS)}"
        if r.random() < 0.5:
            base += f"-{r.choice(REGIONS_PART)}"
        return f"{base}-{self.account_counter:04d}"

    def unique(self, name):
        if name in self.used_names:
            raise AssertionError(f"duplicate generated profile name {name}")
        self.used_names.add(name)
        return name

    def teleport(self, count):
        """Returns (sso-session sections, profile sections), each a list of text blocks."""
        r = self.rng
        sessions = []
        n_sessions = max(1, min(5, count // 200 + 1))
        for _ in range(n_sessions):
            directory = f"d-{r.randrange(16**10):010x}"
            sessions.append((f"teleport-{directory}", f"https://{directory}.awsapps.com/start",
                             r.choice(["us-east-1", "eu-west-1", "eu-central-1", "us-west-2"])))
        session_blocks = [
            f"{TELEPORT_MARKER}\n[sso-session {name}]\nsso_start_url={url}\nsso_region={region}\n"
            for name, url, region in sessions
        ]
        profile_blocks = []
        while len(profile_blocks) < count:
            account = self.account_name()
            acct_id = self.account_id()
            session = r.choice(sessions)[0]
            roles = r.sample(TELEPORT_ROLES, k=r.randint(1, 4))
            for role in roles:
                if len(profile_blocks) == count:
                    break
                name = self.unique(f"teleport-awsic-{account}-{role}")
                role_name = ROLE_NAMES[TELEPORT_ROLES.index(role)]
                profile_blocks.append(
                    f"{TELEPORT_MARKER}\n[profile {name}]\nsso_session={session}\n"
                    f"sso_account_id={acct_id}\nsso_role_name={role_name}\n")
        return session_blocks, profile_blocks

    def hand_written(self, count):
        """Returns (config blocks, credentials blocks, number of profiles)."""
        r = self.rng
        config, creds = [], []
        made = 0
        corp_session = "corp"
        config.append("# Company SSO, set up by hand following the wiki\n"
                      f"[sso-session {corp_session}]\n"
                      "sso_start_url           = https://acme-corp.awsapps.com/start\n"
                      "sso_region              = eu-west-1\n"
                      "sso_registration_scopes = sso:account:access\n")
        static_names = []
        while made < count:
            kind = r.choices(["sso", "legacy", "chain", "process", "static", "creds-only"],
                             weights=[30, 15, 20, 10, 15, 10])[0]
            if kind in ("chain",) and not static_names:
                kind = "static"
            account = self.account_name()
            region = r.choice(AWS_REGIONS)
            if r.random() < 0.1:
                config.append(f"# {account}: ask #{r.choice(TEAMS)} before touching prod\n")
            if kind == "sso":
                suffix, role_name = r.choice([("admin", "AdministratorAccess"),
                                              ("ro", "ReadOnlyAccess"), ("dev", "DeveloperAccess")])
                name = self.unique(f"{account}-{suffix}")
                config.append(f"[profile {name}]\n"
                              f"sso_session    = {corp_session}\n"
                              f"sso_account_id = {self.account_id()}\n"
                              f"sso_role_name  = {role_name}\n"
                              f"region         = {region}\n"
                              + ("output         = json\n" if r.random() < 0.3 else ""))
            elif kind == "legacy":
                name = self.unique(f"legacy-{account}")
                config.append(f"[profile {name}]\n"
                              "sso_start_url = https://d-9067642ac7.awsapps.com/start\n"
                              "sso_region = us-east-1\n"
                              f"sso_account_id = {self.account_id()}\n"
                              f"sso_role_name = {r.choice(ROLE_NAMES)}\n"
                              f"region = {region}\n")
            elif kind == "chain":
                name = self.unique(f"{account}-deploy")
                config.append(f"[profile {name}]\n"
                              f"source_profile = {r.choice(static_names)}\n"
                              f"role_arn = arn:aws:iam::{self.account_id()}:role/{r.choice(['Deployer', 'CIRole', 'Terraform'])}\n"
                              f"region = {region}\n"
                              + (f"role_session_name = bench-{made}\n" if r.random() < 0.3 else ""))
                static_names.append(name)  # chains may hang off chains
            elif kind == "process":
                name = self.unique(f"{account}-vault")
                config.append(f"[profile {name}]\n"
                              f"credential_process = /usr/local/bin/aws-vault export --format=json {account}\n"
                              f"region = {region}\n")
            else:
                name = self.unique(f"{account}-iam")
                key_id = f"AKIAFAKE{made:012d}"
                creds.append(f"[{name}]\n"
                             f"aws_access_key_id = {key_id}\n"
                             f"aws_secret_access_key = fakeSecretKey/NOT-REAL/{made:016d}\n")
                if kind == "static":
                    config.append(f"[profile {name}]\nregion = {region}\n")
                static_names.append(name)
            made += 1
        return config, creds, made


def generate(n, seed):
    gen = Gen(n, seed)
    n_teleport = round(n * 0.7) if n > 1 else 0
    n_hand = n - n_teleport - 1  # minus [default]
    if n_hand < 0:
        n_teleport, n_hand = max(0, n - 1), 0
    sessions, tp_profiles = gen.teleport(n_teleport) if n_teleport else ([], [])
    hand_cfg, hand_creds, made = gen.hand_written(n_hand)
    half = len(hand_cfg) // 2
    parts = ["[default]\nregion=us-west-2\noutput=json\n"]
    parts += hand_cfg[:half]
    parts += sessions
    parts += tp_profiles
    parts += hand_cfg[half:]
    config = "\n".join(parts)
    creds = "\n".join(["# Static keys. All of them are fake.\n"] + hand_creds)
    assert len(gen.used_names) + 1 == n or n == 0, (len(gen.used_names), n)
    return config, creds


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of profiles")
    ap.add_argument("out_home", help="folder that becomes HOME; .aws/ is written inside")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = ap.parse_args()
    if args.n < 1:
        ap.error("N must be at least 1")
    config, creds = generate(args.n, args.seed)
    aws = os.path.join(args.out_home, ".aws")
    os.makedirs(aws, exist_ok=True)
    for name, text in (("config", config), ("credentials", creds)):
        with open(os.path.join(aws, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
