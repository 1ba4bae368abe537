/**
 * Who may talk to a local endpoint (D21): the browser origins that get CORS answers, and the `Host`
 * names a request may carry (DNS-rebinding protection).
 *
 * @module
 */
import type { Result } from 'neverthrow';
import { err, ok } from 'neverthrow';

/**
 * The origins a local endpoint answers CORS for unless told otherwise: pages served from `localhost`
 * or `127.0.0.1` on any port (a dev server, Storybook, a test page). `*` stands for any port.
 *
 * @example
 * ```ts
 * await startServer({ operations, corsOrigins: [...DEFAULT_CORS_ORIGINS, 'https://dev.myapp.test'] });
 * ```
 * @group Server
 */
export const DEFAULT_CORS_ORIGINS: readonly string[] = ['http://localhost:*', 'http://127.0.0.1:*'];

const HOST_NAME = /^(?=.{1,253}$)[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)*$/;
const IPV6 = /^\[[\da-f:.]+\]$/;

/**
 * Checks a `--cors-origin` value: `http(s)://host`, optionally `:port` or `:*` (any port), nothing
 * else (no path, no `*` for the host). Answers the normalised (lower-case) pattern.
 *
 * @example
 * ```ts
 * checkOriginPattern('http://localhost:*'); // ok('http://localhost:*')
 * checkOriginPattern('*'); // err('… never "*" …')
 * ```
 * @group Server
 */
export function checkOriginPattern(pattern: string): Result<string, string> {
  const match = /^(https?):\/\/([^/:]+|\[[^\]/]+\])(?::(\d{1,5}|\*))?$/i.exec(pattern);
  const scheme = match?.[1]?.toLowerCase();
  const host = match?.[2]?.toLowerCase();
  const port = match?.[3];
  if (pattern === '*' || host === '*')
    return err(`${JSON.stringify(pattern)}: an origin is named exactly, never "*" (D21); e.g. http://localhost:5173 or http://localhost:*`);
  if (scheme === undefined || host === undefined || !(HOST_NAME.test(host) || IPV6.test(host))) {
    return err(`${JSON.stringify(pattern)} is not an origin: expected http(s)://host, http(s)://host:port or http(s)://host:* (any port)`);
  }
  if (port !== undefined && port !== '*' && Number(port) > 65_535) return err(`${JSON.stringify(pattern)}: the port must be at most 65535`);
  return ok(`${scheme}://${host}${port === undefined ? '' : `:${port}`}`);
}

/**
 * Checks an `--allowed-host` value: a host name or IP address, without a port (any port is allowed).
 * Answers it in lower case.
 *
 * @example
 * ```ts
 * checkAllowedHost('cognito.local'); // ok('cognito.local')
 * checkAllowedHost('cognito.local:9229'); // err(…)
 * ```
 * @group Server
 */
export function checkAllowedHost(name: string): Result<string, string> {
  const host = name.toLowerCase();
  if (HOST_NAME.test(host) || IPV6.test(host)) return ok(host);
  if (/^[^:]+:\d+$/.test(host) || /^\[.*\]:\d+$/.test(host)) return err(`${JSON.stringify(name)}: give the host name without a port (every port is allowed)`);
  return err(`${JSON.stringify(name)} is not a host name or an IP address (IPv6 in brackets: [fd00::1])`);
}

/**
 * Builds the CORS check of {@link DEFAULT_CORS_ORIGINS}-style patterns: an `Origin` header value
 * matches a pattern when scheme and host are equal (case-insensitively) and the port is the pattern's,
 * or any port (none included) for `:*`.
 *
 * @throws TypeError when a pattern is invalid (see {@link checkOriginPattern}).
 * @example
 * ```ts
 * const allows = originMatcher(DEFAULT_CORS_ORIGINS);
 * allows('http://localhost:5173'); // true
 * allows('http://evil.example'); // false
 * ```
 * @group Server
 */
export function originMatcher(patterns: readonly string[]): (origin: string) => boolean {
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  for (const pattern of patterns) {
    const checked = checkOriginPattern(pattern);
    if (checked.isErr()) throw new TypeError(`invalid CORS origin: ${checked.error}`);
    if (checked.value.endsWith(':*')) anyPort.add(checked.value.slice(0, -2));
    else exact.add(checked.value);
  }
  return (origin) => {
    const normalised = origin.toLowerCase();
    if (exact.has(normalised)) return true;
    const match = /^(https?:\/\/(?:[^/:]+|\[[^\]/]+\]))(?::\d{1,5})?$/.exec(normalised);
    return match?.[1] !== undefined && anyPort.has(match[1]);
  };
}

/**
 * The host part of a `Host` header (`localhost:9229` → `localhost`, `[::1]:9229` → `[::1]`), lower-case.
 *
 * @internal
 */
export function hostOf(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end === -1 ? value : value.slice(0, end + 1);
  }
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/**
 * Whether a host (a `Host` header's host part, or an interface to bind) is a loopback name or address:
 * `localhost`, `127.0.0.0/8` in dotted form, `::1` (bracketed or not).
 *
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 * ```
 * @group Server
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * Builds the `Host` check: loopback names and addresses always pass ({@link isLoopbackHost}), and so do
 * the `allowed` names, on any port.
 *
 * @throws TypeError when an allowed name is invalid (see {@link checkAllowedHost}).
 * @example
 * ```ts
 * const allows = hostMatcher(['cognito']);
 * allows('localhost:9229'); // true
 * allows('cognito:9229'); // true
 * allows('rebind.attacker.example:9229'); // false
 * ```
 * @group Server
 */
export function hostMatcher(allowed: readonly string[]): (hostHeader: string) => boolean {
  const names = new Set<string>();
  for (const name of allowed) {
    const checked = checkAllowedHost(name);
    if (checked.isErr()) throw new TypeError(`invalid allowed host: ${checked.error}`);
    names.add(checked.value);
  }
  return (header) => {
    const host = hostOf(header);
    return isLoopbackHost(host) || names.has(host);
  };
}
