/**
 * Input constraints of the Cognito API model, reported the way the service does (R1.7, R2.1, R2.2).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { AnalyticsMetadata, AttributeType, UserContextData } from '../wire/types.js';

/** A string member's constraints. @group Rules */
export interface StringShape {
  /** Discriminant. */
  readonly type: 'string';
  /** Minimum length (UTF-16 code units, like the service). */
  readonly min?: number;
  /** Maximum length. */
  readonly max?: number;
  /** The model's pattern, as written in the model (quoted in messages). */
  readonly pattern?: string;
  /** One of these values (enums). */
  readonly enum?: readonly string[];
  /** Sensitive members are not quoted in messages. */
  readonly sensitive?: boolean;
}

/** A `map<string,string>` member's constraints. @group Rules */
export interface MapShape {
  /** Discriminant. */
  readonly type: 'map';
  /** Key constraints. */
  readonly key: StringShape;
  /** Value constraints. */
  readonly value: StringShape;
}

/** A structure member. @group Rules */
export interface StructureShape {
  /** Discriminant. */
  readonly type: 'structure';
  /** Members in model order. */
  readonly members: Readonly<Record<string, Member>>;
}

/** A list member. @group Rules */
export interface ListShape {
  /** Discriminant. */
  readonly type: 'list';
  /** Element shape. */
  readonly member: Shape;
  /** Minimum number of elements. */
  readonly min?: number;
  /** Maximum number of elements. */
  readonly max?: number;
}

/** A scalar member. @group Rules */
export interface ScalarShape {
  /** Discriminant. */
  readonly type: 'boolean' | 'integer';
  /** Minimum value (integers). */
  readonly min?: number;
  /** Maximum value (integers). */
  readonly max?: number;
}

/** Any shape. @group Rules */
export type Shape = StringShape | MapShape | StructureShape | ListShape | ScalarShape;

/** A member of a structure: its shape and whether it is required. @group Rules */
export interface Member {
  /** The shape. */
  readonly shape: Shape;
  /** Required by the model. */
  readonly required?: boolean;
}

/**
 * The member table of an input type `T`: exactly one {@link Member} per key of `T`, so that renaming,
 * adding or removing a member of `T` without its table (or the other way round) fails to compile.
 * `Unchecked` names the keys of `T` the operation accepts without validating them (members the model
 * does not keep); they must not appear in the table.
 *
 * @example
 * ```ts
 * const INPUT = {
 *   ClientId: { shape: SHAPES.clientId, required: true },
 *   Username: { shape: SHAPES.username, required: true },
 * } as const satisfies InputMembers<{ ClientId: string; Username: string }>;
 * ```
 * @group Rules
 */
export type InputMembers<T, Unchecked extends keyof T = never> = { readonly [K in Exclude<keyof T, Unchecked>]-?: Member };

const compiled = new Map<string, RegExp>();

/** The model's patterns are Java regexes matched against the whole value. */
function regexFor(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    compiled.set(pattern, re);
  }
  return re;
}

/** `UsernameType` and friends. @group Rules */
export const PATTERNS = {
  /** `UsernameType` (R2.1). */
  username: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
  /** `ClientIdType`. */
  clientId: '[\\w+]+',
  /** `SecretHashType`. */
  secretHash: '[\\w+=/]+',
  /** `ConfirmationCodeType`. */
  confirmationCode: '[\\S]+',
  /** `PasswordType` as the service quotes it (R2.2 note). */
  password: '^[\\S]+.*[\\S]+$',
  /** `UserPoolIdType`. */
  userPoolId: '[\\w-]+_[0-9a-zA-Z]+',
  /** `AttributeNameType`. */
  attributeName: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
  /** `UserPoolNameType`. */
  poolName: '[\\w\\s+=,.@-]+',
  /** `ClientNameType`. */
  clientName: '[\\w\\s+=,.@-]+',
  /** `PaginationKey`. */
  paginationKey: '[\\S]+',
  /** `SmsVerificationMessageType`: the code placeholder somewhere (§9.1, D11). */
  smsVerificationMessage: String.raw`.*\{####\}.*`,
  /** `EmailVerificationMessageType`: the code placeholder among letters, marks, symbols, numbers, punctuation and blanks (§9.1, D11). */
  emailVerificationMessage: String.raw`[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*`,
  /** `EmailVerificationSubjectType`. */
  emailVerificationSubject: String.raw`[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+`,
} as const;

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function describeValue(path: string, value: unknown, sensitive: boolean): string {
  if (sensitive || typeof value !== 'string') return `Value at '${path}'`;
  return `Value '${value}' at '${path}'`;
}

