/**
 * `<mask-tip>` against hostile input through real parts (issue 11): hostile
 * `to`, `amount`, `token`, `chain` attributes, amounts and notes typed into
 * the panel, hostile recipients registered as ENS names on the dev chain, and
 * tokens whose on-chain `symbol()` and `decimals()` are hostile. A connected
 * dev wallet on the dev chain; many tips per page, a few dozen at a time.
 *
 * Every input ends in a lifecycle state with a sentence: refused (idle, a
 * `mask-error` and its sentence, quoting the input literally when it quotes
 * it), the contract warning, failed, or the review: every check passed and
 * `mask-tip-request` carries the checksummed recipient and the exact amount,
 * which the panel shows. The page cancels that request (nothing is signed)
 * except for a few hand-picked tips that go through the wallet to a block.
 * Nothing executed, nothing uncaught, nothing lost.
 *
 * Prints `tip hostile: inputs=N executed=0 uncaught=0 lost=0 …`.
 */
import { expect } from '@open-wc/testing';
import { encodeFunctionData, getAddress, isAddress, keccak256, parseAbi, stringToBytes, type Address } from 'viem';
import { normalize } from 'viem/ens';
import { makeHostileTokens, nameAddress, writeNameRecords } from '../../dev/chain/records.js';
import { announceDevWallet, createDevWallet } from '../../dev/wallet/dev-wallet.js';
import '../../src/components/tip/define.js';
import type { MaskTip } from '../../src/components/tip/mask-tip.js';
import { TIP_STATES } from '../../src/components/tip/mask-tip.types.js';
import { Kit } from '../../src/context/kit.js';
import type { MaskErrorEvent } from '../../src/events/mask-error.js';
import type { MaskTipRequestEvent } from '../../src/events/mask-tip-request.js';
import { tipMessages } from '../../src/tip/tip.messages.js';
import {
  FORBIDDEN_IN_REMOTE_TEXT,
  canaryHits,
  detectorSelfCheck,
  hostileInputs,
  installCanary,
  literalKey,
  recordUncaught,
  scanForExecution,
  shownLiterally,
  summaryLine,
  type HostileInput,
} from '../support/hostile-corpus.js';
import { devChains, testEnv, until } from './support.js';

const env = testEnv();
installCanary();
const pageOwn = [...document.querySelectorAll('script, style, link, meta, base')];
const uncaught = recordUncaught();

/** How many inputs of each kind. */
const SIZE = { to: 330, amount: 200, typed: 200, token: 120, chain: 100, note: 150, tokenMeta: 40 };
/** Tips in flight at once. */
const WAVE = 24;
/** The tip's quote cap (`quote()` in src/tip/inputs.ts): 42 characters, "…" when cut. */
const QUOTE = 42;

const counts = { inputs: 0, executed: 0, uncaught: 0, lost: 0, reviewed: 0, refused: 0, warned: 0, failed: 0, sent: 0, known: 0 };
const lost: string[] = [];

/**
 * Known issues in files this suite does not own: a matching case counts as
 * `known`, not `lost`. Empty this list once they are fixed; an entry that no
 * longer reproduces fails the suite so that it gets removed.
 */
interface KnownIssue {
  id: string;
  what: string;
  matches(field: string, input: string, why: string): boolean;
}
const KNOWN_ISSUES: KnownIssue[] = [];
const knownSeen = new Set<string>();

function problem(id: string, field: string, input: string, why: string): void {
  const known = KNOWN_ISSUES.find((k) => k.matches(field, input, why));
  if (known) {
    counts.known++;
    knownSeen.add(known.id);
    return;
  }
  counts.lost++;
  lost.push(`${id} ${field} ${JSON.stringify(input.slice(0, 120))}${input.length > 120 ? `… (${input.length} chars)` : ''}: ${why}`);
}

