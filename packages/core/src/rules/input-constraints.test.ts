import fc from 'fast-check';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { cognitoError } from '../errors.js';
import { FORGOT_PASSWORD_INPUT } from '../use-cases/forgot-password.js';
import { PATTERNS, SHAPES, validateInput, type Member } from './input-constraints.js';

/** `ConfirmForgotPasswordRequest` as R2.2 lists it (the use case is not written yet). */
const CONFIRM_INPUT: Readonly<Record<string, Member>> = {
  ClientId: { shape: SHAPES.clientId, required: true },
  SecretHash: { shape: SHAPES.secretHash },
  Username: { shape: SHAPES.username, required: true },
  ConfirmationCode: { shape: SHAPES.confirmationCode, required: true },
  Password: { shape: SHAPES.password, required: true },
  ClientMetadata: { shape: SHAPES.clientMetadata },
};

const invalid = (message: string) => err(cognitoError('InvalidParameterException', message));
const oneError = (text: string) => invalid(`1 validation error detected: ${text}`);

const USERNAME_PATTERN = 'Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+';

/** A request for {@link answers}: `input` against `members` (default ForgotPassword's) answers `expected`. */
interface Case {
  readonly title: string;
  readonly members?: Readonly<Record<string, Member>>;
  readonly input: unknown;
  readonly expected: unknown;
}

/** One test per case, named by its title: `validateInput(members, input)` equals `expected`. */
const answers = (cases: readonly Case[]): void => {
  for (const { title, members = FORGOT_PASSWORD_INPUT, input, expected } of cases) {
    it(title, () => {
      expect(validateInput(members, input)).toEqual(expected);
    });
  }
};

