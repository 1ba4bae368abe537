/**
 * App-client token lifetimes (R21.8, D35): `*TokenValidity` × `TokenValidityUnits` resolved to
 * seconds when a client is created, and reported back in units by DescribeUserPoolClient.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { TokenValidity } from '../model/app-client.js';

/** `TimeUnitsType`. @group Rules */
export type TimeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** `TokenValidityUnitsType`. @group Rules */
export interface TokenValidityUnits {
  /** Unit of `AccessTokenValidity` (default `hours`). */
  readonly AccessToken?: TimeUnit;
  /** Unit of `IdTokenValidity` (default `hours`). */
  readonly IdToken?: TimeUnit;
  /** Unit of `RefreshTokenValidity` (default `days`). */
  readonly RefreshToken?: TimeUnit;
}

/** The validity members of CreateUserPoolClient / DescribeUserPoolClient. @group Rules */
export interface TokenValiditySettings {
  /** Access token lifetime in `TokenValidityUnits.AccessToken`. */
  readonly AccessTokenValidity?: number;
  /** ID token lifetime in `TokenValidityUnits.IdToken`. */
  readonly IdTokenValidity?: number;
  /** Refresh token lifetime in `TokenValidityUnits.RefreshToken`; 0 is the 30-day default (R20.6). */
  readonly RefreshTokenValidity?: number;
  /** The units. */
  readonly TokenValidityUnits?: TokenValidityUnits;
}

const SECONDS: Readonly<Record<TimeUnit, number>> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

/** R21.8: access and ID tokens live 5 minutes – 1 day; refresh tokens 1 hour – 3,650 days. */
const RANGES = { access: [300, 86_400], refresh: [3600, 3650 * 86_400] } as const;

/** R21.8 defaults. */
const DEFAULTS: TokenValidity = { accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 30 * 86_400 };

/**
 * D35, R21.8: the lifetimes in seconds of the settings given to CreateUserPoolClient (defaults 1 hour,
 * 1 hour, 30 days; a refresh validity of 0 is the default); a lifetime outside R21.8's range →
 * `InvalidParameterException` `"Invalid range for token validity."`.
 *
 * @example
 * ```ts
 * resolveTokenValidity({ AccessTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes' } });
 * // ok({ accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 2592000 })
 * resolveTokenValidity({ AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' } }); // err: Invalid range for token validity.
 * ```
 * @group Rules
 */
export function resolveTokenValidity(settings: TokenValiditySettings): Result<TokenValidity, CognitoError<'InvalidParameterException'>> {
  const units = settings.TokenValidityUnits ?? {};
  const seconds = (value: number | undefined, unit: TimeUnit | undefined, fallbackUnit: TimeUnit, fallback: number): number =>
    value === undefined ? fallback : value * SECONDS[unit ?? fallbackUnit];
  const accessSeconds = seconds(settings.AccessTokenValidity, units.AccessToken, 'hours', DEFAULTS.accessSeconds);
  const idSeconds = seconds(settings.IdTokenValidity, units.IdToken, 'hours', DEFAULTS.idSeconds);
  const refresh = seconds(settings.RefreshTokenValidity, units.RefreshToken, 'days', DEFAULTS.refreshSeconds);
  const refreshSeconds = refresh === 0 ? DEFAULTS.refreshSeconds : refresh;
  const within = (value: number, [min, max]: readonly [number, number]): boolean => value >= min && value <= max;
  if (!within(accessSeconds, RANGES.access) || !within(idSeconds, RANGES.access) || !within(refreshSeconds, RANGES.refresh)) {
    return err(cognitoError('InvalidParameterException', messages.tokenValidityRange));
  }
  return ok({ accessSeconds, idSeconds, refreshSeconds });
}

/** The largest of `units` that divides `seconds` exactly. */
function inUnits(seconds: number, units: readonly TimeUnit[]): { readonly value: number; readonly unit: TimeUnit } {
  for (const unit of units) if (seconds % SECONDS[unit] === 0) return { value: seconds / SECONDS[unit], unit };
  return { value: seconds, unit: 'seconds' };
}

/**
 * The settings DescribeUserPoolClient reports for stored lifetimes (`undefined`: the defaults): each
 * in the largest unit that divides it (access and ID tokens up to hours, refresh tokens up to days),
 * so a client created with 60 minutes reports 1 hour.
 *
 * @example
 * ```ts
 * describeTokenValidity(undefined);
 * // { AccessTokenValidity: 1, IdTokenValidity: 1, RefreshTokenValidity: 30, TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' } }
 * ```
 * @group Rules
 */
export function describeTokenValidity(validity: TokenValidity | undefined): Required<TokenValiditySettings> {
  const v = validity ?? DEFAULTS;
  const access = inUnits(v.accessSeconds, ['hours', 'minutes', 'seconds']);
  const id = inUnits(v.idSeconds, ['hours', 'minutes', 'seconds']);
  const refresh = inUnits(v.refreshSeconds > 0 ? v.refreshSeconds : DEFAULTS.refreshSeconds, ['days', 'hours', 'minutes', 'seconds']);
  return {
    AccessTokenValidity: access.value,
    IdTokenValidity: id.value,
    RefreshTokenValidity: refresh.value,
    TokenValidityUnits: { AccessToken: access.unit, IdToken: id.unit, RefreshToken: refresh.unit },
  };
}
