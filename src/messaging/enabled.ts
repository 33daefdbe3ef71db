/**
 * Which wallets enabled chat in this browser on this site: a marker in localStorage
 * (`mask-widgets:chat-enabled` → `["<env>:<lower-case address>", …]`), set when a chat's client
 * is ready (an installation exists here and is registered). The chat reads it before anything
 * else loads to decide whether its engine (the SDK and its 12 MB wasm) may start in the
 * background for the launcher's unread total: only for a visitor who enabled chat here, never
 * for one who did not. A stale marker (the site's storage cleared in part) costs one engine
 * start that ends at "needs a signature", which the closed launcher does not show.
 */

const KEY = 'mask-widgets:chat-enabled';
/** At most this many wallets are remembered (the oldest go first). */
const MAX = 20;

const entry = (env: string, account: string): string => `${env}:${account.toLowerCase()}`;

function read(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** `account` has a registered XMTP installation in this browser on this site (network `env`). */
export function markChatEnabled(env: string, account: string): void {
  const e = entry(env, account);
  const list = read();
  if (list[list.length - 1] === e) return;
  const next = [...list.filter((v) => v !== e), e].slice(-MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage blocked: the launcher waits for the chat to open, as for a new visitor.
  }
}

/** Whether `account` enabled chat in this browser on this site (network `env`). */
export function chatEnabled(env: string, account: string): boolean {
  return read().includes(entry(env, account));
}
