/**
 * The environment of an AWS tool run against a local endpoint.
 *
 * @module
 */

/**
 * The environment for an AWS tool in a child process (the AWS CLI, boto3, an SDK) pointed at a local
 * endpoint: `base` without any `AWS_*` variable of its own (no profile, region or credentials of the
 * machine), plus dummy credentials, region `us-east-1`, no config or credentials file, no instance
 * metadata lookups and no pager. The endpoint itself is given to the tool (`--endpoint-url`,
 * `endpoint_url=`).
 *
 * @example
 * ```ts
 * execFile('aws', ['cognito-idp', 'list-user-pools', '--max-results', '10', '--endpoint-url', server.url], { env: localToolEnv() });
 * ```
 * @group Server
 */
export function localToolEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (!name.startsWith('AWS_')) env[name] = value;
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
}
