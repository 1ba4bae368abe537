"""Password recovery with boto3 against a local cognito-recovery endpoint.

Usage: python3 recover_password.py ENDPOINT CLIENT_ID USERNAME NEW_PASSWORD

Asks for a code (ForgotPassword), reads it from the endpoint's outbox (GET /_local/outbox), and sets
the new password with it (ConfirmForgotPassword). Prints one JSON line per step.
"""

import json
import sys
import urllib.request

import boto3

endpoint, client_id, username, new_password = sys.argv[1:5]
idp = boto3.client(
    "cognito-idp",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)

sent = idp.forgot_password(ClientId=client_id, Username=username)
print(json.dumps({"step": "forgot_password", "CodeDeliveryDetails": sent["CodeDeliveryDetails"]}))

with urllib.request.urlopen(endpoint + "/_local/outbox", timeout=10) as response:
    messages = json.load(response)["messages"]
code = [m for m in messages if m["username"] == username][-1]["code"]

idp.confirm_forgot_password(ClientId=client_id, Username=username, ConfirmationCode=code, Password=new_password)
print(json.dumps({"step": "confirm_forgot_password", "ok": True}))

try:
    idp.confirm_forgot_password(ClientId=client_id, Username=username, ConfirmationCode=code, Password=new_password)
except idp.exceptions.CodeMismatchException as error:
    print(json.dumps({"step": "reuse", "error": error.response["Error"]["Code"]}))
