/**
 * The tip's lifecycle machine: inputs → connect → switch network → checks
 * (balance, gas, recipient) → [contract or flagged-recipient warning] → fresh name resolution →
 * `mask-tip-request` → wallet → pending → confirmed | failed | rejected.
 *
 * It knows nothing about the DOM: the element gives it a host (the kit, the
 * connect flow, event and error reporting) and renders what it exposes. The
 * chain work (viem) loads from its own chunk on first need.
 */
import type { Client } from 'viem';
import type { ChainConfig } from '../config/chains.js';
import type { KitConfig } from '../config/config.js';
import type { MaskErrorCode } from '../events/error-codes.js';
import type { MaskTipConfirmedDetail } from '../events/mask-tip-confirmed.js';
import type { MaskTipRequestDetail } from '../events/mask-tip-request.js';
import type { MaskTipSentDetail } from '../events/mask-tip-sent.js';
import type { Identity, IdentityService, ShownName, Trust } from '../identity/types.js';
import type { Address } from '../internal/address.js';
import { detailText } from '../internal/clip.js';
import { KitError, type Sentence as AnySentence } from '../internal/errors.js';
import type { WalletService } from '../wallet/wallet.js';
import { formatAmount, formatAmountCeil, formatAmountFloor } from './amount.js';
import { checkAmount, parseChain, parsePresets, parseRecipient, parseToken, quote, type Problem } from './inputs.js';
import type { TipState } from './states.js';
import type { TipReceipt, TokenRef, TxRequest } from './tip-chain.js';
import type { TipMessageKey } from './tip.messages.js';

type ChainOps = typeof import('./tip-chain.js');
let chainOps: Promise<ChainOps> | undefined;

/** Loads the chain work (viem, ERC-20, gas) once; safe to call early as a prefetch. */
export function loadChainOps(): Promise<ChainOps> {
  chainOps ??= import('./tip-chain.js').catch((error) => {
    chainOps = undefined;
    throw error;
  });
  return chainOps;
}

/**
 * What the flow needs from the kit (its port; `Kit` satisfies it): the wallet,
 * the configured chains, a chain client and the identity service.
 */
export interface TipEnv {
  readonly wallet: Pick<WalletService, 'status' | 'account' | 'chainId' | 'switchChain' | 'request'>;
  readonly config: Pick<KitConfig, 'chains' | 'defaultChain'>;
  client(chain: ChainConfig): Promise<Client>;
  identity(): Promise<IdentityService>;
}

export interface TipFlowHost {
  readonly kit: TipEnv;
  /** The shared connect flow; the account, or null when the visitor gave up (already reported). */
  connect(): Promise<Address | null>;
  /** Fires `mask-tip-request`; false when the page cancelled it. */
  request(detail: MaskTipRequestDetail): boolean;
  sent(detail: MaskTipSentDetail): void;
  confirmed(detail: MaskTipConfirmedDetail): void;
  /** `mask-error` + `error` state + the sentence (the host says it in its language; tip keys are registered by `inputs.ts`). */
  fail(code: MaskErrorCode, sentence: Sentence, cause?: unknown): void;
  clearError(): void;
  /** Something the view shows changed. */
  changed(): void;
}

export interface TipInputs {
  to: string;
  token: string;
  chain: string;
  amount: string;
  presets: string;
}

export interface RecipientView {
  kind: 'address' | 'name';
  /** The name as given (`alice.eth`), for names. */
  name: string | null;
  /** Where the name was resolved (`ens`, `lens`). */
  source: string | null;
  /** Checksummed; null until a name resolves. */
  address: Address | null;
  /** What the identity service knows (verified name, or a spoofed one). */
  identity: Identity | null;
  /** True when the address holds contract code (known after the checks). */
  contract: boolean;
  /**
   * Other names shown on the page that read like the recipient's name and
   * belong to other addresses (`alice.eth` in a badge, `a1ice.eth` here): a
   * warning before sending, never a refusal.
   */
  lookalikes: ShownName[];
  /**
   * What the credential source (web3.bio) says about the address, once it has answered: flagged as
   * risky or spam is a warning before sending ("send anyway"), never a refusal. Null: not known.
   */
  trust?: Trust | null;
}

