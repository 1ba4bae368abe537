/**
 * What the adapters' tsyringe entries share: the port tokens and the registration of the ports, the
 * `Ports` bundle and the `Recovery` under them. Written against the few container methods it calls,
 * so the core needs no dependency on tsyringe.
 *
 * @module
 */
import type { AttemptLimiter } from '../ports/attempt-limiter.js';
import type { Ports } from '../ports/index.js';
import type { RecoveryCodeStore } from '../ports/recovery-code-store.js';
import type { UserStore } from '../ports/user-store.js';
import { createRecovery, type RecoveryOptions } from '../recovery.js';
import type { Recovery } from '../operations.js';

/**
 * The tokens the ports, the `Ports` bundle and the `Recovery` are registered under, the same in every
 * adapter's tsyringe entry (so code resolving ports works with any of them).
 *
 * @example
 * ```ts
 * const users = container.resolve<UserStore>(PORT_TOKENS.UserStore);
 * ```
 * @group Composition
 */
export const PORT_TOKENS = {
  /** `PoolDirectory`. */
  PoolDirectory: Symbol.for('cognito-recovery:PoolDirectory'),
  /** `UserStore`. */
  UserStore: Symbol.for('cognito-recovery:UserStore'),
  /** `RecoveryCodeStore`. */
  RecoveryCodeStore: Symbol.for('cognito-recovery:RecoveryCodeStore'),
  /** `AttemptLimiter`. */
  AttemptLimiter: Symbol.for('cognito-recovery:AttemptLimiter'),
  /** `MessageSender`. */
  MessageSender: Symbol.for('cognito-recovery:MessageSender'),
  /** `PasswordHasher`. */
  PasswordHasher: Symbol.for('cognito-recovery:PasswordHasher'),
  /** `Clock`. */
  Clock: Symbol.for('cognito-recovery:Clock'),
  /** `RandomSource`. */
  RandomSource: Symbol.for('cognito-recovery:RandomSource'),
  /** `TriggerInvoker` (registered only when the composition has one). */
  TriggerInvoker: Symbol.for('cognito-recovery:TriggerInvoker'),
  /** `CodeEncryptor` (registered only when the composition has one). */
  CodeEncryptor: Symbol.for('cognito-recovery:CodeEncryptor'),
  /** `TokenSigner`: `options.tokens`, or the composition's default signer. */
  TokenSigner: Symbol.for('cognito-recovery:TokenSigner'),
  /** `RecoverySecrets`. */
  RecoverySecrets: Symbol.for('cognito-recovery:RecoverySecrets'),
  /** Every port (`Ports`). */
  Ports: Symbol.for('cognito-recovery:Ports'),
  /** The bound use cases (`Recovery`). */
  Recovery: Symbol.for('cognito-recovery:Recovery'),
} as const;

/**
 * The part of a tsyringe `DependencyContainer` {@link registerPorts} uses.
 *
 * @group Composition
 */
export interface PortContainer {
  /** Registers a value, or a factory called with the container, under `token`. */
  register(token: symbol, provider: { readonly useValue: unknown } | { readonly useFactory: (container: PortContainer) => unknown }): unknown;
  /** What is registered under `token`. */
  // tsyringe's own signature: the caller names the type registered under the token.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  resolve<T>(token: symbol): T;
  /** Whether something is registered under `token` (in a parent container too, with `recursive`). */
  isRegistered(token: symbol, recursive?: boolean): boolean;
}

/**
 * The classes of the user, code and limit stores, which the container builds once, on first use,
 * from the `Options` its adapter reads from the container (the adapter's own tokens).
 *
 * @group Composition
 */
export interface InjectedStoreClasses<Options> {
  /** The `UserStore` class. */
  readonly users: new (options: Options) => UserStore;
  /** The `RecoveryCodeStore` class. */
  readonly codes: new (options: Options) => RecoveryCodeStore;
  /** The `AttemptLimiter` class. */
  readonly limiter: new (options: Options) => AttemptLimiter;
}

/** A provider that makes its value on first use, with the resolving container, and answers it from then on. */
function once<T>(make: (container: PortContainer) => T): { readonly useFactory: (container: PortContainer) => T } {
  let made: T | undefined;
  return { useFactory: (container) => (made ??= make(container)) };
}

