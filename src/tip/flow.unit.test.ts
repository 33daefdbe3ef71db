/**
 * The tip's inputs and its lifecycle machine without a page: every input is
 * either accepted or refused with a stable code and a whole sentence, and
 * thousands of random attribute values never make the machine throw or go
 * silent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Client } from 'viem';
import { findChain, type ChainConfig } from '../config/chains.js';
import { resolveConfig } from '../config/config.js';
import { ERROR_CODES, type MaskErrorCode } from '../events/error-codes.js';
import { createIdentityService } from '../identity/service.js';
import { sentence, type Sentence } from '../internal/errors.js';
import { t as translate } from '../internal/i18n.js';
import { createChainClient } from '../wallet/clients.js';
import { WalletService } from '../wallet/wallet.js';
import { TipFlow, type TipEnv, type TipFlowHost } from './flow.js';
import { AMOUNT_MESSAGES, checkAmount, parseChain, parsePresets, parseRecipient, parseToken } from './inputs.js';
import { TIP_STATES } from './states.js';

const t = translate as (key: string, vars?: Record<string, string | number>) => string;
const USDC = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
// Port 9 (discard) on loopback: connections are refused at once, so "the
// network failed" paths run without any traffic leaving the machine.
const DEAD_RPC = 'http://127.0.0.1:9';
const CHAINS: ChainConfig[] = [
  {
    id: 31337,
    key: 'dev',
    name: 'Mask Dev Chain',
    rpcUrls: [DEAD_RPC],
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    tokens: { USDC: { address: USDC, symbol: 'USDC', decimals: 6 } },
  },
  { id: 31338, key: 'dev2', name: 'Mask Dev Chain 2', rpcUrls: [DEAD_RPC], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } },
];

/** A sentence: not empty, every placeholder filled. */
function assertSentence(message: string, what: string): void {
  assert.ok(message.trim().length > 3, `${what}: empty message`);
  assert.ok(!/\{\w+\}/.test(message), `${what}: unfilled placeholder in “${message}”`);
}

