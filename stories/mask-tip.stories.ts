import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/tip/define.js';
import type { MaskTip } from '../src/components/tip/mask-tip.js';
import type { TipState } from '../src/components/tip/mask-tip.types.js';
import { Kit } from '../src/context/kit.js';
import type { Identity, IdentityService } from '../src/identity/types.js';
import { WalletService } from '../src/wallet/wallet.js';
import { withKit } from '../test/support/kit-provider.js';
import { darkPage } from './support/dark-page.js';
import { waitFor } from './support/wait.js';

/*
 * Every story runs the real element, panel and lifecycle against a scripted
 * wallet and a scripted chain (answered in the page, never on the network),
 * and drives the element into one state of the lifecycle. A step that should
 * "hang" (a wallet prompt, a block) simply never answers.
 */

const CHAIN_ID = 8453;
const SENDER = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc';
const RECIPIENT = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const USDC = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913';
/** alice.eth's address, shown elsewhere on the page in the look-alike story. */
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const HASH = '0x1cbb68c8a6b1f0d3e9b6a9f1c3d4e5f60718293a4b5c6d7e8f90a1b2c5a1e679';
const never = () => new Promise<never>(() => {});

interface Scenario {
  /** Where the story stops. */
  state: TipState;
  token?: string;
  amount?: string;
  presets?: string;
  /** The wallet starts on another chain. */
  otherChain?: boolean;
  /** The recipient holds contract code. */
  contract?: boolean;
  /** Gas estimation reverts with this reason. */
  revert?: string;
  /** The wallet rejects the transaction. */
  reject?: boolean;
  /** The recipient's reverse record claims a name that does not point back (a spoof). */
  spoof?: string;
  /** The recipient's verified name reads like `alice.eth`, which a badge elsewhere on the page showed for another address. */
  lookalike?: string;
  /** web3.bio's credentials flag the recipient as risky. */
  risky?: boolean;
}

let nextId = 0;
const scenarios = new Map<string, Scenario>();

const word = (value: bigint | number) => BigInt(value).toString(16).padStart(64, '0');
const abiString = (s: string) => `0x${word(32)}${word(s.length)}${[...s].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('').padEnd(64, '0')}`;
const revertData = (reason: string) => `0x08c379a0${abiString(reason).slice(2)}`;

/** The scripted chain: one JSON-RPC method at a time, by scenario. */
async function answer(s: Scenario, method: string, params: unknown[]): Promise<{ result?: unknown; error?: unknown }> {
  const p0 = params[0] as { data?: string } | undefined;
  switch (method) {
    case 'eth_chainId':
      return { result: `0x${CHAIN_ID.toString(16)}` };
    case 'eth_getBalance':
      if (s.state === 'checking') return never();
      return { result: `0x${(2n * 10n ** 18n).toString(16)}` };
    case 'eth_getCode': {
      const isToken = String(params[0]).toLowerCase() === USDC.toLowerCase();
      return { result: isToken || s.contract ? '0x6080604052348015600e575f80fd5b50' : '0x' };
    }
    case 'eth_getBlockByNumber':
      return { result: { number: '0x10', baseFeePerGas: '0x3b9aca00', hash: `0x${word(16)}`, transactions: [] } };
    case 'eth_maxPriorityFeePerGas':
      return { result: '0x3b9aca00' };
    case 'eth_estimateGas':
      if (s.revert) return { error: { code: 3, message: `execution reverted: ${s.revert}`, data: revertData(s.revert) } };
      return { result: s.token ? '0xb411' : '0x5208' };
    case 'eth_call': {
      const selector = p0?.data?.slice(0, 10);
      if (selector === '0x313ce567') return { result: `0x${word(6)}` }; // decimals()
      if (selector === '0x95d89b41') return { result: abiString('USDC') }; // symbol()
      if (selector === '0x70a08231') return { result: `0x${word(1_000n * 10n ** 6n)}` }; // balanceOf()
      return { error: { code: -32000, message: 'execution reverted' } };
    }
    case 'eth_blockNumber':
      return { result: '0x11' };
    case 'eth_getTransactionByHash':
      // In the mempool: known to the node, in no block yet (the tip watches it until it is mined or replaced).
      return {
        result: {
          hash: HASH,
          from: SENDER.toLowerCase(),
          to: RECIPIENT.toLowerCase(),
          nonce: '0x0',
          value: '0x2386f26fc10000',
          input: '0x',
          gas: '0x5208',
          maxFeePerGas: '0x77359400',
          maxPriorityFeePerGas: '0x3b9aca00',
          type: '0x2',
          chainId: `0x${CHAIN_ID.toString(16)}`,
          blockHash: null,
          blockNumber: null,
          transactionIndex: null,
        },
      };
    case 'eth_getTransactionReceipt':
      if (s.state === 'pending') return { result: null };
      return {
        result: {
          blockHash: `0x${word(17)}`,
          blockNumber: '0x11',
          contractAddress: null,
          cumulativeGasUsed: '0x5208',
          effectiveGasPrice: '0x3b9aca00',
          from: SENDER.toLowerCase(),
          gasUsed: '0x5208',
          logs: [],
          logsBloom: `0x${'0'.repeat(512)}`,
          status: '0x1',
          to: RECIPIENT.toLowerCase(),
          transactionHash: HASH,
          transactionIndex: '0x0',
          type: '0x2',
        },
      };
    default:
      return { error: { code: -32601, message: `${method} is not scripted in this story` } };
  }
}

