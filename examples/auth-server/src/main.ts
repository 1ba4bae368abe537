/**
 * The auth server's entry point: `pnpm example:auth-server` (memory), `pnpm example:auth-server --aws …`
 * or `pnpm example:auth-server --postgres postgres://… --provision`.
 */
import { runAuthServer } from './run.js';

try {
  const server = await runAuthServer(process.argv.slice(2), process.env);
  console.log(`auth server (${server.backend}) on ${server.url}${server.userPoolId === undefined ? '' : `, pool ${server.userPoolId}`}`);
  console.log(`  curl -s -X POST ${server.url}/password/forgot -d '{"username":"alice"}'`);
  console.log(`  curl -s -X POST ${server.url}/password/confirm -d '{"username":"alice","code":"<code>","password":"N3w-passw0rd!"}'`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
