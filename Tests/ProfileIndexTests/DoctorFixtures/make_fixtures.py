#!/usr/bin/env python3
"""Writes one fixture home per doctor check: <slug>/home/.aws/..., <slug>/expect.json and
optionally <slug>/env.json. Run from this folder; the output is committed.

expect.json: {"profile": the profile botocore is asked about (null: chosen by the environment),
              "focus": run `sw doctor <profile>` (true) or `sw doctor` (false),
              "ids": the exact set of finding ids doctor must report,
              "facts": overrides of the facts the test gathers (aws, credentialsMode, exposed, shell)}
Token times are 2099 (valid) or 2001 (expired), so no test depends on today.
"""
import hashlib, json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
URL = "https://d-1234567890.awsapps.com/start"
FUTURE, PAST = "2099-01-01T00:00:00Z", "2001-01-01T00:00:00Z"

def session(name="corp", url=URL, region="us-east-1", marker=False):
    m = "; Do not edit. Section managed by Teleport (AWS Identity Center integration).\n" if marker else ""
    r = f"sso_region = {region}\n" if region else ""
    return f"{m}[sso-session {name}]\nsso_start_url = {url}\n{r}\n"

def sso_profile(name="p", sess="corp", region="us-west-2", extra="", marker=False):
    m = "; Do not edit. Section managed by Teleport (AWS Identity Center integration).\n" if marker else ""
    r = f"region = {region}\n" if region else ""
    return f"{m}[profile {name}]\nsso_session = {sess}\nsso_account_id = 111122223333\nsso_role_name = Admin\n{r}{extra}\n"

def legacy(name, url=URL, region="us-east-1"):
    return (f"[profile {name}]\nsso_start_url = {url}\nsso_region = {region}\n"
            f"sso_account_id = 111122223333\nsso_role_name = Admin\nregion = us-west-2\n\n")

def static(name="p", region="us-east-1", header=None):
    h = header or f"profile {name}"
    r = f"region = {region}\n" if region else ""
    return f"[{h}]\naws_access_key_id = AKIAFIXTURE\naws_secret_access_key = fixture-secret\n{r}\n"

def token(key, expires=FUTURE, region="us-east-1", url=URL, **extra):
    body = {"startUrl": url, "region": region, "accessToken": "fixture-access", "expiresAt": expires}
    if region is None:
        del body["region"]
    body.update(extra)
    return key, body

FIXTURES = {}

def fx(slug, config=None, credentials=None, tokens=(), raw_tokens=None, env=None, profile="p",
       focus=True, ids=(), facts=None, login_caches=()):
    FIXTURES[slug] = dict(config=config, credentials=credentials, tokens=tokens, raw_tokens=raw_tokens or {},
                          env=env, login_caches=login_caches, expect={"profile": profile, "focus": focus, "ids": sorted(ids), "facts": facts or {}})

# Files
fx("file-bom", config=b"\xef\xbb\xbf" + static().encode(), ids=["SW101"])
fx("file-text-before-header", config="region = us-east-1\n" + static(), ids=["SW101"])
fx("file-key-without-equals", config=static() + "[profile q]\njust some words\n", ids=["SW101"])
fx("file-duplicate-section", config=static() + static(), ids=["SW101"])
fx("file-duplicate-key", config=static() + "[profile q]\nregion = us-east-1\nRegion = us-west-2\n", ids=["SW101"])
fx("file-not-utf8", config=static().encode() + b"# caf\xe9\n", ids=["SW101"])
fx("file-credentials-unparseable", config=static(), credentials="oops\n[p]\n", ids=["SW101"])
fx("file-ignored-header", config=static() + "[profile a b]\nregion = us-east-1\n", focus=False, ids=["SW110"])
fx("file-not-a-profile", config=static() + "[ profile x]\nregion = us-east-1\n\n[Profile y]\nregion = us-east-1\n\n[z]\nregion = us-east-1\n",
   focus=False, ids=["SW111"])