describe('validateInput', () => {
  describe('valid input', () => {
    it('R2.1 accepts a request with only ClientId and Username and returns it unchanged', () => {
      const input = { ClientId: 'client1', Username: 'alice' };
      expect(validateInput(FORGOT_PASSWORD_INPUT, input)).toEqual(ok(input));
    });

    it('R2.1 accepts every optional member within its limits', () => {
      const input = {
        ClientId: 'client_1+x',
        SecretHash: 'abc+/=',
        Username: 'alice@example.com',
        UserContextData: { IpAddress: '192.0.2.1', EncodedData: 'data' },
        AnalyticsMetadata: { AnalyticsEndpointId: 'endpoint' },
        ClientMetadata: { key: 'value', '': '' },
      };
      expect(validateInput(FORGOT_PASSWORD_INPUT, input)).toEqual(ok(input));
    });

    it('R2.1 ignores members the model does not know', () => {
      const input = { ClientId: 'client1', Username: 'alice', Unknown: 42, Password: ' x ' };
      expect(validateInput(FORGOT_PASSWORD_INPUT, input)).toEqual(ok(input));
    });

    it('R2.1 treats an explicit null optional member as absent', () => {
      const input = { ClientId: 'client1', Username: 'alice', SecretHash: null };
      expect(validateInput(FORGOT_PASSWORD_INPUT, input).isOk()).toBe(true);
    });

    it.each([
      { username: 'alice' },
      { username: 'josé' },
      { username: 'e\u0301' },
      { username: '用户' },
      { username: '😀' },
      { username: '+15555550100' },
      { username: 'a.b-c_d@example.com' },
      { username: 'a'.repeat(128) },
    ])('R2.1 accepts the username $username', ({ username }) => {
      expect(validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: username }).isOk()).toBe(true);
    });
  });

  describe('missing members', () => {
    answers([
      {
        title: "R1.7 reports a missing Username as `Value null at 'username'` … `Member must not be null`",
        input: { ClientId: 'client1' },
        expected: oneError("Value null at 'username' failed to satisfy constraint: Member must not be null"),
      },
      {
        title: 'R1.7 reports a null required member like a missing one',
        input: { ClientId: 'client1', Username: null },
        expected: oneError("Value null at 'username' failed to satisfy constraint: Member must not be null"),
      },
      {
        title: 'R1.7 counts two missing members and joins them with "; " in model order',
        input: {},
        expected: invalid(
          "2 validation errors detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'username' failed to satisfy constraint: Member must not be null",
        ),
      },
      {
        title: 'R2.2 requires ConfirmationCode and Password in ConfirmForgotPassword',
        members: CONFIRM_INPUT,
        input: { ClientId: 'c', Username: 'alice' },
        expected: invalid(
          "2 validation errors detected: Value null at 'confirmationCode' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'password' failed to satisfy constraint: Member must not be null",
        ),
      },
    ]);
  });

  describe('lengths', () => {
    answers([
      {
        title: 'R1.7 reports a 129-character Username as longer than 128, without quoting it',
        input: { ClientId: 'c', Username: 'a'.repeat(129) },
        expected: oneError("Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128"),
      },
      {
        title: 'R1.7 D14 reports an empty Username as shorter than 1 and off-pattern: every violated constraint counts',
        input: { ClientId: 'c', Username: '' },
        expected: invalid(
          '2 validation errors detected: ' +
            "Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
            "Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
        ),
      },
    ]);

    it('R2.1 counts length in UTF-16 code units, like the service (64 astral characters fit, 65 do not)', () => {
      expect(validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: '😀'.repeat(64) }).isOk()).toBe(true);
      expect(validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: '😀'.repeat(65) })).toEqual(
        oneError("Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128"),
      );
    });

    answers([
      {
        title: 'R2.1 reports an empty ClientId as shorter than 1 and off-pattern without quoting it',
        input: { ClientId: '', Username: 'alice' },
        expected: invalid(
          '2 validation errors detected: ' +
            "Value at 'clientId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
            "Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
        ),
      },
      {
        title: 'R2.1 reports a 129-character SecretHash as longer than 128',
        input: { ClientId: 'c', Username: 'alice', SecretHash: 'a'.repeat(129) },
        expected: oneError("Value at 'secretHash' failed to satisfy constraint: Member must have length less than or equal to 128"),
      },
      {
        title: 'R1.7 reports a value both too long and off-pattern as two violations',
        input: { ClientId: 'c', Username: `${'a'.repeat(128)} ` },
        expected: invalid(
          "2 validation errors detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128; " +
            `Value at 'username' failed to satisfy constraint: ${USERNAME_PATTERN}`,
        ),
      },
      {
        title: 'R2.2 reports a 257-character Password as longer than 256',
        members: CONFIRM_INPUT,
        input: { ClientId: 'c', Username: 'u', ConfirmationCode: '123456', Password: 'a'.repeat(257) },
        expected: oneError("Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256"),
      },
      {
        title: 'R2.2 reports a 2049-character ConfirmationCode as longer than 2048, quoting it (not sensitive)',
        members: CONFIRM_INPUT,
        input: { ClientId: 'c', Username: 'u', ConfirmationCode: '1'.repeat(2049), Password: 'Passw0rd!' },
        expected: oneError(
          `Value '${'1'.repeat(2049)}' at 'confirmationCode' failed to satisfy constraint: Member must have length less than or equal to 2048`,
        ),
      },
    ]);
  });

  describe('patterns', () => {
    it.each([
      { label: 'a space', username: 'alice smith' },
      { label: 'a leading space', username: ' alice' },
      { label: 'a tab', username: 'alice\t' },
      { label: 'a newline', username: 'alice\n' },
      { label: 'a NUL', username: 'a\u0000b' },
      { label: 'a no-break space', username: 'a\u00a0b' },
      { label: 'a zero-width space', username: 'a\u200bb' },
      { label: 'a DEL control character', username: 'a\u007fb' },
    ])('R2.1 rejects a Username with $label, quoting the exact regex and not the value', ({ username }) => {
      expect(validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: username })).toEqual(
        oneError(`Value at 'username' failed to satisfy constraint: ${USERNAME_PATTERN}`),
      );
    });

    answers([
      {
        title: 'R2.1 rejects a ClientId outside [\\w+]+ without quoting it',
        input: { ClientId: 'client-1', Username: 'alice' },
        expected: oneError("Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+"),
      },
      {
        title: 'R2.1 rejects a SecretHash outside [\\w+=/]+ without quoting it',
        input: { ClientId: 'c', Username: 'alice', SecretHash: 'abc-def' },
        expected: oneError("Value at 'secretHash' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=/]+"),
      },
      {
        title: "R1.7 quotes the value of a non-sensitive member (`Value 'a b' at 'confirmationCode'`)",
        members: CONFIRM_INPUT,
        input: { ClientId: 'c', Username: 'u', ConfirmationCode: 'a b', Password: 'Passw0rd!' },
        expected: oneError("Value 'a b' at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+"),
      },
      {
        title: 'R1.7 counts violations of different members and joins them with "; "',
        input: { ClientId: 'bad-id', Username: 'a b' },
        expected: invalid(
          "2 validation errors detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+; " +
            `Value at 'username' failed to satisfy constraint: ${USERNAME_PATTERN}`,
        ),
      },
      {
        title: 'R1.7 counts four violations (pattern, length and pattern of an empty value, missing)',
        input: { ClientId: 'a-b', SecretHash: '' },
        expected: invalid(
          '4 validation errors detected: ' +
            "Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+; " +
            "Value at 'secretHash' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
            "Value at 'secretHash' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=/]+; " +
            "Value null at 'username' failed to satisfy constraint: Member must not be null",
        ),
      },
    ]);
  });

  describe('password pattern (R2.2 note)', () => {
    const confirm = (password: string) => validateInput(CONFIRM_INPUT, { ClientId: 'c', Username: 'u', ConfirmationCode: '123456', Password: password });
    const passwordPatternError = oneError("Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$");

    it.each([
      { label: 'a leading space', password: ' Passw0rd!' },
      { label: 'a trailing space', password: 'Passw0rd! ' },
      { label: 'a trailing tab', password: 'Passw0rd!\t' },
      { label: 'only spaces', password: '    ' },
      { label: 'a newline inside', password: 'Pass\nw0rd!' },
    ])('R2.2 rejects a Password with $label, quoting ^[\\S]+.*[\\S]+$ but not the password', ({ password }) => {
      expect(confirm(password)).toEqual(passwordPatternError);
    });

    it.each([
      { label: 'an inner space', password: 'Pass w0rd!' },
      { label: 'several inner spaces', password: 'a   b' },
      { label: 'two characters', password: 'ab' },
      { label: 'a short password (policy, not validation, R2.2)', password: 'abc' },
    ])('R2.2 accepts a Password with $label', ({ password }) => {
      expect(confirm(password).isOk()).toBe(true);
    });

    it('R2.2 rejects a one-character Password, since the quoted regex needs two non-blank characters (judgement call)', () => {
      expect(confirm('a')).toEqual(passwordPatternError);
    });

    it('R2.2 accepts any password without blanks at either end and never quotes it', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', minLength: 2, maxLength: 40 }), (password) => {
          const trimmedEnds = /^\S/u.test(password) && /\S$/u.test(password) && !/[\n\r\u2028\u2029]/u.test(password);
          const result = confirm(password);
          expect(result.isOk()).toBe(trimmedEnds);
          if (result.isErr()) expect(result.error.message).not.toContain(`'${password}'`);
        }),
      );
    });
  });

  describe('sensitive members', () => {
    it('R1.7 never quotes the Username whatever the violation', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (username) => {
          const result = validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: username });
          if (result.isErr()) {
            expect(result.error.name).toBe('InvalidParameterException');
            expect(result.error.message).toMatch(/Value at 'username'/u);
            expect(result.error.message).not.toMatch(/Value '/u);
          }
        }),
      );
    });

    it('R1.7 does not quote the sensitive UserContextData members (R2.1)', () => {
      const ip = 'x'.repeat(131073);
      expect(validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: 'u', UserContextData: { IpAddress: ip } })).toEqual(
        oneError("Value at 'userContextData.ipAddress' failed to satisfy constraint: Member must have length less than or equal to 131072"),
      );
    });
  });

  describe('ClientMetadata (R2.1)', () => {
    it('R2.1 accepts keys and values of 131072 characters and many entries', () => {
      const metadata = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'v']));
      metadata['long'] = 'v'.repeat(131072);
      metadata['k'.repeat(131072)] = '';
      expect(validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: 'u', ClientMetadata: metadata }).isOk()).toBe(true);
    });

    it('R2.1 rejects a ClientMetadata value longer than 131072 as a map value constraint, unquoted', () => {
      expect(validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: 'u', ClientMetadata: { k: 'v'.repeat(131073) } })).toEqual(
        oneError(
          "Value at 'clientMetadata' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 131072]",
        ),
      );
    });

    it('R2.1 rejects a ClientMetadata key longer than 131072 as a map key constraint', () => {
      expect(validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: 'u', ClientMetadata: { ['k'.repeat(131073)]: 'v' } })).toEqual(
        oneError(
          "Value at 'clientMetadata' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 131072]",
        ),
      );
    });

    it('R1.7 reports several too-long ClientMetadata values once', () => {
      const long = 'v'.repeat(131073);
      expect(validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: 'u', ClientMetadata: { a: long, b: long } })).toEqual(
        oneError(
          "Value at 'clientMetadata' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 131072]",
        ),
      );
    });

    it('R2.1 answers a non-string ClientMetadata value with SerializationException', () => {
      const result = validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'c', Username: 'u', ClientMetadata: { k: 1 } });
      expect(result._unsafeUnwrapErr().name).toBe('SerializationException');
    });
  });

  describe('JSON types (SerializationException)', () => {
    it.each([
      { label: 'a number Username', input: { ClientId: 'c', Username: 123 }, message: "Expected a string at 'username' but found number." },
      { label: 'a boolean ClientId', input: { ClientId: true, Username: 'u' }, message: "Expected a string at 'clientId' but found boolean." },
      { label: 'an array Username', input: { ClientId: 'c', Username: ['u'] }, message: "Expected a string at 'username' but found array." },
      {
        label: 'an object SecretHash',
        input: { ClientId: 'c', Username: 'u', SecretHash: {} },
        message: "Expected a string at 'secretHash' but found object.",
      },
      {
        label: 'a string ClientMetadata',
        input: { ClientId: 'c', Username: 'u', ClientMetadata: 'x' },
        message: "Expected an object at 'clientMetadata' but found string.",
      },
      {
        label: 'an array ClientMetadata',
        input: { ClientId: 'c', Username: 'u', ClientMetadata: [] },
        message: "Expected an object at 'clientMetadata' but found array.",
      },
      {
        label: 'a string UserContextData',
        input: { ClientId: 'c', Username: 'u', UserContextData: 'x' },
        message: "Expected an object at 'userContextData' but found string.",
      },
      {
        label: 'a number UserContextData.IpAddress',
        input: { ClientId: 'c', Username: 'u', UserContextData: { IpAddress: 1 } },
        message: "Expected a string at 'userContextData.ipAddress' but found number.",
      },
    ])('R1.7 answers $label with SerializationException, not InvalidParameterException', ({ input, message }) => {
      expect(validateInput(FORGOT_PASSWORD_INPUT, input)).toEqual(err(cognitoError('SerializationException', message)));
    });

    it('R1.7 prefers SerializationException when a wrong type and a constraint violation come together', () => {
      const result = validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'bad-id', Username: 5 });
      expect(result._unsafeUnwrapErr().name).toBe('SerializationException');
    });

    it.each([
      { label: 'null', input: null },
      { label: 'an array', input: [{ ClientId: 'c', Username: 'u' }] },
      { label: 'a string', input: '{"ClientId":"c"}' },
      { label: 'a number', input: 1 },
      { label: 'undefined', input: undefined },
    ])('R1.1 answers a request body that is $label with SerializationException', ({ input }) => {
      expect(validateInput(FORGOT_PASSWORD_INPUT, input)).toEqual(err(cognitoError('SerializationException', 'The request body must be a JSON object.')));
    });

    it('R1.7 never throws and always answers InvalidParameterException or SerializationException for arbitrary JSON', () => {
      fc.assert(
        fc.property(
          fc.jsonValue(),
          fc.dictionary(fc.constantFrom('ClientId', 'Username', 'SecretHash', 'ClientMetadata', 'UserContextData', 'Other'), fc.jsonValue()),
          (body, members) => {
            for (const input of [body, members]) {
              const result = validateInput(FORGOT_PASSWORD_INPUT, input);
              if (result.isErr()) expect(['InvalidParameterException', 'SerializationException']).toContain(result.error.name);
            }
          },
        ),
      );
    });
  });

  describe('message count', () => {
    it('R1.7 prefixes "N validation error(s) detected" with N equal to the number of joined violations', () => {
      const badString = fc.constantFrom(undefined, '', ' ', 'a b', 'x'.repeat(129), 'ok');
      fc.assert(
        fc.property(badString, badString, badString, (clientId, username, secretHash) => {
          const input: Record<string, unknown> = {};
          if (clientId !== undefined) input['ClientId'] = clientId;
          if (username !== undefined) input['Username'] = username;
          if (secretHash !== undefined) input['SecretHash'] = secretHash;
          const result = validateInput(FORGOT_PASSWORD_INPUT, input);
          if (result.isOk()) return;
          const match = /^(\d+) validation errors? detected: (.*)$/su.exec(result.error.message);
          expect(match).not.toBeNull();
          const n = Number(match![1]);
          expect(match![2]!.split('; ')).toHaveLength(n);
          expect(result.error.message.startsWith(n === 1 ? '1 validation error detected: ' : `${n} validation errors detected: `)).toBe(true);
        }),
      );
    });
  });

  it('R2.1 PATTERNS quote the model text exactly', () => {
    expect(PATTERNS.username).toBe('[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+');
    expect(PATTERNS.password).toBe('^[\\S]+.*[\\S]+$');
    expect(PATTERNS.clientId).toBe('[\\w+]+');
    expect(PATTERNS.secretHash).toBe('[\\w+=/]+');
  });
});

describe('null members', () => {
  it('R1.7 treats null members as absent and hands back the input without them', () => {
    const members = {
      ClientId: { shape: SHAPES.clientId, required: true },
      SecretHash: { shape: SHAPES.secretHash },
      UserContextData: { shape: SHAPES.userContextData },
    };
    const input = { ClientId: 'abc', SecretHash: null, UserContextData: { IpAddress: null, EncodedData: 'x' } };
    const result = validateInput<Record<string, unknown>>(members, input)._unsafeUnwrap();
    expect(result).toEqual({ ClientId: 'abc', UserContextData: { EncodedData: 'x' } });
    expect('SecretHash' in result).toBe(false);
    const clean = { ClientId: 'abc' };
    expect(validateInput(members, clean)._unsafeUnwrap()).toBe(clean);
  });
});