/**
 * Registers the value of each store option under its token (`storeOptions` maps an option to
 * `[token, value]`), then under {@link PORT_TOKENS}: the stores, each built once, when first
 * resolved, from the options those tokens then hold (so a test can register one again before that),
 * the other ports of `ports` as values (the optional ones only when present: a container cannot hold
 * `undefined`), and `Ports` and `Recovery` assembled once from the tokens, so a test can override any
 * one port by registering its token again.
 *
 * @example
 * ```ts
 * const stores = { users: PostgresUserStore, codes: PostgresRecoveryCodeStore, limiter: PostgresAttemptLimiter };
 * const storeOptions = { db: [TOKENS.SqlExecutor, db], schema: [TOKENS.Schema, 'cognito_recovery'] } as const;
 * registerPorts(container, createPostgresPorts(db, options).ports, stores, storeOptions, { onPortFailure });
 * const recovery = container.resolve<Recovery>(PORT_TOKENS.Recovery);
 * ```
 * @group Composition
 */
export function registerPorts<Options extends object>(
  container: PortContainer,
  ports: Ports,
  stores: InjectedStoreClasses<NoInfer<Options>>,
  storeOptions: { readonly [Name in keyof Options]-?: readonly [token: symbol, value: Options[Name]] },
  options: RecoveryOptions,
): void {
  const entries = Object.entries<readonly [symbol, unknown]>(storeOptions);
  for (const [, [token, value]] of entries) container.register(token, { useValue: value });
  // The options as their tokens hold them now: `storeOptions` names every option of `Options`.
  const resolved = (c: PortContainer): Options => {
    const values: Record<string, unknown> = {};
    for (const [name, [token]] of entries) values[name] = c.resolve(token);
    return values as Options;
  };
  container.register(
    PORT_TOKENS.UserStore,
    once((c) => new stores.users(resolved(c))),
  );
  container.register(
    PORT_TOKENS.RecoveryCodeStore,
    once((c) => new stores.codes(resolved(c))),
  );
  container.register(
    PORT_TOKENS.AttemptLimiter,
    once((c) => new stores.limiter(resolved(c))),
  );
  container.register(PORT_TOKENS.PoolDirectory, { useValue: ports.pools });
  container.register(PORT_TOKENS.MessageSender, { useValue: ports.sender });
  container.register(PORT_TOKENS.PasswordHasher, { useValue: ports.hasher });
  container.register(PORT_TOKENS.Clock, { useValue: ports.clock });
  container.register(PORT_TOKENS.RandomSource, { useValue: ports.random });
  container.register(PORT_TOKENS.TokenSigner, { useValue: ports.tokens });
  if (ports.triggers !== undefined) container.register(PORT_TOKENS.TriggerInvoker, { useValue: ports.triggers });
  if (ports.encryptor !== undefined) container.register(PORT_TOKENS.CodeEncryptor, { useValue: ports.encryptor });
  container.register(PORT_TOKENS.RecoverySecrets, { useValue: ports.secrets });
  container.register(
    PORT_TOKENS.Ports,
    once((c): Ports => ({
      pools: c.resolve(PORT_TOKENS.PoolDirectory),
      users: c.resolve(PORT_TOKENS.UserStore),
      codes: c.resolve(PORT_TOKENS.RecoveryCodeStore),
      limiter: c.resolve(PORT_TOKENS.AttemptLimiter),
      sender: c.resolve(PORT_TOKENS.MessageSender),
      hasher: c.resolve(PORT_TOKENS.PasswordHasher),
      clock: c.resolve(PORT_TOKENS.Clock),
      random: c.resolve(PORT_TOKENS.RandomSource),
      triggers: c.isRegistered(PORT_TOKENS.TriggerInvoker, true) ? c.resolve(PORT_TOKENS.TriggerInvoker) : undefined,
      encryptor: c.isRegistered(PORT_TOKENS.CodeEncryptor, true) ? c.resolve(PORT_TOKENS.CodeEncryptor) : undefined,
      tokens: c.resolve(PORT_TOKENS.TokenSigner),
      secrets: c.resolve(PORT_TOKENS.RecoverySecrets),
    })),
  );
  container.register(
    PORT_TOKENS.Recovery,
    once((c): Recovery => createRecovery(c.resolve<Ports>(PORT_TOKENS.Ports), options)),
  );
}