fx("file-default-twice", config=static(header="default") + static(header="profile default"), profile="default", ids=["SW112"])
fx("file-profile-defined-twice", config=static() + static(header="profile  p"), ids=["SW113"])
fx("file-defaults-section", config="[DEFAULT]\noutput = json\n\n" + static(), ids=["SW114"])
fx("file-inline-comment", config=static(region="us-east-1 # main"), ids=["SW115", "SW506"])
fx("file-credentials-permissions", config="[profile p]\nregion = us-east-1\n", credentials=static(header="p", region=None),
   ids=["SW120"], facts={"credentialsMode": 0o644})

# SSO configuration
fx("sso-session-missing", config=sso_profile(sess="nope") + session(), ids=["SW201"])
fx("sso-required-key-missing", config=sso_profile() + session(region=None), ids=["SW202"])
fx("sso-profile-session-disagree", config=sso_profile(extra="sso_region = eu-west-1\n") + session(), ids=["SW203"])
fx("sso-region-typo", config=sso_profile() + session(region="us-east1"), tokens=[token("corp", region=None)], ids=["SW204"])
fx("sso-region-upper-case", config=sso_profile() + session(region="US-EAST-1"), tokens=[token("corp", region=None)], ids=["SW204"])
GOV = "https://start.us-gov-home.awsapps.com/directory/d-9876543210"
fx("sso-govcloud-url-commercial-region", config=sso_profile() + session(url=GOV), tokens=[token("corp", url=GOV)], ids=["SW205"])
PORTAL = "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws"
fx("sso-portal-host-region", config=sso_profile() + session(url=PORTAL), tokens=[token("corp", url=PORTAL)], ids=["SW205"])
fx("sso-token-region-differs", config=sso_profile() + session(), tokens=[token("corp", region="eu-west-1")], ids=["SW206"])
fx("sso-same-url-two-regions",
   config=sso_profile("a", "one") + sso_profile("b", "two") + sso_profile("c", "three")
   + session("one") + session("two") + session("three", region="eu-west-1"),
   tokens=[token("one"), token("two"), token("three", region="eu-west-1")], profile="a", focus=False, ids=["SW207"])
fx("sso-start-url-spellings", config=legacy("a") + legacy("b", url=URL + "/"), tokens=[token(URL), token(URL + "/", url=URL + "/")],
   profile="a", focus=False, ids=["SW208", "SW209"])
fx("sso-legacy-could-share-session", config=legacy("a") + legacy("b"), tokens=[token(URL)], profile="a", focus=False, ids=["SW209"])

# Token cache
fx("token-missing-session", config=sso_profile() + session(), ids=["SW301"])
fx("token-missing-legacy", config=legacy("p"), ids=["SW301"])
fx("token-under-other-key", config=sso_profile() + session(), tokens=[token(URL)], ids=["SW302"])
fx("token-expired-session", config=sso_profile() + session(), tokens=[token("corp", expires=PAST)], ids=["SW303"])
fx("token-expired-legacy", config=legacy("p"), tokens=[token(URL, expires=PAST)], ids=["SW303"])
fx("token-registration-expired", config=sso_profile() + session(),
   tokens=[token("corp", refreshToken="r", clientId="c", clientSecret="s", registrationExpiresAt=PAST)], ids=["SW304"])
fx("token-corrupt", config=sso_profile() + session(), raw_tokens={"corp": b"{not json"}, ids=["SW305"])
fx("token-without-access-token", config=sso_profile() + session(),
   raw_tokens={"corp": json.dumps({"startUrl": URL, "expiresAt": FUTURE}).encode()}, ids=["SW305"])
fx("token-cache-readable-by-others", config=sso_profile() + session(), tokens=[token("corp")], ids=["SW306"],
   facts={"exposed": ["~/.aws/sso/cache/e2b0c1dd4f3aa3b1c5ef6b0d5f4a96f5b52a8b8d.json"]})

def temporary_keys(name="p", expires="2001-02-03T13:04:05+01:00"):
    return (f"[{name}]\naws_access_key_id = ASIAFIXTURE\naws_secret_access_key = fixture-secret\n"
            f"aws_session_token = fixture-secret\nx_security_token_expires = {expires}\n\n")

fx("temporary-keys-expired", config="[profile p]\nregion = us-east-1\n", credentials=temporary_keys(), ids=["SW307"])
fx("temporary-keys-expiry-unreadable", config="[profile p]\nregion = us-east-1\n",
   credentials=temporary_keys(expires="2099-01-01T00:00:00"), ids=["SW308"])

