/**
 * Groups paused for this client's XMTP version (XIP-72). A group's super admin can raise its
 * minimum supported protocol version; a client below it marks the group paused when it meets
 * that commit, keeps what it has (history stays readable) and refuses to send into it with
 * "Group is paused until version X is available". `conversation.pausedForVersion()` tells which
 * version a paused group needs (nothing when it is not paused).
 *
 * No SDK import here: the engine's mapping, testable without the wasm.
 */

/** At most this much of a version string is kept (it comes from the network: shown as text). */
const MAX_VERSION = 40;

const clean = (version: string): string | null => {
  const v = version.trim().slice(0, MAX_VERSION);
  return /^[0-9A-Za-z][0-9A-Za-z.+-]*$/.test(v) ? v : null;
};

/** The version a paused conversation needs, or null when it is not paused (or the SDK cannot say). */
export async function readPausedVersion(conversation: { pausedForVersion(): Promise<string | undefined | null> }): Promise<string | null> {
  try {
    const version = await conversation.pausedForVersion();
    return typeof version === 'string' ? clean(version) : null;
  } catch {
    return null;
  }
}

/** libxmtp's refusal to send into a paused group (`GroupError::GroupPausedUntilUpdate`): the version it names, else null. */
export function pausedVersionIn(text: string): string | null {
  const match = /Group is paused until version (\S+?) is available/i.exec(text);
  return match ? clean(match[1]!) : null;
}