// Answer the stories' made-up hosts in the page; everything else goes to the network as usual.
const realFetch = window.fetch.bind(window);
window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const match = /^rpc-(\d+)\.tip-story\.invalid$/.exec(url.hostname);
  if (!url.hostname.endsWith('.tip-story.invalid')) return realFetch(input, init);
  const scenario = match ? scenarios.get(match[1]) : undefined;
  if (!scenario) return new Response('{}', { status: 404 });
  const body = JSON.parse(String(init?.body ?? 'null')) as { id: number; method: string; params?: unknown[] } | Array<{ id: number; method: string; params?: unknown[] }>;
  const one = async (r: { id: number; method: string; params?: unknown[] }) => ({ jsonrpc: '2.0', id: r.id, ...(await answer(scenario, r.method, r.params ?? [])) });
  const out = Array.isArray(body) ? await Promise.all(body.map(one)) : await one(body);
  return new Response(JSON.stringify(out), { headers: { 'content-type': 'application/json' } });
};

/** The scripted wallet (EIP-1193). */
function wallet(s: Scenario) {
  let chainId = s.otherChain ? 1 : CHAIN_ID;
  let connected = s.state !== 'connecting';
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  return {
    on: (event: string, fn: (...a: unknown[]) => void) => listeners.set(event, (listeners.get(event) ?? new Set()).add(fn)),
    removeListener: (event: string, fn: (...a: unknown[]) => void) => listeners.get(event)?.delete(fn),
    request: async ({ method }: { method: string; params?: unknown }): Promise<unknown> => {
      switch (method) {
        case 'eth_accounts':
          return connected ? [SENDER] : [];
        case 'eth_requestAccounts':
          if (s.state === 'connecting') return never();
          connected = true;
          return [SENDER];
        case 'eth_chainId':
          return `0x${chainId.toString(16)}`;
        case 'wallet_switchEthereumChain':
          if (s.state === 'switching') return never();
          chainId = CHAIN_ID;
          listeners.get('chainChanged')?.forEach((fn) => fn(`0x${chainId.toString(16)}`));
          return null;
        case 'eth_sendTransaction':
          if (s.state === 'confirming') return never();
          if (s.reject) throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
          return HASH;
        default:
          throw Object.assign(new Error(`${method} is not scripted in this story`), { code: 4200 });
      }
    },
  };
}

