"""What every botocore run of the test suite shares: an environment from which nothing leaves
127.0.0.1, and a stand-in AWS endpoint there that answers JSON.

Imported by token_oracle.py and login_oracle.py (beside it) and by
Tests/SwitcherTests/Export/fake_aws.py. Call offline() before botocore is imported: botocore
reads proxies and the instance-metadata switch from the environment.
"""
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def offline(keep=()):
    """Removes the caller's AWS_* variables (but those in `keep`) and proxies, and turns off the
    instance metadata service, so botocore reaches only the stand-in."""
    for name in list(os.environ):
        if name.startswith("AWS_") and name not in keep:
            del os.environ[name]
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        os.environ.pop(name, None)
    os.environ["NO_PROXY"] = "127.0.0.1"


def oracle_home(root):
    """A HOME for botocore under `root`, set (with the AWS file paths in it) in a clean,
    offline environment. botocore fixes ~/.aws/sso/cache when it is imported, so call this
    before the import; each scenario then points `HOME/.aws` at its own folder."""
    home = os.path.join(root, "oracle-home")
    os.makedirs(home, exist_ok=True)
    offline()
    os.environ["HOME"] = home
    os.environ["AWS_CONFIG_FILE"] = os.path.join(home, ".aws", "config")
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(home, ".aws", "credentials")
    return home


class JSONHandler(BaseHTTPRequestHandler):
    """A request handler that answers JSON as AWS's JSON protocols do, and logs nothing."""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, status, body, error_type=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if error_type:
            self.send_header("x-amzn-ErrorType", error_type)
        self.end_headers()
        self.wfile.write(data)


def serve(handler):
    """Starts `handler` on 127.0.0.1 (a random port) in a daemon thread; returns its base URL.
    AWS_ENDPOINT_URL sends every service the caller does not route itself to a catch-all path,
    which no stand-in answers."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_address[1]
    os.environ["AWS_ENDPOINT_URL"] = base + "/catch-all"
    return base
