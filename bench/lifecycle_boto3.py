"""One user's whole lifecycle through boto3, timed, for bench/lifecycle.mjs.

Usage: python3 lifecycle_boto3.py ENDPOINT RUNS CODES

Each run: create_user_pool, create_user_pool_client, admin_create_user, admin_set_user_password
(permanent), admin_initiate_auth (ADMIN_USER_PASSWORD_AUTH), forgot_password, confirm_forgot_password
with the code, initiate_auth (USER_PASSWORD_AUTH) with the new password: 8 API calls on one keep-alive
client. The time of a run is the time of those calls; reading the code (CODES: `outbox` = GET
/_local/outbox of a cognito-recovery endpoint, `moto` = moto's x-moto-forgot-password-confirmation-code
response header, `db:DIR` = the user's ConfirmationCode in cognito-local's saved pool) is not counted. Three
untimed warm-up runs first. Prints one JSON line: {"runs", "medianMs", "p90Ms", "minMs"}; on a
failure, the step and error on stderr and exit 1.
"""

import json
import os
import statistics
import sys
import time

# The client and the outbox reading of the server's boto3 end-to-end tests (no __pycache__ left there).
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "server", "test", "e2e"))
from boto3_support import cognito_client, latest_code  # noqa: E402

FIRST = "First-Passw0rd!"
SECOND = "Second-Passw0rd!"
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def main(endpoint, runs, codes):
    idp = cognito_client(endpoint, read_timeout=30)

    def code_for(pool_id, username, forgot):
        if codes == "outbox":
            return latest_code(endpoint, pool_id, username)
        if codes == "moto":
            return forgot["ResponseMetadata"]["HTTPHeaders"]["x-moto-forgot-password-confirmation-code"]
        if codes.startswith("db:"):
            # cognito-local saves its pools as JSON (before it answers): the user's ConfirmationCode.
            with open("%s/%s.json" % (codes[3:], pool_id), encoding="utf-8") as db:
                users = json.load(db)["Users"].values()
            return [u for u in users if {"Name": "email", "Value": username} in u.get("Attributes", [])][0]["ConfirmationCode"]
        raise ValueError(codes)

    def lifecycle(i):
        username = "bench%d@example.com" % i  # an email: cognito-local refuses other usernames
        spent = 0.0
        t = time.perf_counter()
        pool_id = idp.create_user_pool(PoolName="lifecycle%d" % i, AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
        client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="bench", ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
        idp.admin_create_user(
            UserPoolId=pool_id,
            Username=username,
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": username}, {"Name": "email_verified", "Value": "true"}],
        )
        idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=FIRST, Permanent=True)
        signed = idp.admin_initiate_auth(
            UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters={"USERNAME": username, "PASSWORD": FIRST}
        )
        assert signed["AuthenticationResult"]["IdToken"], signed
        forgot = idp.forgot_password(ClientId=client_id, Username=username)
        spent += time.perf_counter() - t
        code = code_for(pool_id, username, forgot)
        t = time.perf_counter()
        idp.confirm_forgot_password(ClientId=client_id, Username=username, ConfirmationCode=code, Password=SECOND)
        again = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": username, "PASSWORD": SECOND})
        assert again["AuthenticationResult"]["AccessToken"], again
        spent += time.perf_counter() - t
        return spent * 1000

    for i in range(3):
        lifecycle(i)
    times = sorted(lifecycle(100 + i) for i in range(runs))
    print(
        json.dumps(
            {
                "runs": runs,
                "medianMs": statistics.median(times),
                "p90Ms": times[min(len(times) - 1, int(round(0.9 * len(times))) - 1)],
                "minMs": times[0],
            }
        )
    )


if __name__ == "__main__":
    try:
        main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
    except Exception as error:  # noqa: BLE001 - reported to the bench, which prints it
        sys.stderr.write("%s: %s\n" % (type(error).__name__, error))
        sys.exit(1)