function kitFor(s: Scenario): Kit {
  const id = String(++nextId);
  scenarios.set(id, s);
  const kit = new Kit({ wallet: new WalletService() });
  kit.configure({
    chains: [
      {
        id: CHAIN_ID,
        key: 'base',
        name: 'Base',
        rpcUrls: [`https://rpc-${id}.tip-story.invalid/`],
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        blockExplorer: 'https://basescan.org',
        tokens: { USDC: { address: USDC, symbol: 'USDC', decimals: 6 } },
      },
    ],
    defaultChain: CHAIN_ID,
    ensChain: CHAIN_ID,
    lensApiUrl: 'https://lens.tip-story.invalid/',
    web3bioApiUrl: false,
    xmtp: { env: 'local', apiUrl: 'https://xmtp.tip-story.invalid' },
    provider: wallet(s) as never,
    providerInfo: { name: 'Story wallet' },
  });
  if (s.risky) {
    // What the identity service reports when web3.bio's credentials flag the recipient (linked to a hack).
    const real = kit.identity.bind(kit);
    kit.identity = async () => {
      const service = await real();
      const trust: IdentityService['trust'] = async () => ({ human: [], risky: [{ issuer: 'hacker', label: 'Hacker', link: null }], spam: [], source: 'web3bio' });
      return new Proxy(service, {
        get: (t, k) => {
          const v: unknown = k === 'trust' ? trust : Reflect.get(t, k);
          return typeof v === 'function' && k !== 'trust' ? v.bind(t) : v;
        },
      });
    };
  }
  if (s.spoof || s.lookalike) {
    // What the identity service reports for a reverse record whose name points elsewhere, or for a verified look-alike name.
    const found: Partial<Identity> = s.spoof
      ? { name: null, nameSource: null, verified: false, unverifiedName: s.spoof }
      : { name: s.lookalike, nameSource: 'ens', verified: true, unverifiedName: null };
    const real = kit.identity.bind(kit);
    kit.identity = async () => {
      const service = await real();
      // A badge elsewhere on the page showed alice.eth, another address.
      if (s.lookalike) service.noteShown('alice.eth', ALICE);
      const lookup: IdentityService['lookup'] = async (...a) => ({ ...(await service.lookup(...a)), ...found });
      return new Proxy(service, {
        get: (t, k) => {
          const v: unknown = k === 'lookup' ? lookup : Reflect.get(t, k);
          return typeof v === 'function' && k !== 'lookup' ? v.bind(t) : v;
        },
      });
    };
  }
  return kit;
}

async function until(check: () => unknown, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 30));
}

/** Opens the panel and walks the lifecycle up to the story's state. */
async function drive(tip: MaskTip, s: Scenario): Promise<void> {
  await tip.updateComplete;
  if (s.state === 'connecting') {
    tip.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!.click();
    return;
  }
  await until(() => tip.isConnected && (tip as unknown as { kit: Kit }).kit.wallet.status === 'connected');
  await tip.show();
  await until(() => !/Reading/.test(tip.shadowRoot!.querySelector('[part~="status"]')?.textContent ?? ''));
  if (s.state === 'idle' && !s.amount) return;
  tip.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send-button"]')?.click();
}

interface Args extends Scenario {
  to: string;
  label: string;
}

const meta: Meta<Args> = {
  title: 'Elements/mask-tip',
  component: 'mask-tip',
  argTypes: {
    to: { control: 'text' },
    label: { control: 'text' },
    token: { control: 'text' },
    amount: { control: 'text' },
    presets: { control: 'text' },
  },
  args: { to: RECIPIENT, label: '', token: 'native', presets: '0.001,0.01,0.1', state: 'idle' },
  render: (args) => {
    const scenario: Scenario = { ...args };
    const kit = kitFor(scenario);
    const tip = document.createElement('mask-tip');
    tip.setAttribute('to', args.to);
    if (args.label) tip.setAttribute('label', args.label);
    if (args.token) tip.setAttribute('token', args.token);
    if (args.amount) tip.setAttribute('amount', args.amount);
    if (args.presets) tip.setAttribute('presets', args.presets);
    queueMicrotask(() => void drive(tip, scenario));
    return withKit(kit, html`<p>Enjoyed this post? Leave a tip for the author.</p>${tip}`);
  },
  // The story is done when the tip has reached its state with the panel ready.
  play: async ({ canvasElement, args }) => {
    await customElements.whenDefined('mask-tip');
    const tip = canvasElement.querySelector<MaskTip>('mask-tip')!;
    const part = (name: string) => tip.shadowRoot!.querySelector(`[part~="${name}"]`);
    await waitFor(() => tip.matches(`:state(${args.state})`), `the tip to reach ${args.state}`);
    await waitFor(() => part('panel')?.matches(':popover-open') && !/Reading/.test(part('status')?.textContent ?? ''), 'the panel to be ready');
    if (args.amount && args.state === 'idle') await waitFor(() => part('amount-error'), 'the amount sentence');
    if (args.spoof) await waitFor(() => part('recipient-warning'), 'the warning about the claimed name');
    if (args.lookalike) await waitFor(() => part('lookalike-warning'), 'the look-alike warning');
    if (args.risky) await waitFor(() => part('flagged-warning'), 'the flagged-recipient warning');
  },
  parameters: { layout: 'padded', docs: { story: { inline: false, height: '640px' } } },
};
export default meta;
type Story = StoryObj<Args>;

