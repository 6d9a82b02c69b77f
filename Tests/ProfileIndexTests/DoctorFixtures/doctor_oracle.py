#!/usr/bin/env python3
"""What botocore says about each doctor fixture: doctor_oracle.py FIXTURES_DIR [SLUG...]

Prints {"botocore": version, "results": {slug: {"credentials": outcome, "region": outcome}}}.
An outcome is {"ok": true} or {"ok": false, "exception": class, "message": text, "network": bool}.

Each fixture runs in a fresh Python process (botocore computes ~/.aws/sso/cache when imported)
with HOME = the fixture's home, the fixture's env.json, PATH=/usr/bin:/bin (as in
DoctorTests) and no other AWS_* variable. Nothing reaches AWS: the SSO portal, SSO-OIDC and
sign-in (aws login's refresh) endpoints point at 127.0.0.1:9 (discard; nothing listens), so a profile whose configuration is
fine fails with a connection error, which counts as "got past configuration" (network: true).

- credentials: Session(profile).get_credentials().get_frozen_credentials()
- region: Session(profile).create_client("ec2") with dummy keys (regional, so no region fails)
"""
import json, os, subprocess, sys

NETWORK = {"EndpointConnectionError", "ConnectionClosedError", "ConnectTimeoutError", "ReadTimeoutError",
           "HTTPClientError", "ConnectionError"}

def child(profile):
    import botocore, botocore.session
    def attempt(fn):
        try:
            fn()
            return {"ok": True}
        except Exception as e:
            name = type(e).__name__
            return {"ok": False, "exception": name, "message": str(e), "network": name in NETWORK}
    def creds():
        s = botocore.session.Session(profile=profile)
        c = s.get_credentials()
        if c is not None:
            c.get_frozen_credentials()
    def region():
        s = botocore.session.Session(profile=profile)
        s.create_client("ec2", aws_access_key_id="AKIAORACLE", aws_secret_access_key="oracle")
    print(json.dumps({"credentials": attempt(creds), "region": attempt(region)}))

def main():
    root = sys.argv[1]
    slugs = sys.argv[2:] or sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "expect.json")))
    import botocore
    results = {}
    for slug in slugs:
        folder = os.path.join(root, slug)
        expect = json.load(open(os.path.join(folder, "expect.json")))
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k not in ("HOME", "PATH")}
        env.update({"HOME": os.path.join(folder, "home"), "PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true",
                    "AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:9", "AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:9",
                    "AWS_ENDPOINT_URL_SIGNIN": "http://127.0.0.1:9",
                    "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1",
                    "AWS_MAX_ATTEMPTS": "1", "AWS_RETRY_MODE": "standard"})
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
            env.pop(name, None)
        env_file = os.path.join(folder, "env.json")
        if os.path.exists(env_file):
            env.update(json.load(open(env_file)))
        out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", json.dumps(expect["profile"])],
                             env=env, capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            results[slug] = {"crash": out.stderr[-2000:]}
        else:
            results[slug] = json.loads(out.stdout.strip().splitlines()[-1])
    json.dump({"botocore": botocore.__version__, "results": results}, sys.stdout, indent=1, sort_keys=True)
    print()

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(json.loads(sys.argv[2]))
    else:
        main()
