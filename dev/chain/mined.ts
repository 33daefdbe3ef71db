// Browser-safe: waits for a transaction's receipt by asking for the receipt itself.
import { getTransactionReceipt } from 'viem/actions';
import type { Client, Hash, TransactionReceipt } from 'viem';

/**
 * Resolves with the receipt of `hash`, polling `eth_getTransactionReceipt` until it exists.
 *
 * Why not viem's `waitForTransactionReceipt`: it looks for the receipt when the block
 * number changes, and skips a block event that arrives while it is still checking the
 * transaction for replacement. On anvil (automine: one block per transaction, then no
 * more blocks) the skipped event is the only one, so under load it waits until its
 * timeout: CI lost a deployment receipt that way. Asking for the receipt itself cannot
 * miss it.
 */
export async function waitMined(client: Client, hash: Hash, options: { timeout?: number; interval?: number } = {}): Promise<TransactionReceipt> {
  const { timeout = 30_000, interval = 10 } = options;
  const deadline = Date.now() + timeout;
  for (;;) {
    const receipt = await getTransactionReceipt(client, { hash }).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'TransactionReceiptNotFoundError') return undefined;
      throw error;
    });
    if (receipt) return receipt;
    if (Date.now() > deadline) throw new Error(`dev chain: no receipt for ${hash} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
