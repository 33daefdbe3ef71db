import { useEffect, useState } from 'react';
import type {} from 'mask-widgets/react';
import 'mask-widgets/id-badge/define';
import 'mask-widgets/tip/define';
import 'mask-widgets/chat/define';
import { getDefaultKit, type KitConfigInput } from 'mask-widgets';

export interface ExampleConfig {
  kit: KitConfigInput;
  /** The profile this page shows (an address). */
  profile: string;
}

interface Eip1193 {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

/**
 * A Lens-frontend-like profile page: a header with the visitor's account, a
 * profile header with a badge and a tip button, and a DM pane with an inline
 * chat. The app owns the wallet; the kit adopts it (no second connect flow).
 */
export function App({ config, wallet }: { config: ExampleConfig; wallet: Eip1193 }) {
  const [account, setAccount] = useState<string | null>(null);
  const [lastTip, setLastTip] = useState<string | null>(null);

  useEffect(() => {
    getDefaultKit().configure(config.kit);
  }, [config]);

  async function connect() {
    const [address] = (await wallet.request({ method: 'eth_requestAccounts' })) as string[];
    setAccount(address);
    getDefaultKit().configure({ provider: wallet, providerInfo: { name: 'Example app wallet' } });
  }

  return (
    <div className="app">
      <header className="topbar">
        <strong>Lenslike</strong>
        {account ? <mask-id-badge id="me" size="sm" /> : <button onClick={connect}>Sign in with wallet</button>}
      </header>
      <section className="profile" aria-label="Profile">
        <mask-id-badge id="profile" address={config.profile} size="lg" />
        <mask-tip id="tip" to={config.profile} presets="1,5,10" token="USDC" onmask-tip-confirmed={(e) => setLastTip(e.type)} />
        {lastTip ? <p role="status">Thanks for the tip!</p> : null}
      </section>
      <section className="dms" aria-label="Direct messages">
        <h2>Messages</h2>
        <mask-chat id="dm" mode="inline" peer={config.profile} />
      </section>
    </div>
  );
}
