"""The seed's recovery flow driven by boto3 against a local cognito-recovery endpoint.

Usage: python3 boto3_flow.py ENDPOINT

ENDPOINT serves examples/local-config.json (pool us-east-1_Example1; client exampleclient1; client
exampleclient2 with a secret and PreventUserExistenceErrors ENABLED; alice with a verified email, bob
with a verified phone). Prints one line per step and exits 0 when every check holds; an assertion
failure exits 1 with the reason.
"""

import base64
import hashlib
import hmac
import json

from boto3_support import cognito_client, latest_code, outbox, run

POOL_ID = "us-east-1_Example1"
CLIENT_ID = "exampleclient1"
SECRET_CLIENT_ID = "exampleclient2"
CLIENT_SECRET = "examplesecret0000000000000000000000000000000000000000"


def expect_error(exception_class, call, message):
    try:
        call()
    except exception_class as error:
        assert error.response["Error"]["Message"] == message, error.response["Error"]
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400, error.response["ResponseMetadata"]
        assert error.response["ResponseMetadata"]["RequestId"], error.response["ResponseMetadata"]
        return error
    raise AssertionError("expected " + exception_class.__name__)


def secret_hash(username, client_id):
    digest = hmac.new(CLIENT_SECRET.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def main(endpoint):
    client = cognito_client(endpoint)

    # The seed's call (R1.4, R6.2): masked CodeDeliveryDetails.
    response = client.forgot_password(ClientId=CLIENT_ID, Username="alice")
    assert response["CodeDeliveryDetails"] == {"Destination": "a***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "application/x-amz-json-1.1"
    assert response["ResponseMetadata"]["RequestId"]
    print("forgot_password alice:", json.dumps(response["CodeDeliveryDetails"], sort_keys=True))

    code = latest_code(endpoint, POOL_ID, "alice")
    assert len(code) == 6 and code.isdigit(), code
    response = client.confirm_forgot_password(ClientId=CLIENT_ID, Username="alice", ConfirmationCode=code, Password="N3w-Passw0rd!")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert set(response) == {"ResponseMetadata"}, response
    print("confirm_forgot_password alice: ok")

    # R7.5, D8: a used code is CodeMismatchException.
    expect_error(
        client.exceptions.CodeMismatchException,
        lambda: client.confirm_forgot_password(ClientId=CLIENT_ID, Username="alice", ConfirmationCode=code, Password="An0ther-Passw0rd!"),
        "Invalid verification code provided, please try again.",
    )
    print("reused code: CodeMismatchException")

    # R8.5: LEGACY client, unknown user.
    expect_error(
        client.exceptions.UserNotFoundException,
        lambda: client.forgot_password(ClientId=CLIENT_ID, Username="nobody"),
        "Username/client id combination not found.",
    )
    print("unknown user: UserNotFoundException")

    # R6.3: a verified phone is masked to the last four digits.
    response = client.forgot_password(ClientId=CLIENT_ID, Username="bob")
    assert response["CodeDeliveryDetails"] == {"Destination": "+*******0100", "DeliveryMedium": "SMS", "AttributeName": "phone_number"}, response
    print("forgot_password bob:", json.dumps(response["CodeDeliveryDetails"], sort_keys=True))

    # R2.5, D3: the client with a secret.
    expect_error(
        client.exceptions.NotAuthorizedException,
        lambda: client.forgot_password(ClientId=SECRET_CLIENT_ID, Username="alice"),
        "Client exampleclient2 is configured for secret but secret was not received",
    )
    response = client.forgot_password(ClientId=SECRET_CLIENT_ID, Username="alice", SecretHash=secret_hash("alice", SECRET_CLIENT_ID))
    assert response["CodeDeliveryDetails"]["Destination"] == "a***@e***", response
    code = latest_code(endpoint, POOL_ID, "alice")
    client.confirm_forgot_password(
        ClientId=SECRET_CLIENT_ID, Username="alice", SecretHash=secret_hash("alice", SECRET_CLIENT_ID), ConfirmationCode=code, Password="Thr33-Passw0rd!"
    )
    print("secret hash client: ok")

    # R8.3: ENABLED answers an unknown user with a simulated delivery and sends nothing.
    before = len(outbox(endpoint))
    response = client.forgot_password(ClientId=SECRET_CLIENT_ID, Username="nobody@example.com", SecretHash=secret_hash("nobody@example.com", SECRET_CLIENT_ID))
    details = response["CodeDeliveryDetails"]
    assert details["DeliveryMedium"] == "EMAIL" and details["AttributeName"] == "email", details
    assert len(outbox(endpoint)) == before
    print("ENABLED unknown user: simulated", details["DeliveryMedium"])

    print("BOTO3 FLOW OK")


if __name__ == "__main__":
    run(main, "boto3_flow.py")
