import { VERSION } from '../internal/version.js';
import { KitError } from '../wallet/errors.js';
import type { Kit, KitConfigInput } from './kit.js';

type Command = [string, ...unknown[]];

/** `window.MaskWidgets`: the script-tag API. */
export interface MaskWidgetsApi {
  readonly version: string;
  readonly kit: Kit;
  /** The connected account, or null. */
  readonly account: string | null;
  configure(config: KitConfigInput): void;
  connect(): Promise<string>;
  disconnect(): void;
  switchChain(chain: number | string): Promise<void>;
  /** Runs queued-style commands: `push(['configure', {...}])`. Never throws; logs bad commands. */
  push(...commands: Command[]): number;
  /** Listens to kit events on `document` (`mask-wallet-change`, `mask-error`, …); returns an unsubscribe. */
  on(type: string, listener: (event: Event) => void): () => void;
}

declare global {
  interface Window {
    MaskWidgets?: MaskWidgetsApi | Command[];
  }
}

/**
 * Installs `window.MaskWidgets`, then runs the commands a page queued before
 * the script loaded (`window.MaskWidgets = window.MaskWidgets || []; MaskWidgets.push([...])`).
 * A second copy of the kit keeps the first API.
 */
export function installGlobalApi(kit: Kit): MaskWidgetsApi {
  const existing = window.MaskWidgets;
  if (existing && !Array.isArray(existing) && typeof existing.push === 'function') return existing;
  const queued = Array.isArray(existing) ? existing.slice() : [];
  let handled = queued.length;

  const api: MaskWidgetsApi = {
    version: VERSION,
    kit,
    get account() {
      return kit.wallet.account;
    },
    configure: (config) => kit.configure(config),
    connect: () => kit.connect(),
    disconnect: () => kit.wallet.disconnect(),
    switchChain: async (ref) => {
      const chain = kit.chain(ref);
      if (!chain) throw new KitError('unsupported-chain', `“${String(ref)}” is not a configured chain.`);
      await kit.wallet.switchChain(chain);
    },
    push: (...commands) => {
      for (const command of commands) run(api, command);
      handled += commands.length;
      return handled;
    },
    on: (type, listener) => {
      document.addEventListener(type, listener);
      return () => document.removeEventListener(type, listener);
    },
  };
  window.MaskWidgets = api;
  for (const command of queued) run(api, command);
  return api;
}

function run(api: MaskWidgetsApi, command: Command): void {
  if (!Array.isArray(command) || typeof command[0] !== 'string') {
    console.error('mask-widgets: a queued command must be an array like ["configure", {…}]; got', command);
    return;
  }
  const [name, ...args] = command;
  const fn = (api as unknown as Record<string, unknown>)[name];
  if (name === 'push' || typeof fn !== 'function') {
    console.error(`mask-widgets: unknown command “${name}”. Known: configure, connect, disconnect, switchChain, on.`);
    return;
  }
  try {
    const result = (fn as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) result.catch((error: unknown) => console.error(`mask-widgets: ${name} failed:`, error));
  } catch (error) {
    console.error(`mask-widgets: ${name} failed:`, error);
  }
}
