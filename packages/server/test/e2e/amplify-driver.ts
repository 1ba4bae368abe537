/**
 * The calls of the Amplify lifecycle, made with `aws-amplify` v6 exactly as an app makes them, each
 * answering a plain serialisable outcome (so the same driver runs in node and, bundled with esbuild,
 * in a browser page that the test drives through playwright: `../browser/amplify-page.ts`). Service
 * errors come back as `{ ok: false, name, message }`, not thrown.
 */
import { Amplify } from 'aws-amplify';
import {
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  confirmUserAttribute,
  fetchAuthSession,
  fetchUserAttributes,
  resetPassword,
  signIn,
  signOut,
  signUp,
  updateUserAttribute,
} from 'aws-amplify/auth';

/** What the app passes to `Amplify.configure`. */
export interface AmplifyTarget {
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /** The local endpoint, `http://127.0.0.1:<port>`. */
  readonly userPoolEndpoint: string;
}

/** A call's outcome: its value, or the error's name and message. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly name: string; readonly message: string };

/** The tokens of the current session, as compact JWS strings. */
export interface SessionTokens {
  readonly idToken: string;
  readonly accessToken: string;
}

/** The Amplify calls of the lifecycle. */
export interface AmplifyDriver {
  /** `signIn` with the default SRP flow, or `USER_PASSWORD_AUTH`. */
  signIn(username: string, password: string, authFlowType?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH'): Promise<Outcome<unknown>>;
  /** `confirmSignIn` with the new password of NEW_PASSWORD_REQUIRED. */
  confirmSignIn(challengeResponse: string): Promise<Outcome<unknown>>;
  resetPassword(username: string): Promise<Outcome<unknown>>;
  confirmResetPassword(username: string, confirmationCode: string, newPassword: string): Promise<Outcome<unknown>>;
  /** `fetchAuthSession` (`forceRefresh` exercises the refresh token). */
  tokens(forceRefresh?: boolean): Promise<Outcome<SessionTokens>>;
  signOut(): Promise<Outcome<unknown>>;
  signUp(username: string, password: string, email: string): Promise<Outcome<unknown>>;
  confirmSignUp(username: string, confirmationCode: string): Promise<Outcome<unknown>>;
  /** `updateUserAttribute` of `email`. */
  updateEmail(email: string): Promise<Outcome<unknown>>;
  /** `confirmUserAttribute` of `email`. */
  confirmEmail(confirmationCode: string): Promise<Outcome<unknown>>;
  /** `fetchUserAttributes` (GetUser). */
  attributes(): Promise<Outcome<unknown>>;
}

async function settle<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    // A JSON round trip: what the browser hands back through playwright is plain data, and node sees the same.
    return { ok: true, value: JSON.parse(JSON.stringify((await call()) ?? null)) as T };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown };
    return { ok: false, name: String(e.name), message: String(e.message) };
  }
}

/** Configures Amplify for the local endpoint and returns the driver. */
export function amplifyDriver(target: AmplifyTarget): AmplifyDriver {
  Amplify.configure({ Auth: { Cognito: { ...target } } });
  return {
    signIn: (username, password, authFlowType) =>
      settle(() => signIn({ username, password, ...(authFlowType === undefined ? {} : { options: { authFlowType } }) })),
    confirmSignIn: (challengeResponse) => settle(() => confirmSignIn({ challengeResponse })),
    resetPassword: (username) => settle(() => resetPassword({ username })),
    confirmResetPassword: (username, confirmationCode, newPassword) => settle(() => confirmResetPassword({ username, confirmationCode, newPassword })),
    tokens: (forceRefresh = false) =>
      settle(async () => {
        const session = await fetchAuthSession({ forceRefresh });
        const idToken = session.tokens?.idToken?.toString();
        const accessToken = session.tokens?.accessToken.toString();
        if (idToken === undefined || accessToken === undefined) throw Object.assign(new Error('fetchAuthSession returned no tokens'), { name: 'NoTokens' });
        return { idToken, accessToken };
      }),
    signOut: () => settle(() => signOut()),
    signUp: (username, password, email) => settle(() => signUp({ username, password, options: { userAttributes: { email } } })),
    confirmSignUp: (username, confirmationCode) => settle(() => confirmSignUp({ username, confirmationCode })),
    updateEmail: (email) => settle(() => updateUserAttribute({ userAttribute: { attributeKey: 'email', value: email } })),
    confirmEmail: (confirmationCode) => settle(() => confirmUserAttribute({ userAttributeKey: 'email', confirmationCode })),
    attributes: () => settle(() => fetchUserAttributes()),
  };
}
