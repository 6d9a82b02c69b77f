#!/usr/bin/env python3
"""Ask botocore whether each scenario's `aws login` profile obtains credentials without a new login.

Usage: login_oracle.py MANIFEST.json   (prints one JSON document on stdout)

The manifest (written by LoginSessionAgreementTests.swift) looks like
    {"root": "/tmp/x",
     "scenarios": [{"id": "...", "awsDir": "/tmp/x/s/<n>/.aws", "profile": "p",
                    "refreshGrants": [{"refreshToken": "...", "clientId": "..."}]}]}

For every scenario botocore does a real credential resolution
(boto3.Session(profile_name=...).get_credentials().get_frozen_credentials()) with HOME pointing
at a folder whose `.aws` is the scenario's `.aws` (so the login cache is `.aws/login/cache`).
botocore's LoginProvider needs awscrt (botocore[crt]). The sign-in service (CreateOAuth2Token)
is a stand-in started here on 127.0.0.1 (random port), reached through AWS_ENDPOINT_URL_SIGNIN.
It accepts a refresh only for a refresh grant the scenario issued and only with a DPoP header;
any other refresh gets AccessDeniedException with error TOKEN_EXPIRED, which is what the real
service answers once the session's 12 hours are over. Nothing leaves 127.0.0.1: AWS_ENDPOINT_URL
sends every other service to a catch-all path that is reported as unexpected.

Messages are reported with every value from the cache files redacted: only exception names and
botocore's fixed texts come back.
"""
import json
import os
import re
import sys
import threading
import urllib.parse

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
import standin  # noqa: E402  (beside this file)

manifest = json.load(open(sys.argv[1]))
# A clean environment before botocore is imported: no AWS_* variable of the caller leaks in.
home = standin.oracle_home(manifest["root"])


class State:
    lock = threading.Lock()
    grants = []        # [{refreshToken, clientId}]
    requests = []      # what the stand-in saw for the current scenario
    issued = 0


class StandIn(standin.JSONHandler):
    def do_GET(self):
        State.requests.append("unexpected GET " + urllib.parse.urlsplit(self.path).path)
        self._send(404, {"message": "unexpected"}, "ResourceNotFoundException")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/signin/v1/token":
            State.requests.append("unexpected POST " + url.path)
            return self._send(404, {"message": "unexpected"}, "ResourceNotFoundException")
        request = json.loads(body or b"{}")
        grant = {k: request.get(k) for k in ("refreshToken", "clientId")}
        accepted = (request.get("grantType") == "refresh_token" and grant in State.grants
                    and bool(self.headers.get("DPoP")))
        State.requests.append("CreateOAuth2Token " + ("accepted" if accepted else "rejected"))
        if not accepted:
            return self._send(403, {"error": "TOKEN_EXPIRED", "message": "refresh token expired"},
                              "AccessDeniedException")
        with State.lock:
            State.issued += 1
            n = State.issued
        self._send(200, {"accessToken": {"accessKeyId": "ASIASTANDIN", "secretAccessKey": "stand-in-secret",
                                         "sessionToken": "stand-in-session"},
                         "tokenType": "aws_sigv4", "expiresIn": 900, "refreshToken": f"refreshed-refresh-{n}"})


base = standin.serve(StandIn)
os.environ["AWS_ENDPOINT_URL_SIGNIN"] = base + "/signin"

import boto3  # noqa: E402  (after HOME and the endpoint variables are set)
import botocore  # noqa: E402
try:
    import awscrt  # noqa: F401
    has_crt = True
except ImportError:
    has_crt = False

probe = boto3.Session(region_name="us-east-1")
endpoint = probe.client("signin").meta.endpoint_url
endpoint_honoured = endpoint == base + "/signin"

results = []
link = os.path.join(home, ".aws")
for scenario in manifest["scenarios"]:
    if os.path.islink(link):
        os.unlink(link)
    os.symlink(scenario["awsDir"], link)
    with State.lock:
        State.grants = list(scenario.get("refreshGrants", []))
        State.requests = []
    outcome = {"id": scenario["id"]}
    try:
        session = boto3.Session(profile_name=scenario["profile"])
        credentials = session.get_credentials()
        if credentials is None:
            raise RuntimeError("botocore found no credentials at all")
        frozen = credentials.get_frozen_credentials()
        outcome["ok"] = bool(frozen.access_key)
    except Exception as error:  # every failure is a verdict: "needs a new login"
        outcome["ok"] = False
        outcome["exception"] = type(error).__name__
        # ParamValidationError quotes the offending value; keep secrets out of the report.
        outcome["message"] = re.sub(r"value: .*?, type:", "value: <redacted>, type:", str(error))
    outcome["requests"] = list(State.requests)
    results.append(outcome)

os.unlink(link)
json.dump({"botocore": botocore.__version__, "crt": has_crt, "endpointHonoured": endpoint_honoured,
           "endpoint": endpoint, "results": results}, sys.stdout, indent=1)
print()