test('recipients: addresses are checksummed, typos and the zero address refused, names passed on', () => {
  const ok = parseRecipient('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
  assert.deepEqual(ok, { ok: true, value: { kind: 'address', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' } });
  const typo = parseRecipient('0x70997970C51812dc3A010C7d01b50e0d17dc79c8');
  assert.equal(!typo.ok && typo.problem.code, 'invalid-recipient', 'a wrong EIP-55 checksum is a typo');
  const zero = parseRecipient('0x0000000000000000000000000000000000000000');
  assert.equal(!zero.ok && zero.problem.key, 'tip.recipient.zero');
  for (const name of ['alice.eth', 'lens/stani', 'stani.lens', 'bob.base.eth', 'café.eth']) {
    const r = parseRecipient(name);
    assert.ok(r.ok && r.value.kind === 'name', name);
  }
  for (const bad of ['', '   ', 'alice', 'alice .eth', '.eth', 'a..eth', '0x123', 'http://x.y/z']) {
    const r = parseRecipient(bad);
    assert.ok(!r.ok, `${JSON.stringify(bad)} refused`);
    assertSentence(sentence(r.problem, 'en'), bad);
  }
});

test('chains and tokens: configured names, ids, symbols and addresses; anything else says what is allowed', () => {
  const dev = CHAINS[0];
  const fallback = parseChain('', CHAINS, 31337);
  assert.equal(fallback.ok && fallback.value, dev);
  for (const ref of ['dev', 'DEV', '31337', '0x7a69', 'Mask Dev Chain']) assert.ok(parseChain(ref, CHAINS, 31338).ok, ref);
  const unknown = parseChain('base', CHAINS, 31337);
  assert.ok(!unknown.ok && unknown.problem.code === 'unsupported-chain');
  assert.match(sentence(unknown.problem, 'en'), /“base” is not a network this site supports \(dev, dev2\)/);

  assert.deepEqual(parseToken('', dev), { ok: true, value: { kind: 'native', symbol: 'ETH', decimals: 18 } });
  assert.equal(parseToken('native', dev).ok && parseToken('ETH', dev).ok, true);
  assert.deepEqual(parseToken('usdc', dev), { ok: true, value: { kind: 'erc20', address: USDC, symbol: 'USDC' } });
  assert.deepEqual(parseToken(USDC.toLowerCase(), dev), { ok: true, value: { kind: 'erc20', address: USDC, symbol: 'USDC' } });
  const dai = parseToken('DAI', dev);
  assert.ok(!dai.ok && dai.problem.code === 'invalid-token');
  assert.equal(sentence(dai.problem, 'en'), '“DAI” is not a token on Mask Dev Chain. Use native, USDC, or a token address.');
});

test('amounts: every refusal has its own sentence; presets keep the valid ones', () => {
  for (const key of Object.values(AMOUNT_MESSAGES)) assertSentence(t(key, { value: 'x', symbol: 'USDC', decimals: 6 }), key);
  const r = checkAmount('1.1234567', { symbol: 'USDC', decimals: 6 });
  assert.ok(!r.ok);
  assert.equal(sentence(r.problem, 'en'), 'USDC has 6 decimals; “1.1234567” has more.');
  assert.deepEqual(parsePresets('1,5,10', 6), ['1', '5', '10']);
  assert.deepEqual(parsePresets(' 0.5, 1e3, 5, -1, 5, 1.1234567 ', 6), ['0.5', '5']);
  assert.deepEqual(parsePresets('', 6), []);
});

interface Run {
  flow: TipFlow;
  errors: Array<{ code: MaskErrorCode; message: string }>;
  connectAsked: number;
}

/**
 * The flow's port from real parts (no `Kit`): a wallet with no provider, the
 * configuration as `configure()` would resolve it, viem clients and the
 * identity service on the chains above.
 */
function tipEnv(): TipEnv {
  const config = resolveConfig({ chains: CHAINS, defaultChain: 31337, ensChain: 31337 });
  const clients = new Map<number, Client>();
  const client = async (chain: ChainConfig): Promise<Client> => {
    if (!clients.has(chain.id)) clients.set(chain.id, createChainClient(chain, { batch: true }));
    return clients.get(chain.id)!;
  };
  const chain = (ref?: number | string | null) => findChain(config.chains, ref ?? config.defaultChain);
  const identity = createIdentityService({ config, parent: null, chain, client });
  return { wallet: new WalletService(), config, client, identity: async () => identity };
}

/** Every placeholder of the sentence (and of the sentences inside it) gets a value (values themselves may contain braces: they are text). */
function assertFilled(s: Sentence): void {
  for (const [, name] of t(s.key).matchAll(/\{(\w+)\}/g)) assert.ok(s.vars && name in s.vars, `${s.key} needs {${name}}`);
  for (const value of Object.values(s.vars ?? {})) if (typeof value === 'object') assertFilled(value);
}

function machine(env: TipEnv): Run {
  const run: Run = { flow: undefined as unknown as TipFlow, errors: [], connectAsked: 0 };
  const host: TipFlowHost = {
    kit: env,
    connect: async () => {
      run.connectAsked++;
      return null; // the visitor closes the connect dialog (the element reports that itself)
    },
    request: () => true,
    sent: () => {},
    confirmed: () => {},
    fail: (code, s) => {
      assertFilled(s);
      run.errors.push({ code, message: sentence(s, 'en') });
    },
    clearError: () => {},
    changed: () => {},
  };
  run.flow = new TipFlow(host);
  return run;
}

test('property: thousands of random to / amount / token / chain values never throw and always leave a state with a message', async () => {
  const env = tipEnv();
  const hex40 = fc.stringMatching(/^0x[0-9a-fA-F]{40}$/);
  const to = fc.oneof(fc.string({ maxLength: 48 }), hex40, fc.constantFrom('alice.eth', 'lens/stani', '0x0000000000000000000000000000000000000000', ''), fc.string({ unit: 'grapheme', maxLength: 12 }));
  const amount = fc.oneof(fc.string({ maxLength: 24 }), fc.stringMatching(/^[-+]?[0-9.,eEx _]{0,16}$/), fc.constantFrom('1', '0.5', '1e3', '0x10', '1,5', '-1', ''));
  const token = fc.oneof(fc.string({ maxLength: 16 }), fc.constantFrom('native', 'USDC', 'usdc', 'ETH', '', USDC), hex40);
  const chain = fc.oneof(fc.string({ maxLength: 16 }), fc.constantFrom('', 'dev', 'dev2', '31337', '0x7a69', 'base', '1'));
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(to, amount, token, chain, async (to, amount, token, chain) => {
      runs++;
      const run = machine(env);
      run.flow.setInputs({ to, amount, token, chain, presets: '1,5,10' });
      await run.flow.send();
      assert.ok((TIP_STATES as readonly string[]).includes(run.flow.state), `state ${run.flow.state}`);
      assert.ok(!run.flow.busy, `settled, not ${run.flow.state}`);
      for (const e of run.errors) {
        assert.ok((ERROR_CODES as readonly string[]).includes(e.code), e.code);
        assert.ok(e.message.trim().length > 3, `${e.code}: empty message`);
      }
      // Something was said: a refusal with a sentence, or the connect flow (which speaks for itself).
      assert.ok(run.errors.length > 0 || run.connectAsked > 0, `silent for ${JSON.stringify({ to, amount, token, chain })}`);
    }),
    { numRuns: 2000 },
  );
  assert.equal(runs, 2000);
});