/** True when the credential source flags the recipient as risky or spam. */
export function flagged(recipient: RecipientView | null | undefined): boolean {
  const trust = recipient?.trust;
  return !!trust && (trust.risky.length > 0 || trust.spam.length > 0);
}

export interface TokenView {
  kind: 'native' | 'erc20';
  address: Address | null;
  symbol: string;
  /** -1 until read from the chain. */
  decimals: number;
}

/** A sentence, kept as a key so the language can change under it; the element says it. */
export interface Sentence extends AnySentence {
  key: TipMessageKey | 'tip.loadFailed';
}

/** Remote text for `({detail}).` (`tip.rpcError`): quoted, without a final stop of its own. */
const detailQuote = (value: unknown): string => detailText(quote(value));

/** What went wrong, for a `{detail}`: a service's sentence as it is, anything else as quoted text. */
function detailOf(error: unknown): AnySentence | string {
  return error instanceof KitError && error.sentence ? error.sentence : quote((error as Error)?.message ?? error);
}

/**
 * Why a name gave no address, as the element says it: the name's fault only when a name service
 * answered that it has none (or it is not a name); a service that did not answer is a network failure.
 */
function unresolved(name: string, error: unknown): { code: 'invalid-recipient' | 'rpc-error'; sentence: Sentence & { key: TipMessageKey } } {
  const answered = error instanceof KitError && (error.code === 'resolution-failed' || error.code === 'invalid-name');
  return answered
    ? { code: 'invalid-recipient', sentence: { key: 'tip.recipient.unresolved', vars: { name: quote(name), detail: detailOf(error) } } }
    : { code: 'rpc-error', sentence: { key: 'tip.recipient.unreachable', vars: { name: quote(name) } } }; // the cause travels in mask-error
}

const BUSY: readonly TipState[] = ['connecting', 'switching', 'checking', 'confirming', 'pending'];

export class TipFlow {
  state: TipState = 'idle';
  chain: ChainConfig | null = null;
  token: TokenView | null = null;
  recipient: RecipientView | null = null;
  /** What the visitor typed (or picked). */
  amountText = '';
  /** Why `amountText` is not a valid amount (shown next to the field), or null. */
  amountError: Sentence | null = null;
  presets: string[] = [];
  note = '';
  /** Gas × max fee per gas, from the last checks. */
  fee: bigint | null = null;
  /** The sender's balance of the token, and of the native coin. */
  balance: bigint | null = null;
  nativeBalance: bigint | null = null;
  hash: `0x${string}` | null = null;
  receipt: TipReceipt | null = null;
  /** A sentence for the current state that is not an error (the page cancelled, a replacement, …). */
  info: Sentence | null = null;
  /** True while inputs are being read (token metadata, name resolution). */
  loading = false;

  readonly host: TipFlowHost;
  #inputs: TipInputs = { to: '', token: '', chain: '', amount: '', presets: '' };
  #typed = false;
  #gen = 0;
  #ready: Promise<void> = Promise.resolve();
  #inputProblem: { problem: Problem; cause?: unknown } | null = null;
  /** The trust check of the current recipient (never rejects). */
  #trustAsked: Promise<void> = Promise.resolve();
  /** The contract or flagged address the visitor chose to "send anyway" to. */
  #acceptedContract: Address | null = null;
  #checked: { from: Address; chainId: number; tx: TxRequest; amount: bigint } | null = null;
  #connectRun = 0;
  /** Stops re-checking look-alikes when the page shows a new name. */
  #unwatchShown: (() => void) | null = null;

  constructor(host: TipFlowHost) {
    this.host = host;
  }

  get busy(): boolean {
    return BUSY.includes(this.state);
  }

  /** The amount in base units, when the text is valid and the token's decimals are known. */
  get amount(): bigint | null {
    if (!this.token || this.token.decimals < 0) return null;
    const checked = checkAmount(this.amountText, this.token);
    return checked.ok ? checked.value : null;
  }