function checkString(shape: StringShape, value: string): string[] {
  const problems: string[] = [];
  if (shape.enum !== undefined && !shape.enum.includes(value)) {
    problems.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
    return problems;
  }
  if (shape.max !== undefined && value.length > shape.max) problems.push(`Member must have length less than or equal to ${shape.max}`);
  if (shape.min !== undefined && value.length < shape.min) problems.push(`Member must have length greater than or equal to ${shape.min}`);
  // R1.7, D14: every violated constraint of a member is reported (an empty username breaks both its
  // length and its pattern).
  if (shape.pattern !== undefined && !regexFor(shape.pattern).test(value)) {
    problems.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  return problems;
}

type Violation = { readonly kind: 'constraint'; readonly text: string } | { readonly kind: 'type'; readonly text: string };

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function walk(shape: Shape, value: unknown, path: string, sensitive: boolean, out: Violation[]): void {
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') {
        out.push({ kind: 'type', text: `Expected a string at '${path}' but found ${typeName(value)}.` });
        return;
      }
      for (const problem of checkString(shape, value)) {
        out.push({ kind: 'constraint', text: `${describeValue(path, value, sensitive || shape.sensitive === true)} failed to satisfy constraint: ${problem}` });
      }
      return;
    }
    case 'boolean': {
      if (typeof value !== 'boolean') out.push({ kind: 'type', text: `Expected a boolean at '${path}' but found ${typeName(value)}.` });
      return;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        out.push({ kind: 'type', text: `Expected an integer at '${path}' but found ${typeName(value)}.` });
        return;
      }
      if (shape.max !== undefined && value > shape.max)
        out.push({
          kind: 'constraint',
          text: `Value '${value}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${shape.max}`,
        });
      if (shape.min !== undefined && value < shape.min)
        out.push({
          kind: 'constraint',
          text: `Value '${value}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${shape.min}`,
        });
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push({ kind: 'type', text: `Expected an object at '${path}' but found ${typeName(value)}.` });
        return;
      }
      const keyProblems = new Set<string>();
      const valueProblems = new Set<string>();
      for (const [k, v] of Object.entries(value)) {
        for (const p of checkString(shape.key, k)) keyProblems.add(p);
        if (typeof v !== 'string') {
          out.push({ kind: 'type', text: `Expected a string value at '${path}' but found ${typeName(v)}.` });
          return;
        }
        for (const p of checkString(shape.value, v)) valueProblems.add(p);
      }
      if (keyProblems.size > 0)
        out.push({
          kind: 'constraint',
          text: `Value at '${path}' failed to satisfy constraint: Map keys must satisfy constraint: [${[...keyProblems].join(', ')}]`,
        });
      if (valueProblems.size > 0)
        out.push({
          kind: 'constraint',
          text: `Value at '${path}' failed to satisfy constraint: Map value must satisfy constraint: [${[...valueProblems].join(', ')}]`,
        });
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        out.push({ kind: 'type', text: `Expected an array at '${path}' but found ${typeName(value)}.` });
        return;
      }
      if (shape.max !== undefined && value.length > shape.max)
        out.push({ kind: 'constraint', text: `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}` });
      if (shape.min !== undefined && value.length < shape.min)
        out.push({
          kind: 'constraint',
          text: `Value at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`,
        });
      value.forEach((item: unknown, i) => {
        walk(shape.member, item, `${path}.${i + 1}.member`, sensitive, out);
      });
      return;
    }
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push({ kind: 'type', text: `Expected an object at '${path}' but found ${typeName(value)}.` });
        return;
      }
      walkMembers(shape.members, value as Record<string, unknown>, `${path}.`, sensitive, out);
      return;
    }
  }
}

/** Each member list once as `[wire name, member, message name]`: validation runs on every request. */
const memberLists = new WeakMap<Readonly<Record<string, Member>>, readonly (readonly [string, Member, string])[]>();

function listOf(members: Readonly<Record<string, Member>>): readonly (readonly [string, Member, string])[] {
  let list = memberLists.get(members);
  if (list === undefined) {
    list = Object.entries(members).map(([name, member]) => [name, member, lowerCamel(name)] as const);
    memberLists.set(members, list);
  }
  return list;
}

function walkMembers(members: Readonly<Record<string, Member>>, input: Record<string, unknown>, prefix: string, sensitive: boolean, out: Violation[]): void {
  for (const [name, member, messageName] of listOf(members)) {
    const path = prefix === '' ? messageName : `${prefix}${messageName}`;
    const value = Object.prototype.hasOwnProperty.call(input, name) ? input[name] : undefined;
    if (value === undefined || value === null) {
      if (member.required === true) out.push({ kind: 'constraint', text: `Value null at '${path}' failed to satisfy constraint: Member must not be null` });
      continue;
    }
    walk(member.shape, value, path, sensitive, out);
  }
}

/**
 * Checks `input` against an operation's input members. Every constraint violation is reported at
 * once, counted and joined with `"; "` (R1.7); a member of the wrong JSON type is a
 * `SerializationException`, as the service's deserializer answers. Unknown members are ignored.
 *
 * @example
 * ```ts
 * const checked = validateInput(FORGOT_PASSWORD_INPUT, { ClientId: 'abc' });
 * // err: 1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null
 * ```
 * @group Rules
 */