# aws login sessions (login_session): the cache file is ~/.aws/login/cache/sha256(session).json.
# The key is a throw-away P-256 key made for these fixtures (it signs nothing anywhere).
LOGIN_SESSION = "arn:aws:iam::111122223333:user/dev"
DPOP_KEY = ("-----BEGIN EC PRIVATE KEY-----\n"
            "MHcCAQEEIHX9xL/dXLG51xckFj6FMqrKOfZQin0cyo/uvNRp+jc+oAoGCCqGSM49\n"
            "AwEHoUQDQgAE7t/X+psiFpEzftJVsZhs6UUTk9/xCRqTHXlW4CprBnh2FlkWLb6s\n"
            "KAxWkAMXRwSdxnRwcR0EfyfOycrLvsBeWA==\n"
            "-----END EC PRIVATE KEY-----\n")

def login_profile(name="p"):
    return f"[profile {name}]\nlogin_session = {LOGIN_SESSION}\nregion = us-east-1\n\n"

def login_cache(expires=FUTURE, drop=()):
    body = {"accessToken": {"accessKeyId": "ASIAFIXTURE", "secretAccessKey": "fixture-secret",
                            "sessionToken": "fixture-secret", "accountId": "111122223333", "expiresAt": expires},
            "tokenType": "aws_sigv4", "clientId": "fixture-client", "refreshToken": "fixture-secret",
            "idToken": "fixture-secret", "dpopKey": DPOP_KEY}
    for name in drop:
        del body[name]
    return LOGIN_SESSION, body

fx("login-session-missing", config=login_profile(), ids=["SW309"])
fx("login-session-invalid", config=login_profile(), login_caches=[login_cache(drop=("dpopKey", "clientId"))], ids=["SW310"])
fx("login-session-valid", config=login_profile(), login_caches=[login_cache()], ids=[])
fx("login-session-expired", config=login_profile(), login_caches=[login_cache(expires=PAST)], ids=["SW311"])
fx("login-session-ignored", config=static(name="base") + "[profile p]\nrole_arn = arn:aws:iam::111122223333:role/R\n"
   "source_profile = base\n" + login_profile().split("\n", 1)[1], ids=["SW312"])
fx("login-session-aws-login-refuses", config=login_profile().rstrip("\n") + "\ncredential_process = /bin/true\n\n",
   login_caches=[login_cache()], ids=["SW313"])

# Environment
fx("env-profile-unknown", config=static(), env={"AWS_PROFILE": "nosuch"}, profile=None, focus=False, ids=["SW401"])
fx("env-default-profile-disagrees", config=static("a") + static("b"), env={"AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b"},
   profile=None, focus=False, ids=["SW402"])
fx("env-credentials-override", config=static("a"), env={"AWS_PROFILE": "a", "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret"},
   profile=None, focus=False, ids=["SW403"])
fx("env-regions-disagree", config=static(), env={"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-1"}, focus=False, ids=["SW404"])
fx("env-config-file-missing", credentials=static(header="default"), env={"AWS_CONFIG_FILE": "~/nowhere/config"},
   profile=None, focus=False, ids=["SW405"])
fx("env-shell-integration-missing", config=static(), focus=False, ids=["SW406"], facts={"shell": "missing"})
fx("env-region-typo", config=static(region=None), env={"AWS_DEFAULT_REGION": "us-east1"}, focus=False, ids=["SW407"])

# Profiles
fx("profile-source-missing", config="[profile p]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = bsae\nregion = us-east-1\n\n" + static("base"),
   ids=["SW501"])
fx("profile-source-cycle",
   config="[profile p]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = q\nregion = us-east-1\n\n"
          "[profile q]\nrole_arn = arn:aws:iam::111122223333:role/B\nsource_profile = p\nregion = us-east-1\n\n", ids=["SW502"])
fx("profile-credential-process-missing",
   config="; Do not edit. Section managed by Teleport.\n[profile p]\ncredential_process=tsh apps config --format aws-credential-process app\nregion = us-east-1\n\n",
   ids=["SW503", "SW703"])
fx("profile-no-region", config=sso_profile("teleport-awsic-dev-admin", "teleport-d-123", region=None, marker=True)
   + session("teleport-d-123", marker=True), tokens=[token("teleport-d-123")], profile="teleport-awsic-dev-admin", ids=["SW504"])
