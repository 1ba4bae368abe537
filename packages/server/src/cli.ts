#!/usr/bin/env node
/**
 * The `cognito-recovery` executable.
 *
 * @module
 */
import { nodeCliIo, runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), nodeCliIo());
