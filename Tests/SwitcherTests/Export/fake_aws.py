"""A stand-in for the AWS CLI v2 that resolves credentials with the real botocore.

Run as `python3 fake_aws.py STATE_DIR ARGS...` (the test's `bin/aws` is a /bin/sh script that
does this). STATE_DIR/fake.json says:
    {"version": "aws-cli/2.22.0 Python/3.12.6 Linux/6.1 exe/x86_64",
     "accessToken": "<the SSO access token the portal accepts>",
     "roleCredentials": {"<account id>": {"accessKeyId": ..., "secretAccessKey": ...,
                                          "sessionToken": ..., "expiresIn": <seconds>}},
     "loginExpiresIn": <seconds: the token `sso login` writes lasts this long>}
Every call is appended to STATE_DIR/calls.log as one JSON line: {"args": [...], "AWS_PROFILE": ...}.

- `--version`: prints the version line.
- `configure export-credentials --profile P --format process`: resolves P exactly as the AWS CLI
  does, boto3.Session(profile_name=P).get_credentials(), and prints what the CLI's
  CredentialProcessFormatter prints (awscli/customizations/configure/exportcreds.py). The SSO
  portal is a stand-in started here on 127.0.0.1 (random port, AWS_ENDPOINT_URL_SSO); it returns
  roleCredentials only for the configured access token. A failure prints the CLI's message on
  stderr and exits 253, the CLI's status for a configuration error.
- `sso login --sso-session S`: writes the token file botocore reads for S, valid for
  loginExpiresIn seconds from the real now.
"""
import datetime
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "ProfileIndexTests", "Oracle"))
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
import standin  # noqa: E402  (the stand-in plumbing the oracles share)

state_dir = sys.argv[1]
args = sys.argv[2:]
state = json.load(open(os.path.join(state_dir, "fake.json")))
with open(os.path.join(state_dir, "calls.log"), "a") as log:
    log.write(json.dumps({"args": args, "AWS_PROFILE": os.environ.get("AWS_PROFILE")}) + "\n")

if args == ["--version"]:
    print(state["version"])
    sys.exit(0)


def option(name):
    return args[args.index(name) + 1] if name in args and args.index(name) + 1 < len(args) else None


home = os.environ["HOME"]
cache_dir = os.path.join(home, ".aws", "sso", "cache")

if args[:2] == ["sso", "login"]:
    session = option("--sso-session")
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=state["loginExpiresIn"])
    os.makedirs(cache_dir, exist_ok=True)
    token = {"startUrl": "https://d-123.awsapps.com/start", "region": "us-east-1",
             "accessToken": state["accessToken"], "expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}
    with open(os.path.join(cache_dir, hashlib.sha1(session.encode()).hexdigest() + ".json"), "w") as f:
        json.dump(token, f)
    print("Successfully logged into Start URL: https://d-123.awsapps.com/start")
    sys.exit(0)

if args[:2] != ["configure", "export-credentials"] or option("--format") != "process":
    sys.stderr.write("fake aws: unexpected arguments %r\n" % (args,))
    sys.exit(2)

# What the AWS CLI would read: the caller's files and environment, but nothing leaves 127.0.0.1.
standin.offline(keep=("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"))


class Portal(standin.JSONHandler):
    def do_GET(self):
        from urllib.parse import parse_qs, urlsplit
        url = urlsplit(self.path)
        account = parse_qs(url.query).get("account_id", [""])[0]
        known = state["roleCredentials"].get(account)
        if url.path != "/sso-portal/federation/credentials" or known is None:
            return self._send(404, {"message": "no such role"}, "ResourceNotFoundException")
        if self.headers.get("x-amz-sso_bearer_token") != state["accessToken"]:
            return self._send(401, {"message": "Session token not found or invalid"}, "UnauthorizedException")
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).timestamp()
        self._send(200, {"roleCredentials": {
            "accessKeyId": known["accessKeyId"], "secretAccessKey": known["secretAccessKey"],
            "sessionToken": known["sessionToken"], "expiration": int((now + known["expiresIn"]) * 1000)}})

    def do_POST(self):
        self._send(404, {"message": "unexpected"}, "ResourceNotFoundException")


base = standin.serve(Portal)
os.environ["AWS_ENDPOINT_URL_SSO"] = base + "/sso-portal"
os.environ["AWS_ENDPOINT_URL_SSO_OIDC"] = base + "/sso-oidc"

import boto3  # noqa: E402  (after the environment is settled)

try:
    credentials = boto3.Session(profile_name=option("--profile")).get_credentials()
    if credentials is None:
        raise RuntimeError("no credentials found")
    frozen = credentials.get_frozen_credentials()
except Exception as error:
    sys.stderr.write("\nUnable to retrieve credentials: %s\n" % str(error).strip())
    sys.exit(253)

# As exportcreds.py's convert_botocore_credentials and CredentialProcessFormatter.
output = {"Version": 1, "AccessKeyId": frozen.access_key, "SecretAccessKey": frozen.secret_key}
if frozen.token is not None:
    output["SessionToken"] = frozen.token
expiry = getattr(credentials, "_expiry_time", None)
if isinstance(expiry, datetime.datetime):
    output["Expiration"] = expiry.isoformat()
sys.stdout.write(json.dumps(output, indent=2, separators=(",", ": ")))
sys.stdout.write("\n")
# The test compares sw's output with what botocore resolved.
with open(os.path.join(state_dir, "resolved.json"), "w") as f:
    json.dump(output, f)