export function validateInput<T>(
  members: Readonly<Record<string, Member>>,
  input: unknown,
): Result<T, CognitoError<'InvalidParameterException' | 'SerializationException'>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err(cognitoError('SerializationException', messages.bodyNotObject));
  }
  const out: Violation[] = [];
  walkMembers(members, input as Record<string, unknown>, '', false, out);
  if (out.length === 0) return ok(withoutNulls(members, input as Record<string, unknown>) as T);
  const typeViolation = out.find((v) => v.kind === 'type');
  if (typeViolation !== undefined) return err(cognitoError('SerializationException', typeViolation.text));
  const n = out.length;
  return err(cognitoError('InvalidParameterException', `${n} validation error${n === 1 ? '' : 's'} detected: ${out.map((v) => v.text).join('; ')}`));
}

/**
 * The input with `null` members removed, at every structure level the model describes, as the
 * service's deserializer treats them (absent). The input itself is returned when it has none, so the
 * common case allocates nothing.
 */
function withoutNulls(members: Readonly<Record<string, Member>>, input: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [name, member] of listOf(members)) {
    if (!Object.prototype.hasOwnProperty.call(input, name)) continue;
    const value = input[name];
    // An in-process caller may pass `undefined`: absent, as walkMembers already treats it.
    const absent = value === null || value === undefined;
    let cleaned = value;
    if (!absent && member.shape.type === 'structure') cleaned = withoutNulls(member.shape.members, value as Record<string, unknown>);
    else if (!absent && member.shape.type === 'list' && member.shape.member.type === 'structure') {
      const inner = member.shape.member.members;
      const items = value as readonly Record<string, unknown>[];
      const mapped = items.map((item) => withoutNulls(inner, item));
      cleaned = mapped.some((item, i) => item !== items[i]) ? mapped : value;
    }
    if (absent || cleaned !== value) {
      copy ??= { ...input };
      if (absent) Reflect.deleteProperty(copy, name);
      else copy[name] = cleaned;
    }
  }
  return copy ?? input;
}

/** Shapes shared by several operations. @group Rules */
export const SHAPES = {
  /** `ClientIdType`. */
  clientId: { type: 'string', min: 1, max: 128, pattern: PATTERNS.clientId, sensitive: true },
  /** `SecretHashType`. */
  secretHash: { type: 'string', min: 1, max: 128, pattern: PATTERNS.secretHash, sensitive: true },
  /** `UsernameType`. */
  username: { type: 'string', min: 1, max: 128, pattern: PATTERNS.username, sensitive: true },
  /** `UserPoolIdType`. */
  userPoolId: { type: 'string', min: 1, max: 55, pattern: PATTERNS.userPoolId },
  /** `UserContextDataType` (sensitive, R2.1: its members are never quoted). */
  userContextData: {
    type: 'structure',
    members: {
      IpAddress: { shape: { type: 'string', max: 131072, sensitive: true } },
      EncodedData: { shape: { type: 'string', max: 131072, sensitive: true } },
    } satisfies InputMembers<UserContextData>,
  },
  /** `AnalyticsMetadataType`. */
  analyticsMetadata: { type: 'structure', members: { AnalyticsEndpointId: { shape: { type: 'string' } } } satisfies InputMembers<AnalyticsMetadata> },
  /** `ClientMetadataType`. */
  clientMetadata: { type: 'map', key: { type: 'string', min: 0, max: 131072 }, value: { type: 'string', min: 0, max: 131072 } },
  /** `ConfirmationCodeType`. */
  confirmationCode: { type: 'string', min: 1, max: 2048, pattern: PATTERNS.confirmationCode },
  /** `UserPoolNameType`. */
  poolName: { type: 'string', min: 1, max: 128, pattern: PATTERNS.poolName },
  /** `ClientNameType`. */
  clientName: { type: 'string', min: 1, max: 128, pattern: PATTERNS.clientName },
  /** `SmsVerificationMessageType`: 6–140 characters with the code placeholder (§9.1, D11). */
  smsVerificationMessage: { type: 'string', min: 6, max: 140, pattern: PATTERNS.smsVerificationMessage },
  /** `EmailVerificationMessageType`: 6–20,000 characters with the code placeholder (§9.1, D11). */
  emailVerificationMessage: { type: 'string', min: 6, max: 20000, pattern: PATTERNS.emailVerificationMessage },
  /** `EmailVerificationSubjectType`: 1–140 characters. */
  emailVerificationSubject: { type: 'string', min: 1, max: 140, pattern: PATTERNS.emailVerificationSubject },
  /** `PasswordType` (R2.2: no minimum since 2022; no leading or trailing blank). */
  password: { type: 'string', max: 256, pattern: PATTERNS.password, sensitive: true },
  /** `AttributeListType` element. */
  attributeType: {
    type: 'structure',
    members: {
      Name: { shape: { type: 'string', min: 1, max: 32, pattern: PATTERNS.attributeName }, required: true },
      Value: { shape: { type: 'string', max: 2048, sensitive: true } },
    } satisfies InputMembers<AttributeType>,
  },
} as const satisfies Readonly<Record<string, Shape>>;
