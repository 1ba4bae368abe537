"""Test control over HTTP, driven from boto3: reset the limits and move the clock of a local endpoint.

Usage: python3 boto3_reset_and_clock.py ENDPOINT

ENDPOINT serves examples/local-config.json with `--clock manual` (pool us-east-1_Example1, client
exampleclient1, alice with a verified email). Prints one line per step and exits 0 when every check
holds; an assertion failure exits 1 with the reason.
"""

from botocore.exceptions import ClientError

from boto3_support import cognito_client, latest_code, local, run

POOL_ID = "us-east-1_Example1"
CLIENT_ID = "exampleclient1"


def error_name(call):
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"]
    raise AssertionError("expected an error")


def main(endpoint):
    idp = cognito_client(endpoint)

    def forgot():
        return idp.forgot_password(ClientId=CLIENT_ID, Username="alice")

    clock = local(endpoint, "GET", "/_local/clock")
    assert clock["mode"] == "manual", clock
    start = clock["epochMs"]
    print("clock:", clock["mode"])

    # D9: five ForgotPassword requests per hour, the sixth is refused.
    for _ in range(5):
        forgot()
    assert error_name(forgot) == "LimitExceededException"
    print("sixth forgot_password: LimitExceededException")

    # Resetting the outbox alone keeps the limits.
    assert local(endpoint, "POST", "/_local/reset?scope=outbox") == {"scope": "outbox", "cleared": ["outbox"]}
    assert error_name(forgot) == "LimitExceededException"
    assert local(endpoint, "GET", "/_local/outbox")["messages"] == []
    print("reset outbox: still LimitExceededException")

    # Resetting the limits lets the next request through, without moving the clock.
    assert local(endpoint, "POST", "/_local/reset?scope=limits") == {"scope": "limits", "cleared": ["limits"]}
    forgot()
    print("reset limits: forgot_password ok")

    # D8: the code expires after one hour; the clock moves only when told to.
    code = latest_code(endpoint, POOL_ID, "alice")
    moved = local(endpoint, "POST", "/_local/clock", {"advanceSeconds": 3601})
    assert moved["epochMs"] == start + 3601 * 1000, (moved, start)
    assert error_name(lambda: idp.confirm_forgot_password(ClientId=CLIENT_ID, Username="alice", ConfirmationCode=code, Password="N3w-Passw0rd!")) == "ExpiredCodeException"
    print("advance 3601 s: ExpiredCodeException")

    # A fresh code confirms; reset all (the default) forgets the codes and the outbox, not the users.
    forgot()
    code = latest_code(endpoint, POOL_ID, "alice")
    assert local(endpoint, "POST", "/_local/reset") == {"scope": "all", "cleared": ["outbox", "limits", "codes"]}
    assert local(endpoint, "GET", "/_local/outbox")["messages"] == []
    assert error_name(lambda: idp.confirm_forgot_password(ClientId=CLIENT_ID, Username="alice", ConfirmationCode=code, Password="N3w-Passw0rd!")) == "ExpiredCodeException"
    assert idp.admin_get_user(UserPoolId=POOL_ID, Username="alice")["UserStatus"] == "CONFIRMED"
    print("reset all: code gone, alice stays")

    # Setting the clock back works too.
    back = local(endpoint, "POST", "/_local/clock", {"now": "2030-01-01T00:00:00Z"})
    assert back["now"] == "2030-01-01T00:00:00.000Z", back
    print("set clock:", back["now"])

    print("BOTO3 CONTROL OK")


if __name__ == "__main__":
    run(main, "boto3_reset_and_clock.py")
