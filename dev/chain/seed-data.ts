// Seed data for the dev chain: browser-safe (no node imports), so tests in the browser can
// compare what they render with what was written on chain.

/** Turns an ASCII SVG into a `data:image/svg+xml;base64,...` URI. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

function avatarSvg(bg: string, fg: string, letter: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="12" fill="${bg}"/>` +
    `<text x="32" y="42" font-family="sans-serif" font-size="30" text-anchor="middle" fill="${fg}">${letter}</text>` +
    `</svg>`
  );
}

export interface SeedProfile {
  name: string;
  /** anvil dev account index the name resolves to */
  accountIndex: number;
  texts: Record<string, string>;
}

export const PROFILE_KEYS = ['avatar', 'description', 'url', 'com.twitter', 'com.github'] as const;

export const SEED_PROFILES: readonly SeedProfile[] = [
  {
    name: 'alice.eth',
    accountIndex: 1,
    texts: {
      avatar: svgDataUri(avatarSvg('#7c3aed', '#ffffff', 'A')),
      description: 'Alice on the Mask dev chain. Likes tips.',
      url: 'https://alice.example.org',
      'com.twitter': 'alice_dev',
      'com.github': 'alice-dev',
    },
  },
  {
    name: 'bob.eth',
    accountIndex: 2,
    texts: {
      avatar: svgDataUri(avatarSvg('#0ea5e9', '#0f172a', 'B')),
      description: 'Bob builds widgets.',
      url: 'https://bob.example.org',
      'com.twitter': 'bob_dev',
      'com.github': 'bob-dev',
    },
  },
  {
    name: 'carol.eth',
    accountIndex: 3,
    texts: {
      avatar: svgDataUri(avatarSvg('#16a34a', '#f0fdf4', 'C')),
      description: 'Carol chats over XMTP.',
      url: 'https://carol.example.org',
      'com.twitter': 'carol_dev',
      'com.github': 'carol-dev',
    },
  },
];

/** A data: URI that is well-formed but does not decode to an image ("not-an-image"). */
export const BROKEN_AVATAR = 'data:image/png;base64,bm90LWFuLWltYWdl';

export const BROKEN_PROFILE: SeedProfile = {
  name: 'broken.eth',
  accountIndex: 6,
  texts: { avatar: BROKEN_AVATAR, description: 'Has an avatar record that is not an image.' },
};

/** The anvil dev account that owns the dev chain's ERC-1271 smart account (DevSmartAccount). */
export const SMART_ACCOUNT_OWNER = 8;

/** Account whose reverse record claims alice.eth (forward alice.eth -> account 1). */
export const SPOOF = { accountIndex: 4, claimedName: 'alice.eth' } as const;

/**
 * Look-alikes of alice.eth: valid ENSIP-15 names of their own (forward records
 * only, to addresses no dev account uses) that read like hers at a glance. The
 * badge card and the tip warn about them when alice.eth is shown on the page too.
 */
export const LOOKALIKE_NAMES = [
  { name: 'a1ice.eth', address: '0x00000000000000000000000000000000A11ce001' },
  { name: 'alíce.eth', address: '0x00000000000000000000000000000000a11CE002' },
] as const;

/** Account with no name at all. */
export const NAMELESS_ACCOUNT_INDEX = 5;

export const DONATION_NAME = 'donation.eth';

/** Avatar shared by the bulk names. */
export const BULK_AVATAR = svgDataUri(avatarSvg('#f59e0b', '#1c1917', 'F'));

/** fan001.eth, fan002.eth, ... (at least 3 digits). */
export function bulkName(i: number, count: number): string {
  return `fan${String(i).padStart(Math.max(3, String(count).length), '0')}.eth`;
}

/** Seed string hashed (keccak256) to derive bulk address i (last 20 bytes). */
export function bulkSeed(i: number): string {
  return `mask-bulk-${i}`;
}

/** 1,000,000 USDC (6 decimals) to accounts 0..5. */
export const USDC_MINT = { accounts: [0, 1, 2, 3, 4, 5], amount: 1_000_000n * 10n ** 6n } as const;
/** 1,000 PAUSE (18 decimals) to accounts 1..3. */
export const PAUSE_MINT = { accounts: [1, 2, 3], amount: 1_000n * 10n ** 18n } as const;

export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11' as const;
