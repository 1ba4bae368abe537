"""Both sign-in lifecycles, and sign-up with attribute verification, driven by boto3 against a local
cognito-recovery endpoint, with a small SRP client written here from the spec (R18) alone.

Usage: python3 boto3_lifecycle.py ENDPOINT

Creates its own pool (email auto-verified) and app client (SRP, password, admin password and refresh
flows). Prints one line per step; the lines starting with TOKENS carry the ID and access tokens as
JSON for the calling test to verify with aws-jwt-verify, POOL names the pool and client. Exits 0
when every check holds; an assertion failure exits 1 with the reason. The last line is
BOTO3 LIFECYCLE OK.
"""

import base64
import datetime
import hashlib
import hmac
import json
import os

from boto3_support import cognito_client, messages_to, run

# ---- SRP, exactly as R18 describes it ----------------------------------------------------------

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2


def pad_hex(n):
    """R18: lowercase hex, even length, a leading 00 when the first digit is 8-f."""
    h = format(n, "x")
    if len(h) % 2 == 1:
        h = "0" + h
    if h[0] in "89abcdef":
        h = "00" + h
    return h


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


K_MULTIPLIER = int(sha256_hex(bytes.fromhex(pad_hex(N) + pad_hex(G))), 16)
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def timestamp(now=None):
    """R18.9: 'EEE MMM d HH:mm:ss UTC yyyy', the day not zero-padded."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return "%s %s %d %02d:%02d:%02d UTC %d" % (WEEKDAYS[now.weekday()], MONTHS[now.month - 1], now.day, now.hour, now.minute, now.second, now.year)


class SrpClient:
    """The client side of USER_SRP_AUTH: SRP_A, then PASSWORD_CLAIM_SIGNATURE for the challenge."""

    def __init__(self, pool_id, small_a=None):
        self.pool_name = pool_id.split("_", 1)[1]  # R18.2
        self.a = small_a if small_a is not None else int.from_bytes(os.urandom(128), "big")
        self.A = pow(G, self.a, N)
        assert self.A % N != 0

    def srp_a(self):
        return format(self.A, "x")  # R18.3: not padded

    def x(self, user_id, password, salt_hex):
        inner = sha256_hex((self.pool_name + user_id + ":" + password).encode("utf-8"))
        return int(sha256_hex(bytes.fromhex(pad_hex(int(salt_hex, 16)) + inner)), 16)  # R18.6

    def key(self, user_id, password, salt_hex, srp_b_hex):
        B = int(srp_b_hex, 16)
        assert B % N != 0
        u = int(sha256_hex(bytes.fromhex(pad_hex(self.A) + pad_hex(B))), 16)  # R18.7
        assert u != 0
        x = self.x(user_id, password, salt_hex)
        S = pow(B - K_MULTIPLIER * pow(G, x, N), self.a + u * x, N)
        prk = hmac.new(bytes.fromhex(pad_hex(u)), bytes.fromhex(pad_hex(S)), hashlib.sha256).digest()  # R18.8
        return hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16], u

    def signature(self, user_id, password, params, stamp):
        k, _ = self.key(user_id, password, params["SALT"], params["SRP_B"])
        message = self.pool_name.encode() + user_id.encode() + base64.b64decode(params["SECRET_BLOCK"]) + stamp.encode()
        return base64.b64encode(hmac.new(k, message, hashlib.sha256).digest()).decode()  # R18.10

    def responses(self, params, password, stamp=None):
        stamp = stamp or timestamp()
        user_id = params["USER_ID_FOR_SRP"]
        return {
            "USERNAME": user_id,
            "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
            "TIMESTAMP": stamp,
            "PASSWORD_CLAIM_SIGNATURE": self.signature(user_id, password, params, stamp),
        }


def check_vector():
    """R18.14: the spec's test vector, with the server side (v, B) computed here too."""
    client = SrpClient("us-east-1_abcDEF123", small_a=int.from_bytes(b"\x11" * 128, "big"))
    assert client.pool_name == "abcDEF123"
    assert format(K_MULTIPLIER, "x") == "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
    salt = "8ce8291892390f6b53a245933faf6164"
    x = client.x("alice", "P@ssw0rd!", salt)
    assert format(x, "064x") == "9577bc4af29a7621c10a416b85f386b16b68a06d1ecb42110241aa9b5a51b16c", format(x, "x")
    v = pow(G, x, N)
    assert format(v, "x").startswith("b3ef629867eda9a5d4d33aa06a378920")
    assert client.srp_a().startswith("67679d4fea151663de3276050085a1ce")
    b = int.from_bytes(b"\x22" * 128, "big")
    B = (K_MULTIPLIER * v + pow(G, b, N)) % N
    assert format(B, "x").startswith("bff8b7b1ddaa70da0628174fcdd4cf8a")
    params = {"SALT": salt, "SRP_B": format(B, "x"), "SECRET_BLOCK": "b3BhcXVlLXNlY3JldC1ibG9jay1ieXRlcw==", "USER_ID_FOR_SRP": "alice"}
    k, u = client.key("alice", "P@ssw0rd!", salt, params["SRP_B"])
    assert format(u, "x") == "37eb768aab8c60f24b301f14b31f97d028e9186b6bd663d885b5723f82aad938"
    assert k.hex() == "92e4b7df211d7a5e9a4429407ab94767", k.hex()
    stamp = "Sat Aug 1 09:05:07 UTC 2026"
    assert client.signature("alice", "P@ssw0rd!", params, stamp) == "x9349lHikQg9ZL6i5+Cw1gw7qn0fNzUpgglJRDAWp1g="
    assert timestamp(datetime.datetime(2026, 8, 1, 9, 5, 7)) == stamp
    print("R18.14 vector: ok")


