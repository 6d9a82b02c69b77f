#!/usr/bin/env python3
"""Which credential provider botocore picks for a profile, offline.

    python3 kind_oracle.py CASES.json

CASES.json: {"case name": {"config": TEXT, "credentials": TEXT, "profile": NAME, "env": {...}}, ...};
`env` (optional) adds variables, e.g. the keys `credential_source = Environment` reads.
Prints {"botocore": VERSION, "results": {"case name": {"method": M} or {"error": "Type: text"}}}.

For each case the two files are written to a scratch folder, every AWS_* variable is removed,
AWS_EC2_METADATA_DISABLED=true turns off the instance metadata service and no container
variables are set, so nothing leaves the machine: the resolver's providers only read files (a
credential_process in a case must be a harmless local command). `method` is the provider's
METHOD (`assume-role`, `sso`, `shared-credentials-file`, `custom-process`, …), or null when no
provider gives credentials; `error` is what botocore raised while choosing.
"""
import json
import os
import sys
import tempfile

import botocore
import botocore.credentials
import botocore.session


def resolve(folder, case):
    config, credentials = os.path.join(folder, "config"), os.path.join(folder, "credentials")
    with open(config, "w", encoding="utf-8") as f:
        f.write(case.get("config", ""))
    with open(credentials, "w", encoding="utf-8") as f:
        f.write(case.get("credentials", ""))
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        del os.environ[key]
    os.environ.update({"AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": credentials,
                       "AWS_EC2_METADATA_DISABLED": "true", "HOME": folder})
    os.environ.update(case.get("env", {}))
    try:
        session = botocore.session.Session(profile=case["profile"])
        creds = botocore.credentials.create_credential_resolver(session).load_credentials()
        return {"method": creds.method if creds is not None else None}
    except Exception as e:  # what botocore raises while choosing a provider
        return {"error": f"{type(e).__name__}: {e}"}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    results = {}
    for name, case in cases.items():
        with tempfile.TemporaryDirectory() as folder:
            results[name] = resolve(folder, case)
    json.dump({"botocore": botocore.__version__, "results": results}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
