/**
 * Starts the local infrastructure the browser tests need, runs a command with
 * MASK_TEST_ENV describing it, and stops everything when the command ends.
 *   node --import tsx test/with-infra.ts -- <command> [args…]
 * Two dev chains (ids 31337 and 31338, for chain-switch tests) on free ports.
 */
import { spawn } from 'node:child_process';
import { startInfra } from './support/infra.js';

const dash = process.argv.indexOf('--');
const [cmd, ...args] = process.argv.slice(dash + 1);
if (dash < 0 || !cmd) {
  console.error('usage: node --import tsx test/with-infra.ts -- <command> [args…]');
  process.exit(2);
}

const infra = await startInfra();
const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, MASK_TEST_ENV: JSON.stringify(infra.env) } });
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', async (code, signal) => {
  await infra.close();
  process.exit(code ?? (signal ? 1 : 0));
});