fx("profile-teleport-name-unmarked", config=sso_profile("teleport-awsic-dev-admin") + session(), tokens=[token("corp")],
   profile="teleport-awsic-dev-admin", ids=["SW505"])
fx("profile-region-typo", config=static(region="eu-west1"), ids=["SW506"])
fx("profile-role-without-source", config="[profile p]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nregion = us-east-1\n",
   ids=["SW507"])

# Tools
fx("tools-aws-missing", config=sso_profile() + session(), tokens=[token("corp")], ids=["SW601"], facts={"aws": "missing"})
fx("tools-aws-v1", config=sso_profile() + session(), tokens=[token("corp")], ids=["SW602"], facts={"aws": "v1"})

# Generator output whose markers are gone (Leapp's js-ini drops comments; a hand edit): what the
# generator's next run does. Regions come from the environment: these generators write none.
REGIONS = {"AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "us-west-2"}
fx("generator-teleport-markers-lost",
   config="[sso-session teleport-d-123]\nsso_start_url=https://d-123.awsapps.com/start\nsso_region=us-east-1\n\n"
          "[profile teleport-awsic-dev-admin]\nsso_session=teleport-d-123\nsso_account_id=111111111111\nsso_role_name=Admin\n\n",
   tokens=[token("teleport-d-123", url="https://d-123.awsapps.com/start")], env=REGIONS,
   profile="teleport-awsic-dev-admin", ids=["SW720"])
fx("generator-teleport-apps-marker-lost",
   config="[profile billing]\ncredential_process=tsh apps config --format aws-credential-process billing\n\n",
   env=REGIONS, profile="billing", ids=["SW503", "SW721"])
fx("generator-aws-sso-cli-block-lost",
   config='[profile 111122223333:Admin]\ncredential_process = aws-sso -u open -S "Default" process --arn arn:aws:iam::111122223333:role/Admin\n\n',
   env=REGIONS, profile="111122223333:Admin", ids=["SW503", "SW722"])
fx("generator-aws-sso-cli-outside-block",
   config='# BEGIN_AWS_SSO_CLI\n\n[profile 111122223333:Admin]\ncredential_process = aws-sso -u open -S "Default" process --arn arn:aws:iam::111122223333:role/Admin\n\n# END_AWS_SSO_CLI\n\n'
          '[profile 111122223333:ReadOnly]\ncredential_process = aws-sso -u open -S "Default" process --arn arn:aws:iam::111122223333:role/ReadOnly\n\n',
   env=REGIONS, profile="111122223333:ReadOnly", ids=["SW503", "SW722"])

# A healthy realistic home: Teleport-generated (exactly as tsh writes it) + hand-written.
HEALTHY = """[default]
region=us-west-2
output=json

; Do not edit. Section managed by Teleport (AWS Identity Center integration).
[sso-session teleport-d-123]
sso_start_url=https://d-123.awsapps.com/start
sso_region=us-east-1

; Do not edit. Section managed by Teleport (AWS Identity Center integration).
[profile teleport-awsic-dev-admin]
sso_session=teleport-d-123
sso_account_id=111111111111
sso_role_name=Admin

; Do not edit. Section managed by Teleport (AWS Identity Center integration).
[profile teleport-awsic-prod-readonly]
sso_session=teleport-d-123
sso_account_id=222222222222
sso_role_name=ReadOnly

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile corp-dev]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = Developer
region = eu-west-1

[profile corp-deploy]
role_arn = arn:aws:iam::444444444444:role/Deploy
source_profile = corp-dev
region = eu-central-1

[profile ci]
region = us-east-1
"""
fx("healthy-home", config=HEALTHY, credentials="[ci]\naws_access_key_id = AKIAFIXTURE\naws_secret_access_key = fixture-secret\n",
   tokens=[token("teleport-d-123", url="https://d-123.awsapps.com/start"),
           token("corp", url="https://corp.awsapps.com/start", region="eu-west-1", refreshToken="r", clientId="c",
                 clientSecret="s", registrationExpiresAt=FUTURE)],
   env={"AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "us-west-2"}, profile="teleport-awsic-dev-admin", focus=False, ids=[])

# Homes made by the generators themselves (generators/: their INI libraries, run as their source
# runs them; see generators/PROVENANCE.md). The files are copied byte for byte from generators/out.
GEN = os.path.join(HERE, "generators", "out")

def generated(scenario, name):
    path = os.path.join(GEN, scenario, name)
    return open(path, "rb").read() if os.path.exists(path) else None

def gen(slug, scenario, **kw):
    fx(slug, config=generated(scenario, "config"), credentials=generated(scenario, "credentials"), **kw)

TSH_URL = "https://d-123.awsapps.com/start"
gen("gen-tsh-aws-profile", "tsh-aws-profile", tokens=[token("teleport-d-123", url=TSH_URL)],
    profile="teleport-awsic-dev-admin", ids=["SW504"])
gen("gen-tsh-aws-profile-user-region", "tsh-aws-profile-user-region", tokens=[token("teleport-d-123", url=TSH_URL)],
    profile="teleport-awsic-dev-admin", ids=[])
gen("gen-tsh-apps-login", "tsh-apps-login", profile="payments-prod", ids=["SW503", "SW504"])
gen("gen-tsh-apps-login-user-region", "tsh-apps-login-user-region", profile="payments-prod", ids=["SW503", "SW703"])
gen("gen-granted-populate-export", "granted-populate-export", profile="prod/Admin", ids=["SW504", "SW702"])
gen("gen-aws-sso-cli-then-tsh", "aws-sso-cli-then-tsh", tokens=[token("teleport-d-123", url=TSH_URL)],
    env={"AWS_PROFILE": "teleport-awsic-dev-admin"}, profile="teleport-awsic-dev-admin", focus=False, ids=["SW121", "SW503", "SW504"])
ACME = "https://acme.awsapps.com/start"
gen("gen-aws-sso-util-populate", "aws-sso-util-populate", tokens=[token(ACME, url=ACME)], profile="acme-prod.Admin", ids=[])
gen("gen-aws-sso-util-then-leapp", "aws-sso-util-then-leapp", tokens=[token(ACME, url=ACME)], profile="acme-prod.Admin",
    focus=False, ids=["SW122", "SW701"])
# Temporary keys written by SAML login tools into the credentials file (no config file: these
# tools write none). Each home has one profile expired (fixed 2001 date) and one valid to 2099.
gen("gen-saml2aws-login-expired", "saml2aws-login", profile="saml", ids=["SW307", "SW504"])
gen("gen-saml2aws-login-valid", "saml2aws-login", profile="prod-admin", ids=[])
gen("gen-gimme-aws-creds-expired", "gimme-aws-creds", profile="Admin", ids=["SW307", "SW504"])
gen("gen-gimme-aws-creds-valid", "gimme-aws-creds", profile="ReadOnly", ids=["SW504"])

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)

for slug in os.listdir(HERE):
    if os.path.isdir(os.path.join(HERE, slug)) and slug != "generators":
        shutil.rmtree(os.path.join(HERE, slug))
for slug, f in FIXTURES.items():
    root = os.path.join(HERE, slug)
    aws = os.path.join(root, "home", ".aws")
    os.makedirs(aws)
    if f["config"] is not None:
        write(os.path.join(aws, "config"), f["config"])
    if f["credentials"] is not None:
        write(os.path.join(aws, "credentials"), f["credentials"])
    cache = os.path.join(aws, "sso", "cache")
    for key, body in f["tokens"]:
        write(os.path.join(cache, hashlib.sha1(key.encode()).hexdigest() + ".json"), json.dumps(body, indent=1))
    for key, data in f["raw_tokens"].items():
        write(os.path.join(cache, hashlib.sha1(key.encode()).hexdigest() + ".json"), data)
    for session, body in f["login_caches"]:
        write(os.path.join(aws, "login", "cache", hashlib.sha256(session.encode()).hexdigest() + ".json"),
              json.dumps(body, indent=1))
    if f["env"]:
        write(os.path.join(root, "env.json"), json.dumps(f["env"], indent=1, sort_keys=True) + "\n")
    write(os.path.join(root, "expect.json"), json.dumps(f["expect"], indent=1, sort_keys=True) + "\n")
print(len(FIXTURES), "fixtures")