/** The button alone, as it first paints: nothing else is downloaded until someone interacts. */
export const Button: Story = {
  args: { state: 'idle' },
  render: (args) => {
    const kit = kitFor({ state: 'idle' });
    return withKit(kit, html`<mask-tip to=${args.to} label=${args.label}></mask-tip>`);
  },
  play: async ({ canvasElement }) => {
    await customElements.whenDefined('mask-tip');
    await waitFor(() => canvasElement.querySelector('mask-tip')?.matches(':state(idle)'), 'the button');
  },
};

/** idle: the panel is open; pick a preset or type an amount. */
export const Idle: Story = { args: { state: 'idle' } };

/** idle with a USDC tip: symbol and decimals are read from the token contract. */
export const IdleUsdc: Story = { args: { state: 'idle', token: 'USDC', presets: '1,5,10' } };

/** connecting: the shared connect dialog is waiting for the wallet. */
export const Connecting: Story = { args: { state: 'connecting' } };

/** switching: the wallet is on another network and is asked to switch (or add) Base. */
export const Switching: Story = { args: { state: 'switching', amount: '0.01', otherChain: true } };

/** checking: balance, gas and recipient are being read. */
export const Checking: Story = { args: { state: 'checking', amount: '0.01' } };

/** warning: the recipient is a contract; sending needs an explicit "Send anyway". */
export const ContractWarning: Story = { args: { state: 'warning', amount: '0.01', contract: true } };

/** warning: web3.bio's credentials flag the recipient as risky; the panel says so, and sending needs an explicit "Send anyway" (never a block). */
export const FlaggedRecipientWarning: Story = { args: { state: 'warning', amount: '0.01', risky: true } };

/** confirming: the exact amount and recipient, waiting for the wallet's confirmation. */
export const Confirming: Story = { args: { state: 'confirming', amount: '5', token: 'USDC', presets: '1,5,10' } };

/** pending: sent; the hash and the explorer link, waiting for the block. */
export const Pending: Story = { args: { state: 'pending', amount: '0.01' } };

/** confirmed: block, amount and explorer link. */
export const Confirmed: Story = { args: { state: 'confirmed', amount: '5', token: 'USDC', presets: '1,5,10' } };

/** failed: the token refused the transfer; the reason, and nothing was sent. */
export const Failed: Story = { args: { state: 'failed', amount: '5', token: 'USDC', presets: '1,5,10', revert: 'PausedToken: transfers are paused' } };

/** rejected: cancelled in the wallet; "Try again" keeps every input. */
export const Rejected: Story = { args: { state: 'rejected', amount: '0.01', reject: true } };

/** The recipient's reverse record claims alice.eth, which points elsewhere: the panel warns, and the address stays. */
export const SpoofedRecipient: Story = { args: { state: 'idle', spoof: 'alice.eth' } };

/**
 * The recipient's verified name, a1ice.eth, reads like alice.eth, which a badge elsewhere on this page
 * showed for another address: the panel says so before the send button. Sending stays possible.
 */
export const LookalikeRecipient: Story = { args: { state: 'idle', lookalike: 'a1ice.eth' } };

/** An amount that is refused before anything else happens, with its sentence. */
export const InvalidAmount: Story = { args: { state: 'idle', amount: '1,5' } };

/** Dark (the page declares `color-scheme: dark`; the tip follows under `theme="auto"`): the button. */
export const DarkButton: Story = { ...Button, decorators: [darkPage] };

/** Dark: the panel, idle, with a USDC tip. */
export const DarkIdle: Story = { args: { state: 'idle', token: 'USDC', presets: '1,5,10' }, decorators: [darkPage] };

/** Dark: confirmed. */
export const DarkConfirmed: Story = { args: { state: 'confirmed', amount: '5', token: 'USDC', presets: '1,5,10' }, decorators: [darkPage] };

/** Dark: an error sentence (the token refused the transfer). */
export const DarkFailed: Story = { args: { state: 'failed', amount: '5', token: 'USDC', presets: '1,5,10', revert: 'PausedToken: transfers are paused' }, decorators: [darkPage] };