# ---- the lifecycle --------------------------------------------------------------------------------

TEMPORARY = "Temp-Passw0rd!"
FIRST = "First-Passw0rd!"
RESET = "Reset-Passw0rd!"
AGAIN = "Again-Passw0rd!"
FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


class Lifecycle:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.idp = cognito_client(endpoint)
        pool = self.idp.create_user_pool(PoolName="boto3-lifecycle", AutoVerifiedAttributes=["email"])
        self.pool_id = pool["UserPool"]["Id"]
        client = self.idp.create_user_pool_client(UserPoolId=self.pool_id, ClientName="boto3-app", ExplicitAuthFlows=FLOWS)
        self.client_id = client["UserPoolClient"]["ClientId"]
        assert sorted(client["UserPoolClient"]["ExplicitAuthFlows"]) == sorted(FLOWS), client["UserPoolClient"]
        print("POOL " + json.dumps({"poolId": self.pool_id, "clientId": self.client_id}))

    # -- helpers

    def messages(self, username):
        return messages_to(self.endpoint, self.pool_id, username)

    def new_code(self, username, before):
        mine = self.messages(username)
        assert len(mine) > before, "no new message to %s (%d, %d before)" % (username, len(mine), before)
        return mine[-1]

    def expect_error(self, step, name, message, call):
        try:
            call()
        except self.idp.exceptions.ClientError as error:
            got = (error.response["Error"]["Code"], error.response["Error"]["Message"])
            assert got == (name, message), "%s: expected %s %r, got %s %r" % (step, name, message, got[0], got[1])
            assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400, error.response["ResponseMetadata"]
            print("%s: %s" % (step, name))
            return
        raise AssertionError("%s: expected %s, the call succeeded" % (step, name))

    def tokens(self, label, result):
        assert result["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert "ChallengeName" not in result and "Session" not in result, result
        assert result["ChallengeParameters"] == {}, result  # D35
        auth = result["AuthenticationResult"]
        assert auth["TokenType"] == "Bearer" and auth["ExpiresIn"] == 3600, auth  # R21.1
        print("TOKENS " + json.dumps({"label": label, "idToken": auth["IdToken"], "accessToken": auth["AccessToken"]}))
        return auth

    def srp_initiate(self, username, admin=False):
        srp = SrpClient(self.pool_id)
        params = {"USERNAME": username, "SRP_A": srp.srp_a()}
        if admin:
            response = self.idp.admin_initiate_auth(UserPoolId=self.pool_id, ClientId=self.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params)
        else:
            response = self.idp.initiate_auth(ClientId=self.client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params)
        assert response["ChallengeName"] == "PASSWORD_VERIFIER", response
        assert "Session" not in response, response  # R18.4
        challenge = response["ChallengeParameters"]
        assert set(challenge) == {"SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME"}, challenge
        assert challenge["USER_ID_FOR_SRP"] == username and challenge["USERNAME"] == username, challenge
        return srp, challenge

    def srp_sign_in(self, username, password, admin=False):
        """USER_SRP_AUTH then PASSWORD_VERIFIER; answers the final response (tokens or a challenge)."""
        srp, challenge = self.srp_initiate(username, admin)
        responses = srp.responses(challenge, password)
        if admin:
            return self.idp.admin_respond_to_auth_challenge(
                UserPoolId=self.pool_id, ClientId=self.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses
            )
        return self.idp.respond_to_auth_challenge(ClientId=self.client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses)

    def password_sign_in(self, username, password, admin=False):
        params = {"USERNAME": username, "PASSWORD": password}
        if admin:
            return self.idp.admin_initiate_auth(UserPoolId=self.pool_id, ClientId=self.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters=params)
        return self.idp.initiate_auth(ClientId=self.client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=params)

    def reset_with_code(self, username, email, password):
        before = len(self.messages(username))
        forgot = self.idp.forgot_password(ClientId=self.client_id, Username=username)
        masked = email[0] + "***@" + email.split("@")[1][0] + "***"
        assert forgot["CodeDeliveryDetails"] == {"Destination": masked, "DeliveryMedium": "EMAIL", "AttributeName": "email"}, forgot
        message = self.new_code(username, before)
        assert message["destination"] == email, message["destination"]
        self.idp.confirm_forgot_password(ClientId=self.client_id, Username=username, ConfirmationCode=message["code"], Password=password)
        print("%s: forgot_password + confirm_forgot_password with the outbox code: ok" % username)

    # -- lifecycle 1: AdminCreateUser → NEW_PASSWORD_REQUIRED → reset → sign-in

    def admin_created(self, username, email, srp):
        self.idp.admin_create_user(
            UserPoolId=self.pool_id,
            Username=username,
            TemporaryPassword=TEMPORARY,
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
        )
        first = self.srp_sign_in(username, TEMPORARY) if srp else self.password_sign_in(username, TEMPORARY, admin=True)
        assert first["ChallengeName"] == "NEW_PASSWORD_REQUIRED", first  # R19.1
        params = first["ChallengeParameters"]
        assert params["USER_ID_FOR_SRP"] == username, params  # D32
        assert json.loads(params["requiredAttributes"]) == [], params
        assert json.loads(params["userAttributes"]) == {"email": email, "email_verified": "true"}, params
        assert len(first["Session"]) >= 20, first  # D31
        answer = {"USERNAME": username, "NEW_PASSWORD": FIRST}
        if srp:
            done = self.idp.respond_to_auth_challenge(ClientId=self.client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=first["Session"], ChallengeResponses=answer)
        else:
            done = self.idp.admin_respond_to_auth_challenge(
                UserPoolId=self.pool_id, ClientId=self.client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=first["Session"], ChallengeResponses=answer
            )
        self.tokens("%s new password" % username, done)
        assert self.idp.admin_get_user(UserPoolId=self.pool_id, Username=username)["UserStatus"] == "CONFIRMED"
        # R19.6 D31: the session was used once.
        self.expect_error(
            "%s session reused" % username,
            "NotAuthorizedException",
            "Invalid session for the user, session can only be used once.",
            lambda: self.idp.respond_to_auth_challenge(
                ClientId=self.client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=first["Session"], ChallengeResponses={"USERNAME": username, "NEW_PASSWORD": AGAIN}
            ),
        )

        self.reset_with_code(username, email, RESET)
        for admin in (False, True):
            self.expect_error(
                "%s old password (%s)" % (username, "ADMIN_USER_PASSWORD_AUTH" if admin else "USER_PASSWORD_AUTH"),
                "NotAuthorizedException",
                "Incorrect username or password.",
                lambda admin=admin: self.password_sign_in(username, FIRST, admin=admin),
            )
        self.expect_error("%s old password (USER_SRP_AUTH)" % username, "NotAuthorizedException", "Incorrect username or password.", lambda: self.srp_sign_in(username, FIRST))
        if srp:
            auth = self.tokens("%s after reset (USER_SRP_AUTH)" % username, self.srp_sign_in(username, RESET))
            self.tokens("%s after reset (AdminInitiateAuth USER_SRP_AUTH)" % username, self.srp_sign_in(username, RESET, admin=True))
        else:
            auth = self.tokens("%s after reset (ADMIN_USER_PASSWORD_AUTH)" % username, self.password_sign_in(username, RESET, admin=True))
            self.tokens("%s after reset (USER_PASSWORD_AUTH)" % username, self.password_sign_in(username, RESET))

        user = self.idp.get_user(AccessToken=auth["AccessToken"])
        assert user["Username"] == username, user
        assert {a["Name"]: a["Value"] for a in user["UserAttributes"]}["email"] == email, user
        refreshed = self.idp.initiate_auth(ClientId=self.client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": auth["RefreshToken"]})
        assert "RefreshToken" not in refreshed["AuthenticationResult"], refreshed  # R20.2
        self.tokens("%s refreshed" % username, refreshed)
        return auth

    # -- lifecycle 2: AdminResetUserPassword → PasswordResetRequiredException → reset → sign-in

    def admin_reset(self, username, email, srp, earlier):
        self.idp.admin_reset_user_password(UserPoolId=self.pool_id, Username=username)
        assert self.idp.admin_get_user(UserPoolId=self.pool_id, Username=username)["UserStatus"] == "RESET_REQUIRED"
        refused = ("PasswordResetRequiredException", "Password reset required for the user")
        if srp:
            self.expect_error("%s RESET_REQUIRED (USER_SRP_AUTH)" % username, *refused, lambda: self.srp_initiate(username))
        else:
            self.expect_error("%s RESET_REQUIRED (ADMIN_USER_PASSWORD_AUTH)" % username, *refused, lambda: self.password_sign_in(username, RESET, admin=True))
        self.expect_error("%s RESET_REQUIRED (USER_PASSWORD_AUTH)" % username, *refused, lambda: self.password_sign_in(username, RESET))
        # D39: the tokens of the earlier sign-in are refused while the user is RESET_REQUIRED …
        self.expect_error("%s RESET_REQUIRED get_user" % username, *refused, lambda: self.idp.get_user(AccessToken=earlier["AccessToken"]))
        self.expect_error(
            "%s RESET_REQUIRED refresh" % username,
            *refused,
            lambda: self.idp.initiate_auth(ClientId=self.client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": earlier["RefreshToken"]}),
        )
        self.reset_with_code(username, email, AGAIN)
        assert self.idp.admin_get_user(UserPoolId=self.pool_id, Username=username)["UserStatus"] == "CONFIRMED"
        # … and work again once it is not (the refusal is status-based, not a revocation).
        assert self.idp.get_user(AccessToken=earlier["AccessToken"])["Username"] == username
        print("%s earlier access token after the reset: ok" % username)
        if srp:
            self.tokens("%s after admin reset (USER_SRP_AUTH)" % username, self.srp_sign_in(username, AGAIN))
        else:
            self.tokens("%s after admin reset (ADMIN_USER_PASSWORD_AUTH)" % username, self.password_sign_in(username, AGAIN, admin=True))

    # -- sign-up and attribute verification

    def sign_up(self, username, email, new_email):
        signed = self.idp.sign_up(ClientId=self.client_id, Username=username, Password=FIRST, UserAttributes=[{"Name": "email", "Value": email}])
        assert signed["UserConfirmed"] is False, signed
        assert signed["CodeDeliveryDetails"] == {"Destination": email[0] + "***@" + email.split("@")[1][0] + "***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}, signed
        self.expect_error("%s unconfirmed sign-in" % username, "UserNotConfirmedException", "User is not confirmed.", lambda: self.password_sign_in(username, FIRST))
        message = self.new_code(username, 0)
        self.idp.confirm_sign_up(ClientId=self.client_id, Username=username, ConfirmationCode=message["code"])
        user = self.idp.admin_get_user(UserPoolId=self.pool_id, Username=username)
        assert user["UserStatus"] == "CONFIRMED", user
        assert {a["Name"]: a["Value"] for a in user["UserAttributes"]}["email_verified"] == "true", user  # R23.10
        print("%s: sign_up + confirm_sign_up: ok" % username)

        self.reset_with_code(username, email, RESET)
        self.expect_error("%s sign-up password after the reset" % username, "NotAuthorizedException", "Incorrect username or password.", lambda: self.password_sign_in(username, FIRST))
        auth = self.tokens("%s signed up" % username, self.srp_sign_in(username, RESET))

        before = len(self.messages(username))
        updated = self.idp.update_user_attributes(AccessToken=auth["AccessToken"], UserAttributes=[{"Name": "email", "Value": new_email}])
        masked = new_email[0] + "***@" + new_email.split("@")[1][0] + "***"
        assert updated["CodeDeliveryDetailsList"] == [{"Destination": masked, "DeliveryMedium": "EMAIL", "AttributeName": "email"}], updated
        message = self.new_code(username, before)
        assert message["destination"] == new_email, message["destination"]
        attributes = {a["Name"]: a["Value"] for a in self.idp.get_user(AccessToken=auth["AccessToken"])["UserAttributes"]}
        assert attributes["email"] == new_email and attributes["email_verified"] == "false", attributes  # R24.4
        self.expect_error(
            "%s wrong attribute code" % username,
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
            lambda: self.idp.verify_user_attribute(AccessToken=auth["AccessToken"], AttributeName="email", Code="000000" if message["code"] != "000000" else "111111"),
        )
        self.idp.verify_user_attribute(AccessToken=auth["AccessToken"], AttributeName="email", Code=message["code"])
        attributes = {a["Name"]: a["Value"] for a in self.idp.get_user(AccessToken=auth["AccessToken"])["UserAttributes"]}
        assert attributes["email"] == new_email and attributes["email_verified"] == "true", attributes  # R24.2
        print("%s: update_user_attributes + verify_user_attribute: ok" % username)
        # D43: a code on request, for an attribute already verified (re-verification).
        before = len(self.messages(username))
        requested = self.idp.get_user_attribute_verification_code(AccessToken=auth["AccessToken"], AttributeName="email")
        assert requested["CodeDeliveryDetails"] == {"Destination": masked, "DeliveryMedium": "EMAIL", "AttributeName": "email"}, requested
        message = self.new_code(username, before)
        assert message["destination"] == new_email, message["destination"]
        self.idp.verify_user_attribute(AccessToken=auth["AccessToken"], AttributeName="email", Code=message["code"])
        print("%s: get_user_attribute_verification_code + verify_user_attribute: ok" % username)
        # The verified new address is the recovery channel now.
        self.reset_with_code(username, new_email, AGAIN)
        self.tokens("%s new email" % username, self.password_sign_in(username, AGAIN))


def main(endpoint):
    check_vector()
    life = Lifecycle(endpoint)
    srp_tokens = life.admin_created("py-srp", "py.srp@example.com", srp=True)
    admin_tokens = life.admin_created("py-admin", "py.admin@example.com", srp=False)
    life.admin_reset("py-srp", "py.srp@example.com", True, srp_tokens)
    life.admin_reset("py-admin", "py.admin@example.com", False, admin_tokens)
    life.sign_up("py-signup", "py.signup@example.com", "py.moved@example.org")
    print("BOTO3 LIFECYCLE OK")


if __name__ == "__main__":
    run(main, "boto3_lifecycle.py")