async function rpc<T>(method: string, params: unknown[]): Promise<T> {
  const res = await fetch(env.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}
async function mined(hash: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const receipt = await rpc<{ status: string } | null>('eth_getTransactionReceipt', [hash]);
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error(`tx ${hash} reverted`);
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`tx ${hash} not mined`);
}
const balanceOf = async (a: string) => BigInt(await rpc<string>('eth_getBalance', [a, 'latest']));
const usdcBalanceOf = async (a: string) =>
  BigInt(await rpc<string>('eth_call', [{ to: env.deployment.contracts.usdc, data: encodeFunctionData({ abi: parseAbi(['function balanceOf(address) view returns (uint256)']), functionName: 'balanceOf', args: [a as Address] }) }, 'latest']));

const addressOf = (seed: string): Address => getAddress(`0x${keccak256(stringToBytes(`mask-hostile-tip-${seed}`)).slice(-40)}`);
/** The tips' sender: an address of its own (impersonated on anvil), so no other test's balances move. */
const SENDER = addressOf('sender');
/** The recipient of tips whose hostile input is elsewhere. */
const PLAIN = addressOf('plain-recipient');
const chain = devChains(env)[0];
const part = <T extends Element = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const textOf = (el: Element | null | undefined) => el?.textContent ?? '';
const say = (key: keyof typeof tipMessages) => tipMessages[key] as string;

// ------------------------------------------------------------------ oracles (the documented rules, written again here)

function normalOf(name: string): string | null {
  try {
    return normalize(name);
  } catch {
    return null;
  }
}

/** Base units of a typed amount as `src/tip/amount.ts` documents it, or null when it must be refused. */
function amountOf(input: string, decimals: number): bigint | null {
  const text = input
    .replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/\uff0e/g, '.')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, '.')
    .trim();
  if (text.length > 100 || decimals > 255) return null;
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) return null;
  const value = BigInt((m[1] || '0') + fraction.padEnd(decimals, '0'));
  return value === 0n || value >= 1n << 256n ? null : value;
}
const looksNumeric = (input: string) => /^[\s\d.\uff10-\uff19\uff0e\u0660-\u0669\u06f0-\u06f9\u066b]*$/.test(input);

