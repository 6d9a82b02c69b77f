#!/bin/sh
# Checks that the botocore oracle behind TokenAgreementTests can run on this machine.
# TokenAgreementTests fails (it never skips) when this script does not print "ok".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "python3 is not on PATH; install Python 3" >&2; exit 1; }
python3 -c 'import boto3, botocore; print("botocore", botocore.__version__, "boto3", boto3.__version__)' ||
    { echo "install botocore and boto3: python3 -m pip install boto3 'botocore>=1.43'" >&2; exit 1; }
test -r "$here/token_oracle.py" || { echo "missing $here/token_oracle.py" >&2; exit 1; }
echo "ok: run swift test --filter TokenAgreementTests"