  /** Sets the inputs (on open, with `retry`, and whenever the page changes an attribute while nothing is in flight). */
  setInputs(inputs: TipInputs, options: { retry?: boolean } = {}): void {
    const same = JSON.stringify(inputs) === JSON.stringify(this.#inputs);
    // The same inputs are read again only on `retry` (the panel opens) when a service did not answer last time.
    if (same && this.#gen > 0 && !(options.retry && this.#unanswered())) return;
    if (this.busy) return;
    this.#inputs = { ...inputs };
    if (!this.#typed) this.amountText = inputs.amount.trim();
    this.#gen++;
    this.#ready = this.#prepare(this.#gen);
  }

  /** The visitor typed or picked an amount. */
  setAmount(text: string): void {
    if (this.busy) return;
    this.#typed = true;
    this.amountText = text;
    this.#validateAmount(false);
    if (this.state !== 'idle') this.#to('idle');
    this.host.changed();
  }

  setNote(text: string): void {
    this.note = text.slice(0, 280);
  }

  /** Back to editing (from warning, failed, rejected or confirmed). */
  edit(): void {
    if (this.busy) return;
    this.info = null;
    if (this.state === 'confirmed') {
      this.hash = null;
      this.receipt = null;
    }
    this.host.clearError();
    this.#to('idle');
  }

  /** Closing the panel: a finished or abandoned tip starts over next time; one in flight goes on. */
  closed(): void {
    if (this.busy) return;
    this.#typed = false;
    this.amountText = this.#inputs.amount.trim();
    this.note = '';
    this.edit();
  }

  /** Stops listening to anything in flight (the element left the page). */
  dispose(): void {
    this.#gen++;
    this.#unwatchShown?.();
    this.#unwatchShown = null;
  }

  /** Send: connect, switch, check, warn, ask the wallet, wait. */
  async send(): Promise<void> {
    if (this.busy) return;
    const gen = this.#gen;
    this.info = null;
    this.host.clearError();
    if (this.#unanswered()) {
      // Send after "did not answer" asks again before reporting anything.
      this.#ready = this.#prepare(gen);
    }
    await this.#ready;
    if (gen !== this.#gen) return;
    if (this.#inputProblem) {
      this.#report(this.#inputProblem.problem, this.#inputProblem.cause);
      return;
    }
    if (!this.#validateAmount(true)) return;
    const { kit } = this.host;
    const chain = this.chain as ChainConfig;

    if (kit.wallet.status !== 'connected' || !kit.wallet.account) {
      const account = await this.#connect();
      if (gen !== this.#gen || !account) return;
    }

    if (kit.wallet.chainId !== chain.id) {
      this.#to('switching');
      try {
        await kit.wallet.switchChain(chain);
      } catch (error) {
        if (gen !== this.#gen) return;
        if (error instanceof KitError && error.code === 'user-rejected') return this.#rejected(error);
        return this.#idleError('wrong-network', { key: 'tip.wrongNetwork', vars: { chain: chain.name } }, error);
      }
      if (gen !== this.#gen) return;
      if (kit.wallet.chainId !== chain.id) return this.#idleError('wrong-network', { key: 'tip.wrongNetwork', vars: { chain: chain.name } });
    }

    this.#to('checking');
    const ok = await this.#check(gen);
    if (!ok || gen !== this.#gen) return;
    const to = this.recipient?.address as Address;
    // The trust check started with the recipient; it has a few seconds at most (the service's per-source timeout).
    await this.#trustAsked;
    if (gen !== this.#gen) return;
    if ((this.recipient?.contract || flagged(this.recipient)) && this.#acceptedContract !== to) {
      this.#to('warning');
      return;
    }
    await this.#proceed(gen);
  }

  /** "Send anyway" after the contract or flagged-recipient warning. */
  async acceptContract(): Promise<void> {
    if (this.state !== 'warning' || !this.recipient?.address) return;
    this.#acceptedContract = this.recipient.address;
    const gen = this.#gen;
    this.#to('checking');
    await this.#proceed(gen);
  }

  /** Opening the panel with no wallet: the shared connect flow, then back to idle. */
  async connect(): Promise<void> {
    if (this.host.kit.wallet.status === 'connected' || (this.busy && this.state !== 'connecting')) return;
    await this.#connect();
  }

  /**
   * Runs the shared connect flow. A newer attempt (the visitor pressed the
   * button again while the first was closing) owns the state: the older one
   * resolves null and leaves it alone.
   */
  async #connect(): Promise<Address | null> {
    const run = ++this.#connectRun;
    this.#to('connecting');
    const account = await this.host.connect();
    if (run !== this.#connectRun) return null;
    if (this.state === 'connecting') this.#to('idle');
    return account;
  }

  // ---------------------------------------------------------------- inputs

  async #prepare(gen: number): Promise<void> {
    const { kit } = this.host;
    const inputs = this.#inputs;
    this.#inputProblem = null;
    this.#checked = null;
    this.fee = null;
    this.host.clearError();
    this.chain = null;
    this.token = null;
    this.recipient = null;
    this.presets = [];

    const chain = parseChain(inputs.chain, kit.config.chains, kit.config.defaultChain);
    if (!chain.ok) return this.#inputFailed(chain.problem);
    this.chain = chain.value;
    const token = parseToken(inputs.token, chain.value);
    if (!token.ok) return this.#inputFailed(token.problem);
    this.token =
      token.value.kind === 'native'
        ? { kind: 'native', address: null, symbol: token.value.symbol, decimals: token.value.decimals }
        : { kind: 'erc20', address: token.value.address, symbol: token.value.symbol ?? '', decimals: -1 };
    const recipient = parseRecipient(inputs.to);
    if (!recipient.ok) return this.#inputFailed(recipient.problem);
    this.recipient =
      recipient.value.kind === 'address'
        ? { kind: 'address', name: null, source: null, address: recipient.value.address, identity: null, contract: false, lookalikes: [] }
        : { kind: 'name', name: recipient.value.name, source: null, address: null, identity: null, contract: false, lookalikes: [] };

    this.loading = true;
    this.host.changed();
    await Promise.all([this.#readToken(gen), this.#resolveRecipient(gen)]);
    if (gen !== this.#gen) return;
    this.loading = false;
    this.#validateAmount(false);
    this.host.changed();
  }

  async #readToken(gen: number): Promise<void> {
    const token = this.token;
    const chain = this.chain;
    if (!token || !chain) return;
    if (token.kind === 'native') {
      this.presets = parsePresets(this.#inputs.presets, token.decimals);
      return;
    }
    try {
      const [ops, client] = await Promise.all([loadChainOps(), this.host.kit.client(chain)]);
      const info = await ops.readTokenInfo(client, token.address as Address);
      if (gen !== this.#gen) return;
      this.token = { ...token, symbol: info.symbol ?? (token.symbol || 'tokens'), decimals: info.decimals };
      this.presets = parsePresets(this.#inputs.presets, info.decimals);
    } catch (error) {
      if (gen !== this.#gen) return;
      // Only the chain's own answer says "not a token"; a node that is down, slow or garbled is a network failure.
      this.#inputFailed(
        (error as Error)?.name === 'NotTokenError'
          ? { code: 'invalid-token', key: 'tip.token.notToken', vars: { address: token.address as string, chain: chain.name } }
          : { code: 'rpc-error', key: 'tip.rpcError', vars: { chain: chain.name, detail: detailQuote((error as Error)?.message ?? error) } },
        error,
      );
    }
  }

  async #resolveRecipient(gen: number): Promise<void> {
    const recipient = this.recipient;
    if (!recipient) return;
    let identity;
    try {
      identity = await this.host.kit.identity();
    } catch {
      identity = null;
    }
    if (gen !== this.#gen) return;
    if (recipient.kind === 'name') {
      try {
        if (!identity) throw new Error('identity service unavailable');
        const resolved = await identity.resolveName(recipient.name as string);
        if (gen !== this.#gen) return;
        this.recipient = { ...recipient, name: resolved.name, source: resolved.source, address: resolved.address };
      } catch (error) {
        if (gen !== this.#gen) return;
        const { code, sentence } = unresolved(recipient.name as string, error);
        return this.#inputFailed({ code, ...sentence }, error);
      }
    }
    const address = this.recipient?.address;
    if (!address || !identity) return;
    this.#trustAsked = this.#askTrust(gen, identity, address);
    try {
      const found = await identity.lookup(address);
      if (gen !== this.#gen || this.recipient?.address !== address) return;
      this.recipient = { ...(this.recipient as RecipientView), identity: found };
    } catch {
      // The badge next to it says what it can; a lookup failure blocks nothing.
    }
    if (gen !== this.#gen) return;
    // The recipient's verified name is on the page now; and it is checked against the others shown, again whenever one is added.
    const name = this.#recipientName();
    this.#unwatchShown?.();
    this.#unwatchShown = null;
    try {
      if (name) identity.noteShown(name, address);
      this.#unwatchShown = identity.onShown(() => void this.#checkLookalikes(gen));
    } catch {
      // An identity service without the list (another copy of the kit): no look-alike warning.
    }
    await this.#checkLookalikes(gen);
  }

  /** Asks the credential source about the recipient; a failure warns about nothing (the badge's card says it could not check). */
  async #askTrust(gen: number, identity: IdentityService, address: Address): Promise<void> {
    let trust: Trust | null;
    try {
      trust = typeof identity.trust === 'function' ? await identity.trust(address) : null;
    } catch {
      return;
    }
    if (gen !== this.#gen || this.recipient?.address !== address) return;
    this.recipient = { ...this.recipient, trust };
    this.host.changed();
  }

  /** The recipient's name as the panel shows it: the name given (resolved), or the address's verified name. */
  #recipientName(): string | null {
    const r = this.recipient;
    if (!r?.address) return null;
    if (r.kind === 'name') return r.name;
    return r.identity?.verified ? r.identity.name : null;
  }

  /** Looks for names shown elsewhere on the page that read like the recipient's (loads the look-alike check). */
  async #checkLookalikes(gen: number): Promise<void> {
    const address = this.recipient?.address;
    const name = this.#recipientName();
    if (!address || !name || gen !== this.#gen) return;
    let found: ShownName[];
    try {
      found = await (await this.host.kit.identity()).lookalikes(name, address);
    } catch {
      return; // no check, no warning: nothing else depends on it
    }
    if (gen !== this.#gen || this.recipient?.address !== address) return;
    const before = this.recipient.lookalikes;
    if (before.length === found.length && before.every((f, i) => f.name === found[i].name && f.address === found[i].address)) return;
    this.recipient = { ...this.recipient, lookalikes: found };
    this.host.changed();
  }

  #validateAmount(report: boolean): boolean {
    if (!this.token || this.token.decimals < 0) {
      this.amountError = null;
      return false;
    }
    const checked = checkAmount(this.amountText, this.token);
    if (checked.ok) {
      this.amountError = null;
      return true;
    }
    const empty = !this.amountText.trim();
    this.amountError = empty && !report ? null : { key: checked.problem.key, vars: checked.problem.vars };
    if (report) this.#idleError('invalid-amount', { key: checked.problem.key, vars: checked.problem.vars });
    return false;
  }

  /** The inputs could not be read because a service did not answer (not because they are wrong). */
  #unanswered(): boolean {
    return this.#inputProblem?.problem.code === 'rpc-error';
  }

  #inputFailed(problem: Problem, cause?: unknown): void {
    this.loading = false;
    if (this.#inputProblem) return;
    this.#inputProblem = { problem, cause };
    this.#report(problem, cause);
  }

  #report(problem: Problem, cause?: unknown): void {
    this.#idleError(problem.code, { key: problem.key, vars: problem.vars }, cause);
  }

  // ---------------------------------------------------------------- checks

  /** Balance, gas, fee and recipient checks. False when the tip cannot go on (reported). */
  async #check(gen: number): Promise<boolean> {
    const { kit } = this.host;
    const chain = this.chain as ChainConfig;
    const token = this.token as TokenView;
    const from = kit.wallet.account as Address;
    const to = this.recipient?.address as Address;
    const amount = this.amount as bigint;
    if (to.toLowerCase() === from.toLowerCase()) {
      this.#idleError('invalid-recipient', { key: 'tip.recipient.self' });
      return false;
    }
    let ops: ChainOps;
    try {
      ops = await loadChainOps();
    } catch (error) {
      this.#failed('rpc-error', { key: 'tip.loadFailed' }, error);
      return false;
    }
    const ref: TokenRef = token.kind === 'native' ? { kind: 'native' } : { kind: 'erc20', address: token.address as Address };
    const native = chain.nativeCurrency;
    try {
      const client = await kit.client(chain);
      const [balances, code, maxFee] = await Promise.all([ops.readBalances(client, from, ref), ops.readCode(client, to), ops.readMaxFeePerGas(client)]);
      if (gen !== this.#gen) return false;
      this.balance = balances.token;
      this.nativeBalance = balances.native;
      this.recipient = { ...(this.recipient as RecipientView), contract: ops.isContractCode(code) };
      // Plain decimals: what the visitor holds rounded down, what they asked for exactly; the panel localizes them.
      const fmt = (v: bigint) => formatAmount(v, token.decimals);
      const held = (v: bigint) => formatAmountFloor(v, token.decimals);
      if (amount > balances.token) {
        this.#idleError('insufficient-funds', { key: 'tip.funds.token', vars: { balance: held(balances.token), amount: fmt(amount), symbol: token.symbol } });
        return false;
      }
      const tx = ops.buildTransfer(from, ref, to, amount);
      let gas: bigint;
      try {
        gas = await ops.estimateGas(client, tx);
      } catch (error) {
        if (gen !== this.#gen) return false;
        const problem = ops.explainError(error);
        if (problem.kind === 'insufficient-funds' || (problem.kind === 'reverted' && problem.reason === 'ERC20InsufficientBalance')) {
          this.#idleError('insufficient-funds', { key: 'tip.funds.token', vars: { balance: held(balances.token), amount: fmt(amount), symbol: token.symbol } }, error);
        } else if (problem.kind === 'reverted') {
          this.#failed('reverted', { key: 'tip.failed.refused', vars: { reason: this.#reason(problem.reason) } }, error);
        } else {
          this.#failed('rpc-error', { key: 'tip.rpcError', vars: { chain: chain.name, detail: detailQuote(problem.kind === 'rpc' ? problem.detail : problem.kind) } }, error);
        }
        return false;
      }
      if (gen !== this.#gen) return false;
      const fee = gas * maxFee;
      this.fee = fee;
      const nfmt = (v: bigint) => formatAmountCeil(v, native.decimals);
      if (token.kind === 'native' && amount + fee > balances.native) {
        const max = balances.native > fee ? balances.native - fee : 0n;
        this.#idleError('insufficient-funds', { key: 'tip.funds.max', vars: { fee: nfmt(fee), max: formatAmountFloor(max, native.decimals), symbol: native.symbol } });
        return false;
      }
      if (token.kind === 'erc20' && fee > balances.native) {
        this.#idleError('insufficient-funds', { key: 'tip.funds.gas', vars: { fee: nfmt(fee), balance: formatAmountFloor(balances.native, native.decimals), symbol: native.symbol } });
        return false;
      }
      this.#checked = { from, chainId: chain.id, tx, amount };
      return true;
    } catch (error) {
      if (gen !== this.#gen) return false;
      const problem = ops.explainError(error);
      this.#failed('rpc-error', { key: 'tip.rpcError', vars: { chain: chain.name, detail: detailQuote(problem.kind === 'rpc' ? problem.detail : problem.kind) } }, error);
      return false;
    }
  }

  /** Fresh name resolution, `mask-tip-request`, the wallet, the receipt. */
  async #proceed(gen: number): Promise<void> {
    const { kit } = this.host;
    const chain = this.chain as ChainConfig;
    const token = this.token as TokenView;
    const recipient = this.recipient as RecipientView;
    const checked = this.#checked;
    if (!checked) return this.#idleError('unknown', { key: 'tip.state.idle' });

    if (recipient.kind === 'name' && recipient.name) {
      try {
        const fresh = await (await kit.identity()).resolveName(recipient.name, { fresh: true });
        if (gen !== this.#gen) return;
        if (fresh.address.toLowerCase() !== (recipient.address ?? '').toLowerCase()) {
          // Abort: show the new address, and make the visitor review it and press Send again.
          this.recipient = { ...recipient, address: fresh.address, identity: null, contract: false, lookalikes: [] };
          this.#acceptedContract = null;
          this.#checked = null;
          this.fee = null;
          this.#idleError('invalid-recipient', { key: 'tip.recipient.changed', vars: { name: quote(recipient.name), address: fresh.address } });
          void this.#resolveRecipient(gen);
          return;
        }
      } catch (error) {
        if (gen !== this.#gen) return;
        const { code, sentence } = unresolved(recipient.name, error);
        return this.#idleError(code, sentence, error);
      }
    }

    // The wallet moved while we checked (another account or network): check again.
    if (kit.wallet.account !== checked.from || kit.wallet.chainId !== checked.chainId) {
      this.#to('idle');
      return this.send();
    }

    const detail: MaskTipRequestDetail = {
      to: recipient.address as Address,
      amount: checked.amount,
      token: token.kind === 'native' ? 'native' : (token.address as Address),
      chainId: chain.id,
      symbol: token.symbol,
      decimals: token.decimals,
      name: recipient.kind === 'name' ? recipient.name : null,
      note: this.note,
    };
    if (!this.host.request(detail)) {
      this.info = { key: 'tip.cancelledByPage' };
      this.#to('idle');
      return;
    }

    this.#to('confirming');
    let ops: ChainOps;
    try {
      ops = await loadChainOps();
    } catch (error) {
      return this.#failed('rpc-error', { key: 'tip.loadFailed' }, error);
    }
    let hash: `0x${string}`;
    try {
      hash = await ops.sendTransaction((args) => kit.wallet.request(args), checked.tx);
    } catch (error) {
      if (gen !== this.#gen) return;
      const problem = ops.explainError(error);
      if (problem.kind === 'rejected') return this.#rejected(error);
      if (problem.kind === 'insufficient-funds') return this.#idleError('insufficient-funds', { key: 'tip.funds.wallet', vars: { symbol: chain.nativeCurrency.symbol } }, error);
      if (problem.kind === 'reverted') return this.#failed('reverted', { key: 'tip.failed.refused', vars: { reason: this.#reason(problem.reason) } }, error);
      return this.#failed('wallet-error', { key: 'tip.failed.wallet', vars: { detail: quote(problem.detail) } }, error);
    }
    if (gen !== this.#gen) return;
    this.hash = hash;
    this.#to('pending');
    const sent: MaskTipSentDetail = { ...detail, hash };
    this.host.sent(sent);

    let receipt: TipReceipt;
    try {
      const client = await kit.client(chain);
      receipt = await ops.waitForReceipt(client, hash);
    } catch (error) {
      if (gen !== this.#gen) return;
      if (error instanceof ops.CancelledError) return this.#failed('user-rejected', { key: 'tip.failed.cancelled' }, error);
      // The transaction is out there; only watching it failed. Stay pending and say where to look.
      this.info = { key: 'tip.pendingUnknown' };
      this.host.changed();
      return;
    }
    if (gen !== this.#gen) return;
    this.receipt = receipt;
    if (receipt.replacedBy) this.hash = receipt.replacedBy;
    if (receipt.status === 'success') {
      this.#to('confirmed');
      this.host.confirmed({ ...sent, hash: this.hash as `0x${string}`, receipt: receipt.raw, blockNumber: receipt.blockNumber });
      return;
    }
    const client = await kit.client(chain);
    const reason = await ops.replayRevert(client, checked.tx, receipt.blockNumber);
    if (gen !== this.#gen) return;
    this.#failed('reverted', { key: 'tip.failed.reverted', vars: { reason: this.#reason(reason) } });
  }

  // ---------------------------------------------------------------- outcomes

  /** A token error as a sentence (ERC-6093 names are for developers), or its name when there is none. */
  #reason(reason: string | null): Sentence | string {
    if (!reason) return { key: 'tip.failed.noReason' };
    if (reason === 'ERC20InsufficientBalance') return { key: 'tip.failed.tokenBalance' };
    if (reason === 'ERC20InvalidReceiver') return { key: 'tip.failed.tokenReceiver' };
    return quote(reason);
  }

  #to(state: TipState): void {
    this.state = state;
    this.host.changed();
  }

  #idleError(code: MaskErrorCode, sentence: Sentence, cause?: unknown): void {
    this.state = 'idle';
    this.host.fail(code, sentence, cause);
    this.host.changed();
  }

  #failed(code: MaskErrorCode, sentence: Sentence, cause?: unknown): void {
    this.state = 'failed';
    this.host.fail(code, sentence, cause);
    this.host.changed();
  }

  #rejected(cause: unknown): void {
    this.state = 'rejected';
    this.host.fail('user-rejected', { key: 'tip.rejected' }, cause);
    this.host.changed();
  }
}