/** The chain a `chain` attribute names (this kit has the dev chain only), per `findChain`. */
function chainOk(input: string): boolean {
  const text = input.trim();
  if (!text) return true;
  const id = /^(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : NaN;
  return id === chain.id || text.toLowerCase() === chain.key || text.toLowerCase() === chain.name.toLowerCase();
}

/** EIP-55: one case throughout, or the right checksum. */
function addressOk(input: string): Address | null {
  const text = input.trim();
  const body = /^0x([0-9a-fA-F]{40})$/.exec(text)?.[1];
  if (!body || !(body === body.toLowerCase() || body === body.toUpperCase() || isAddress(text, { strict: true }))) return null;
  return getAddress(text);
}

/**
 * Whether `to` has the shape of a name for the tip (`parseRecipient` in
 * src/tip/inputs.ts): at most 255 characters, no white space, controls or
 * slashes (after `lens/`), and dot-separated labels or a `lens/` prefix.
 */
function nameShaped(input: string): boolean {
  const text = input.trim();
  return text.length <= 255 && !/[\s\u0000-\u001f\u007f-\u009f/\\]/.test(text.replace(/^lens\//i, '')) && (/^lens\/./i.test(text) || /^[^.]+(\.[^.]+)+$/.test(text));
}

/** Names this run wrote on chain (normalised name → address), and the dev chain's own. */
const names = new Map<string, Address>([...Object.entries(env.deployment.names), ...env.deployment.bulk.map((b): [string, Address] => [b.name, b.address])]);

/** Where a Lens handle points, asked of the Lens stand-in directly. */
async function lensOwner(handle: string): Promise<Address | null> {
  if (!env.lensUrl) return null;
  const res = await fetch(env.lensUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($n: String!) { account(request: { username: { localName: $n } }) { owner } }', variables: { n: handle } }),
  });
  const body = (await res.json()) as { data?: { account?: { owner?: string } | null } };
  return body.data?.account?.owner ? getAddress(body.data.account.owner) : null;
}
const lensHandleOf = (input: string) => {
  const text = input.trim().toLowerCase();
  const m = /^lens\/(.*)$/.exec(text) ?? /^(.*)\.lens$/.exec(text);
  return m && /^[a-z0-9][a-z0-9_-]{0,62}$/.test(m[1]) ? m[1] : null;
};

// ------------------------------------------------------------------ running tips

interface Case {
  id: string;
  field: 'to' | 'amount' | 'typed' | 'token' | 'chain' | 'note' | 'token-meta';
  input: string;
  attrs: Record<string, string>;
  typed?: string;
  note?: string;
}

interface Outcome {
  state: string;
  request: MaskTipRequestEvent | null;
  errors: MaskErrorEvent[];
  /** The error sentence shown, the status sentence, the recipient section, the summary. */
  error: string;
  status: string;
  recipient: string;
  recipientAddress: string;
  summary: string;
  panel: string;
}

let host: HTMLElement;
let kit: Kit;

/** One tip: attributes, open, type, send; resolves with where it ended. The page cancels the request (nothing is signed). */
async function runTip(c: Case, { cancel = true } = {}): Promise<Outcome | string> {
  const tip = document.createElement('mask-tip') as MaskTip;
  for (const [name, value] of Object.entries(c.attrs)) tip.setAttribute(name, value);
  let request: MaskTipRequestEvent | null = null;
  const errors: MaskErrorEvent[] = [];
  tip.addEventListener('mask-tip-request', (e) => {
    request = e as MaskTipRequestEvent;
    if (cancel) e.preventDefault();
  });
  tip.addEventListener('mask-error', (e) => errors.push(e as MaskErrorEvent));
  host.append(tip);
  try {
    await tip.show();
    await tip.updateComplete;
    if (c.typed !== undefined) {
      const input = part<HTMLInputElement>(tip, 'amount-input');
      if (!input) return 'no amount field to type into';
      input.value = c.typed;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    if (c.note !== undefined) {
      const note = part<HTMLTextAreaElement>(tip, 'note');
      if (!note) return 'no note field';
      note.value = c.note;
      note.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await tip.updateComplete;
    const button = part<HTMLButtonElement>(tip, 'send-button');
    if (!button) return `no send button (state ${tip.tipState})`;
    button.click();
    const done = () =>
      (request && (!cancel || !tip.matches(':state(confirming)'))) ||
      ['warning', 'failed', 'rejected', 'confirmed'].some((s) => tip.matches(`:state(${s})`)) ||
      (tip.matches(':state(idle)') && tip.matches(':state(error)'));
    const settled = await until(done, 'an outcome', 30_000).then(
      () => true,
      () => false,
    );
    if (!settled) return `no outcome after 30 s (state ${tip.tipState})`;
    if (!cancel && request) await until(() => ['confirmed', 'failed', 'rejected'].some((s) => tip.matches(`:state(${s})`)), 'the block', 30_000);
    await tip.updateComplete;
    const found = scanForExecution([tip], pageOwn);
    counts.executed += found.length;
    if (found.length) return `injected: ${found.join('; ')}`;
    return {
      state: tip.tipState,
      request,
      errors,
      error: textOf(part(tip, 'error')),
      status: textOf(part(tip, 'status')),
      recipient: textOf(part(tip, 'recipient')),
      recipientAddress: textOf(part(tip, 'recipient-address')).trim(),
      summary: textOf(part(tip, 'summary')),
      panel: textOf(part(tip, 'panel')),
    };
  } finally {
    tip.remove();
  }
}

/** Runs the cases a wave at a time and judges each outcome. */
async function runAll(cases: Case[], judge: (c: Case, o: Outcome) => void | Promise<void>): Promise<void> {
  counts.inputs += cases.length;
  for (let i = 0; i < cases.length; i += WAVE) {
    await Promise.all(
      cases.slice(i, i + WAVE).map(async (c) => {
        const o = await runTip(c);
        if (typeof o === 'string') return problem(c.id, c.field, c.input, o);
        if (!(TIP_STATES as readonly string[]).includes(o.state)) return problem(c.id, c.field, c.input, `unknown state ${o.state}`);
        if (o.status.trim().length < 4) return problem(c.id, c.field, c.input, `state ${o.state} without a status sentence`);
        const where = Object.entries({ recipient: o.recipient, summary: o.summary, error: o.error, status: o.status }).filter(([, text]) => FORBIDDEN_IN_REMOTE_TEXT.test(text));
        if (where.length) problem(c.id, 'shown-controls', c.input, `a control or bidi character shown in the ${where.map(([k]) => k).join(', ')}`);
        await judge(c, o);
      }),
    );
  }
}

/** A refusal: idle with a sentence, which quotes the input literally when it quotes it. */
function refused(c: Case, o: Outcome, quoted: string = c.input): boolean {
  if (o.state !== 'idle' || !o.errors.length) return false;
  if (o.error.trim().length < 10) {
    problem(c.id, c.field, c.input, `refused (${o.errors.at(-1)!.code}) without a sentence`);
    return true;
  }
  if (/[“”]/.test(o.error) && literalKey(quoted.trim())) {
    const shown = shownLiterally(quoted.trim(), o.error, { cap: QUOTE });
    if (!shown.ok) {
      problem(c.id, c.field, c.input, `the refusal quotes something else: “${o.error.slice(0, 160)}” (${shown.why})`);
      return true;
    }
  }
  counts.refused++;
  return true;
}

/** The review: the checksummed recipient and the exact amount, in the request and on screen. */
function reviewed(c: Case, o: Outcome, want: { to?: Address | null; amount?: bigint | null; token?: string }): boolean {
  const r = o.request;
  if (!r) return false;
  const checks: string[] = [];
  if (r.to !== getAddress(r.to)) checks.push(`request.to ${r.to} is not checksummed`);
  if (want.to !== undefined && r.to !== want.to) checks.push(`request.to ${r.to}, expected ${want.to}`);
  if (want.amount !== undefined && r.amount !== want.amount) checks.push(`request.amount ${r.amount}, expected ${want.amount}`);
  if (want.token !== undefined && r.token !== want.token) checks.push(`request.token ${r.token}, expected ${want.token}`);
  if (o.recipientAddress !== r.to) checks.push(`the panel shows ${o.recipientAddress}, the request says ${r.to}`);
  const digits = (s: string) => s.replace(/[^\d]/g, '');
  const exact = formatUnitsExact(r.amount, r.decimals);
  if (!digits(o.summary).includes(digits(exact))) checks.push(`the summary “${o.summary.trim().slice(0, 80)}” does not show ${exact}`);
  if (!o.status.includes(say('tip.cancelledByPage'))) checks.push(`status “${o.status}” after the page cancelled`);
  if (checks.length) problem(c.id, c.field, c.input, checks.join('; '));
  else counts.reviewed++;
  return true;
}

function formatUnitsExact(value: bigint, decimals: number): string {
  const s = value.toString().padStart(decimals + 1, '0');
  const whole = s.slice(0, s.length - decimals);
  const fraction = s.slice(s.length - decimals).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

function other(c: Case, o: Outcome): void {
  if (o.state === 'failed' && o.error.trim().length > 10) counts.failed++;
  else problem(c.id, c.field, c.input, `ended ${o.state} (${o.errors.map((e) => e.code).join(', ') || 'no error'}): “${(o.error || o.status).slice(0, 160)}”`);
}

const cases = (field: Case['field'], inputs: HostileInput[], make: (input: HostileInput) => Omit<Case, 'id' | 'field' | 'input'>): Case[] =>
  inputs.map((input) => ({ id: input.id, field, input: input.text, ...make(input) }));
const base = { to: PLAIN, amount: '0.001' };

// ------------------------------------------------------------------ setup

before(async function () {
  this.timeout(120_000);
  host = document.createElement('div');
  document.body.append(host);
  // The sender: impersonated, funded with ETH and dev USDC.
  await rpc('anvil_impersonateAccount', [SENDER]);
  await rpc('anvil_setBalance', [SENDER, `0x${(100n * 10n ** 18n).toString(16)}`]);
  const mint = encodeFunctionData({ abi: parseAbi(['function mint(address to, uint256 amount)']), functionName: 'mint', args: [SENDER, 1000n * 10n ** 6n] });
  await mined(await rpc<string>('eth_sendTransaction', [{ from: env.deployment.accounts[0].address, to: env.deployment.contracts.usdc, data: mint }]));
  const wallet = createDevWallet({ chains: { [env.chainId]: env.rpcUrl }, chainId: env.chainId, account: SENDER });
  stopWallet = announceDevWallet(wallet);
  kit = new Kit({ config: { chains: [chain], defaultChain: env.chainId, ensChain: env.chainId, lensApiUrl: env.lensUrl, web3bioApiUrl: false, lang: 'en' } });
  kit.wallet.discover();
  const provider = document.createElement('test-kit-provider') as HTMLElement & { kit: Kit };
  provider.kit = kit;
  host.append(provider);
  host = provider;
  await until(() => kit.wallet.wallets.length, 'the dev wallet');
  await kit.wallet.connect(kit.wallet.wallets[0]);
  await kit.identity();
});
let stopWallet = () => {};

after(() => {
  stopWallet();
  host.parentElement?.remove();
  counts.uncaught = uncaught.list.length;
  console.log(summaryLine('tip hostile', counts));
  if (lost.length) {
    const byField = new Map<string, string[]>();
    for (const line of lost) byField.set(line.split(' ')[1], [...(byField.get(line.split(' ')[1]) ?? []), line]);
    console.log([...byField].map(([field, list]) => `${field}: ${list.length}\n  ${list.slice(0, 12).join('\n  ')}`).join('\n'));
  }
  if (uncaught.list.length) console.log(uncaught.list.slice(0, 20).join('\n'));
  uncaught.stop();
});

describe('<mask-tip> hostile input', () => {
  it('the detectors see an injection (self-check)', async () => {
    const { ran, found } = await detectorSelfCheck();
    expect(ran).to.equal(true);
    expect(found.join('\n')).to.match(/<img> has onerror=/);
  });

  it('hostile recipients: addresses, names (some registered on the dev chain), Lens handles', async function () {
    this.timeout(240_000);
    const inputs = [
      ...hostileInputs(180, { seed: 301, field: 'name' }),
      ...hostileInputs(100, { seed: 302, field: 'address' }),
      ...hostileInputs(SIZE.to - 280, { seed: 303, field: 'text' }),
    ];
    // Contracts as recipients: the warning (DonationBox takes ETH), or a refusal when the contract would reject it; never a silent send.
    const { donationBox, usdc, ensUniversalResolver } = env.deployment.contracts;
    [donationBox, usdc.toLowerCase(), ensUniversalResolver].forEach((text, i) => inputs.push({ id: `contract-${i}`, text, tags: ['contract'], payload: false }));
    // Hostile names that ENSIP-15 accepts get an address on chain, under the name they normalise to.
    const records = [];
    for (const input of inputs) {
      const name = nameShaped(input.text) ? normalOf(input.text.trim()) : null;
      if (!name || names.has(name) || !name.includes('.') || name.split('.').some((label) => !label || stringToBytes(label).length > 255)) continue;
      // nameAddress(): the badge suite, running alongside, writes a name it shares with this one to the same address.
      names.set(name, nameAddress(name));
      records.push({ name, addr: names.get(name)!, setReverse: false });
    }
    await writeNameRecords(env.deployment, records);
    expect(records.length, 'some hostile names are valid ENS names').to.be.at.least(15);
    await runAll(
      cases('to', inputs, (input) => ({ attrs: { ...base, to: input.text } })),
      async (c, o) => {
        const text = c.input.trim();
        const lens = lensHandleOf(text);
        let want: Address | null;
        if (/^0x/i.test(text) && !text.includes('.')) want = addressOk(text);
        else if (lens) want = await lensOwner(lens);
        else want = nameShaped(text) ? (names.get(normalOf(text) ?? '') ?? null) : null;
        if (want === '0x0000000000000000000000000000000000000000') want = null;
        if (reviewed(c, o, { to: want ?? undefined, amount: 10n ** 15n })) {
          if (!want) problem(c.id, c.field, c.input, `accepted as ${o.request!.to}, but it is no recipient`);
          return;
        }
        if (refused(c, o)) {
          if (want) problem(c.id, c.field, c.input, `refused although it is ${want}: “${o.error}”`);
          return;
        }
        if (o.state === 'warning' && c.id.startsWith('contract-')) return void counts.warned++;
        other(c, o);
      },
    );
    expect(counts.warned, 'the DonationBox recipient warned about').to.equal(1);
    expect(lost.length, `every recipient reviewed or refused with a sentence:\n${lost.slice(0, 5).join('\n')}`).to.equal(0);
  });

  it('hostile amounts: the amount attribute, and typed into the panel', async function () {
    this.timeout(240_000);
    const judge = (raw: (c: Case) => string) => (c: Case, o: Outcome) => {
      const want = amountOf(raw(c), 18);
      if (reviewed(c, o, { to: PLAIN, amount: want ?? undefined })) {
        if (want === null) problem(c.id, c.field, c.input, `accepted as ${o.request!.amount} base units`);
        return;
      }
      if (refused(c, o, raw(c))) {
        const code = o.errors.at(-1)!.code;
        if (want !== null && code !== 'insufficient-funds') problem(c.id, c.field, c.input, `refused (${code}) although it is ${want} base units: “${o.error}”`);
        if (want === null && !looksNumeric(raw(c)) && o.error.includes(say('tip.amount.tooLarge'))) problem(c.id, 'amount-too-large', c.input, 'text that is not a number is called too large');
        return;
      }
      other(c, o);
    };
    await runAll(
      cases('amount', hostileInputs(SIZE.amount, { seed: 304, field: 'amount' }), (input) => ({ attrs: { ...base, amount: input.text } })),
      judge((c) => c.input),
    );
    // Typed: what a field holds after typing or pasting (the browser keeps the first 100 characters).
    await runAll(
      cases('typed', hostileInputs(SIZE.typed, { seed: 305, field: 'amount' }), (input) => ({ attrs: { to: PLAIN }, typed: input.text.slice(0, 100) })),
      judge((c) => c.typed!),
    );
    expect(lost.length, `every amount reviewed or refused with a sentence:\n${lost.slice(0, 5).join('\n')}`).to.equal(0);
  });

  it('hostile tokens and chains', async function () {
    this.timeout(240_000);
    const { usdc, pausedToken, donationBox } = env.deployment.contracts;
    const tokenInputs = hostileInputs(SIZE.token, { seed: 306, field: 'token' });
    // Token addresses too: USDC (any case), a token whose transfers revert, a contract that is no token, an account.
    const extra = [usdc.toLowerCase(), usdc, pausedToken, donationBox, PLAIN, `${usdc} `];
    extra.forEach((text, i) => tokenInputs.push({ id: `token-address-${i}`, text, tags: ['address'], payload: false }));
    await runAll(
      cases('token', tokenInputs, (input) => ({ attrs: { ...base, token: input.text } })),
      (c, o) => {
        const text = c.input.trim();
        const lower = text.toLowerCase();
        const native = !text || lower === 'native' || lower === 'eth';
        const isUsdc = lower === 'usdc' || (/^0x/i.test(text) && addressOk(text) === getAddress(usdc));
        if (reviewed(c, o, { to: PLAIN, ...(native ? { token: 'native', amount: 10n ** 15n } : isUsdc ? { token: getAddress(usdc), amount: 1000n } : {}) })) {
          if (!native && !isUsdc) problem(c.id, c.field, c.input, `accepted as token ${o.request!.token}`);
          return;
        }
        if (refused(c, o)) {
          if (native || isUsdc) problem(c.id, c.field, c.input, `refused although it is ${native ? 'the native coin' : 'USDC'}: “${o.error}”`);
          return;
        }
        if (o.state === 'failed' && addressOk(text) === getAddress(pausedToken)) return void counts.failed++;
        other(c, o);
      },
    );
    await runAll(
      cases('chain', hostileInputs(SIZE.chain, { seed: 307, field: 'chain' }), (input) => ({ attrs: { ...base, chain: input.text } })),
      (c, o) => {
        const ok = chainOk(c.input);
        if (reviewed(c, o, { to: PLAIN, amount: 10n ** 15n })) {
          if (!ok) problem(c.id, c.field, c.input, `accepted as chain ${o.request!.chainId}`);
          return;
        }
        if (refused(c, o)) {
          if (ok) problem(c.id, c.field, c.input, `refused although it names the dev chain: “${o.error}”`);
          return;
        }
        other(c, o);
      },
    );
    expect(lost.length, `every token and chain reviewed or refused with a sentence:\n${lost.slice(0, 5).join('\n')}`).to.equal(0);
  });

  it('hostile notes typed into the panel reach the request exactly (first 280 characters) and nowhere else', async function () {
    this.timeout(240_000);
    await runAll(
      cases('note', hostileInputs(SIZE.note, { seed: 308, field: 'text' }), (input) => ({ attrs: { ...base }, note: input.text })),
      (c, o) => {
        // A textarea's value turns CR LF and CR into LF; the flow keeps 280 UTF-16 units.
        const want = c.note!.replace(/\r\n?/g, '\n').slice(0, 280);
        if (reviewed(c, o, { to: PLAIN, amount: 10n ** 15n })) {
          if (o.request!.note !== want) problem(c.id, c.field, c.input, `request.note ${JSON.stringify(o.request!.note.slice(0, 60))}, expected ${JSON.stringify(want.slice(0, 60))}`);
          // The note stays in its field: the panel never shows it as text (a short note could match other text by chance).
          const key = literalKey(want);
          if (key.length >= 12 && literalKey(o.panel).includes(key)) problem(c.id, c.field, c.input, 'the note appears as text in the panel');
          return;
        }
        other(c, o);
      },
    );
    expect(lost.length, `every note delivered as typed:\n${lost.slice(0, 5).join('\n')}`).to.equal(0);
  });

  it('tokens whose symbol() and decimals() are hostile (contracts on the dev chain)', async function () {
    this.timeout(240_000);
    const decimals = [0n, 1n, 6n, 18n, 36n, 76n, 77n, 78n, 255n, 256n, 1000n, 1_000_000_000n, 2n ** 64n, 2n ** 255n];
    const symbols = hostileInputs(SIZE.tokenMeta, { seed: 309, field: 'text', maxLength: 300 });
    const specs = symbols.map((input, i) => ({ symbol: input.text, decimals: decimals[i % decimals.length] }));
    const tokens = await makeHostileTokens(env.deployment, specs);
    await runAll(
      cases('token-meta', symbols, (input) => ({ attrs: { to: PLAIN, amount: '1', token: tokens[symbols.indexOf(input)] } })),
      (c, o) => {
        const i = symbols.findIndex((s) => s.id === c.id);
        const d = specs[i].decimals;
        const want = d <= 255n ? amountOf('1', Number(d)) : null;
        if (reviewed(c, o, { to: PLAIN, amount: want ?? undefined, token: tokens[i] })) {
          if (want === null) return problem(c.id, c.field, c.input, `accepted with decimals ${d}`);
          if (o.request!.decimals !== Number(d)) problem(c.id, c.field, c.input, `request.decimals ${o.request!.decimals}, the token says ${d}`);
          // The symbol as the panel shows it: the token's text, sanitised and capped, or the fallback.
          const shown = o.request!.symbol;
          if (shown !== 'tokens' && !shownLiterally(c.input, shown, { cap: 16 }).ok) problem(c.id, 'token-symbol', c.input, `symbol shown as “${shown}”`);
          if (FORBIDDEN_IN_REMOTE_TEXT.test(shown) || !o.summary.includes(shown)) problem(c.id, 'token-symbol', c.input, `summary “${o.summary.slice(0, 80)}” for symbol “${shown}”`);
          return;
        }
        if (refused(c, o, '')) {
          // Everyone holds 2^255 base units: 1 token of 77 decimals is more than that.
          const code = o.errors.at(-1)!.code;
          if (want !== null && !(code === 'insufficient-funds' && want > 2n ** 255n)) problem(c.id, c.field, c.input, `refused (${code}) although decimals ${d} and amount 1 are fine: “${o.error}”`);
          return;
        }
        other(c, o);
      },
    );
    expect(lost.length, `every hostile token reviewed or refused with a sentence:\n${lost.slice(0, 5).join('\n')}`).to.equal(0);
  });

  it('a few hand-picked hostile tips go all the way through the wallet to a block', async function () {
    this.timeout(120_000);
    const emoji = '😀😀😀😀😀😀😀😀😀😀.eth';
    const [symbolToken] = await makeHostileTokens(env.deployment, [{ symbol: '<img src=x onerror=__pwned.push("sent-token")>', decimals: 0 }]);
    await writeNameRecords(env.deployment, [{ name: emoji, addr: nameAddress(emoji), setReverse: false }]);
    const fresh = (k: string) => addressOf(`sent-${k}`);
    const picked: Array<Case & { pay: { to: Address; amount: bigint; usdc?: boolean } }> = [
      {
        id: 'sent-emoji-name',
        field: 'to',
        input: emoji,
        attrs: { to: ` ${emoji}\n`, amount: '0.000123' },
        note: '</textarea><script>__pwned.push("sent-note")</script>\u202e',
        pay: { to: nameAddress(emoji), amount: 123n * 10n ** 12n },
      },
      { id: 'sent-lowercase', field: 'to', input: fresh('a'), attrs: { to: `\t${fresh('a').toLowerCase()} `, amount: '0.0002' }, pay: { to: fresh('a'), amount: 2n * 10n ** 14n } },
      { id: 'sent-fullwidth', field: 'typed', input: '０．００２', attrs: { to: fresh('b') }, typed: '０．００２', pay: { to: fresh('b'), amount: 2n * 10n ** 15n } },
      { id: 'sent-arabic-usdc', field: 'typed', input: '١٫٥', attrs: { to: fresh('c'), token: ' usdc ' }, typed: '١٫٥', pay: { to: fresh('c'), amount: 1_500_000n, usdc: true } },
      { id: 'sent-hostile-symbol', field: 'token-meta', input: symbolToken, attrs: { to: fresh('d'), token: symbolToken, amount: '7' }, pay: { to: fresh('d'), amount: 7n } },
    ];
    counts.inputs += picked.length;
    for (const c of picked) {
      const before = c.field === 'token-meta' ? 0n : c.pay.usdc ? await usdcBalanceOf(c.pay.to) : await balanceOf(c.pay.to);
      const o = await runTip(c, { cancel: false });
      if (typeof o === 'string') {
        problem(c.id, c.field, c.input, o);
        continue;
      }
      if (o.state !== 'confirmed') {
        problem(c.id, c.field, c.input, `ended ${o.state}: “${o.error || o.status}”`);
        continue;
      }
      const r = o.request!;
      const after = c.field === 'token-meta' ? c.pay.amount : c.pay.usdc ? await usdcBalanceOf(c.pay.to) : await balanceOf(c.pay.to);
      const checks = [
        r.to === c.pay.to || `request.to ${r.to}, expected ${c.pay.to}`,
        r.amount === c.pay.amount || `request.amount ${r.amount}, expected ${c.pay.amount}`,
        after - before === c.pay.amount || `the recipient received ${after - before}, expected ${c.pay.amount}`,
        c.note === undefined || r.note === c.note || `request.note ${JSON.stringify(r.note)}`,
        o.status.includes('Confirmed in block') || `status “${o.status}”`,
      ].filter((x): x is string => typeof x === 'string');
      if (checks.length) problem(c.id, c.field, c.input, checks.join('; '));
      else counts.sent++;
    }
    expect(lost.length, `every hand-picked tip confirmed exactly:\n${lost.slice(0, 5).join('\n')}`).to.equal(0);
  });

  it('nothing executed, nothing uncaught, every known issue still reproduces', () => {
    counts.executed += canaryHits().length;
    expect(canaryHits(), 'payloads that ran').to.deep.equal([]);
    expect(uncaught.list, 'uncaught errors').to.deep.equal([]);
    const gone = KNOWN_ISSUES.filter((k) => !knownSeen.has(k.id)).map((k) => k.id);
    expect(gone, 'known issues that no longer reproduce: remove them from KNOWN_ISSUES').to.deep.equal([]);
  });
});
