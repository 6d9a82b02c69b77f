#!/usr/bin/env python3
"""Ask botocore whether each scenario's profile obtains credentials without a new login.

Usage: token_oracle.py MANIFEST.json   (prints one JSON document on stdout)

The manifest (written by TokenAgreementTests.swift) looks like
    {"root": "/tmp/x",
     "scenarios": [{"id": "...", "awsDir": "/tmp/x/s/<id>/.aws", "profile": "p",
                    "accessTokens": {"<token>": <true expiry, epoch seconds>},
                    "refreshGrants": [{"refreshToken": "...", "clientId": "...",
                                       "clientSecret": "..."}]}]}

For every scenario botocore does a real credential resolution
(boto3.Session(profile_name=...).get_credentials().get_frozen_credentials()) with HOME pointing
at a folder whose `.aws` is the scenario's `.aws`. The SSO portal (GetRoleCredentials) and
SSO-OIDC (CreateToken) are a stand-in started here on 127.0.0.1 (random port) and reached
through AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC. The stand-in accepts an access token
only if the scenario issued it and its true (server-side) expiry is in the future, and accepts a
refresh only for a refresh grant the scenario issued. Nothing leaves 127.0.0.1: AWS_ENDPOINT_URL
sends every other service to a catch-all path that is reported as unexpected.

botocore computes ~/.aws/sso/cache when it is imported, so HOME is fixed before the import and
`$HOME/.aws` is a symbolic link re-pointed at each scenario's folder: botocore reads exactly the
scenario's files, nothing in botocore is patched.
"""
import json
import os
import re
import sys
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
import standin  # noqa: E402  (beside this file)

manifest = json.load(open(sys.argv[1]))
# A clean environment before botocore is imported: no AWS_* variable of the caller leaks in.
home = standin.oracle_home(manifest["root"])


class State:
    lock = threading.Lock()
    access = {}        # token -> expiry (epoch seconds)
    grants = []        # [{refreshToken, clientId, clientSecret}]
    requests = []      # what the stand-in saw for the current scenario
    issued = 0


class StandIn(standin.JSONHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sso-portal/federation/credentials":
            State.requests.append("unexpected GET " + url.path)
            return self._send(404, {"message": "unexpected"}, "ResourceNotFoundException")
        token = self.headers.get("x-amz-sso_bearer_token")
        now = time.time()
        with State.lock:
            expiry = State.access.get(token)
        accepted = expiry is not None and now < expiry
        State.requests.append("GetRoleCredentials " + ("accepted" if accepted else "rejected"))
        if not accepted:
            return self._send(401, {"message": "Session token not found or invalid"},
                              "UnauthorizedException")
        self._send(200, {"roleCredentials": {
            "accessKeyId": "ASIASTANDIN", "secretAccessKey": "stand-in-secret",
            "sessionToken": "stand-in-session", "expiration": int((now + 3600) * 1000)}})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sso-oidc/token":
            State.requests.append("unexpected POST " + url.path)
            return self._send(404, {"message": "unexpected"}, "ResourceNotFoundException")
        request = json.loads(body or b"{}")
        grant = {k: request.get(k) for k in ("refreshToken", "clientId", "clientSecret")}
        accepted = request.get("grantType") == "refresh_token" and grant in State.grants
        State.requests.append("CreateToken " + ("accepted" if accepted else "rejected"))
        if not accepted:
            return self._send(400, {"error": "invalid_grant",
                                    "error_description": "Invalid grant provided"},
                              "InvalidGrantException")
        with State.lock:
            State.issued += 1
            token = f"refreshed-access-{State.issued}"
            State.access[token] = time.time() + 3600
        self._send(200, {"accessToken": token, "tokenType": "Bearer", "expiresIn": 3600,
                         "refreshToken": f"refreshed-refresh-{State.issued}"})


base = standin.serve(StandIn)
os.environ["AWS_ENDPOINT_URL_SSO"] = base + "/sso-portal"
os.environ["AWS_ENDPOINT_URL_SSO_OIDC"] = base + "/sso-oidc"

import boto3  # noqa: E402  (after HOME and the endpoint variables are set)
import botocore  # noqa: E402

probe = boto3.Session(region_name="us-east-1")
endpoints = {
    "sso": probe.client("sso").meta.endpoint_url,
    "sso-oidc": probe.client("sso-oidc").meta.endpoint_url,
}
endpoints_honoured = endpoints == {"sso": base + "/sso-portal", "sso-oidc": base + "/sso-oidc"}

results = []
link = os.path.join(home, ".aws")
for scenario in manifest["scenarios"]:
    if os.path.islink(link):
        os.unlink(link)
    os.symlink(scenario["awsDir"], link)
    with State.lock:
        State.access = {t: float(e) for t, e in scenario.get("accessTokens", {}).items()}
        State.grants = list(scenario.get("refreshGrants", []))
        State.requests = []
    outcome = {"id": scenario["id"]}
    try:
        session = boto3.Session(profile_name=scenario["profile"])
        credentials = session.get_credentials()
        if credentials is None:
            raise RuntimeError("botocore found no credentials at all")
        frozen = credentials.get_frozen_credentials()
        outcome["ok"] = frozen.access_key == "ASIASTANDIN"
        if not outcome["ok"]:
            outcome["exception"] = "WrongCredentials"
            outcome["message"] = "credentials did not come from the stand-in"
    except Exception as error:  # every failure is a verdict: "needs a new login"
        outcome["ok"] = False
        outcome["exception"] = type(error).__name__
        # ParamValidationError quotes the offending value; keep secrets out of the report.
        outcome["message"] = re.sub(r"value: .*?, type:", "value: <redacted>, type:", str(error))
    outcome["requests"] = list(State.requests)
    results.append(outcome)

os.unlink(link)
json.dump({"botocore": botocore.__version__, "endpointsHonoured": endpoints_honoured,
           "endpoints": endpoints, "results": results}, sys.stdout, indent=1)
print()
