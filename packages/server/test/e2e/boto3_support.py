"""What the boto3 scripts of this folder share: the client of a local endpoint, its /_local/* routes
and the command line. The scripts are run as `python3 <script> ENDPOINT`, so this folder is on
sys.path and they import this module by name; bench/lifecycle_boto3.py puts it on sys.path too.
"""

import json
import sys
import urllib.request

import boto3
from botocore.config import Config


def cognito_client(endpoint, read_timeout=10):
    """A boto3 cognito-idp client of the endpoint: dummy credentials, one attempt, short timeouts."""
    return boto3.client(
        "cognito-idp",
        region_name="us-east-1",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=read_timeout),
    )


def local(endpoint, method, path, body=None):
    """Calls a /_local/* route with an optional JSON body; asserts a 200 and returns the JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(endpoint + path, data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200, response.status
        return json.load(response)


def outbox(endpoint):
    """Every message of GET /_local/outbox."""
    return local(endpoint, "GET", "/_local/outbox")["messages"]


def messages_to(endpoint, pool_id, username):
    """The outbox messages sent to `username` of the pool, oldest first."""
    return [m for m in outbox(endpoint) if m["userPoolId"] == pool_id and m["username"] == username]


def latest_code(endpoint, pool_id, username):
    """The code of the newest message to `username` of the pool (asserts there is one)."""
    messages = messages_to(endpoint, pool_id, username)
    assert messages, "no message for " + username
    return messages[-1]["code"]


def run(main, script):
    """Runs `main(ENDPOINT)` with the one command-line argument, or exits with the usage of `script`."""
    if len(sys.argv) != 2:
        sys.exit("usage: %s ENDPOINT" % script)
    main(sys.argv[1].rstrip("/"))
