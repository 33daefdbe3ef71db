/**
 * A small local stand-in for the web3.bio Profile API, for tests, the bench
 * and the demo: our machines cannot reach api.web3.bio, and tests must not
 * depend on what the live service says about anvil's well-known accounts.
 *
 * Endpoints (only those the kit uses):
 * - `GET /profile/batch/universal/{ids}`: `ids` is a URI-encoded JSON array of
 *   `"platform,identity"`; the answer is a JSON array with one
 *   `{ id, aliases, profiles: [Profile…] }` per id, in order. More than 30 ids
 *   is a 400, as the documented cap.
 * - `GET /credential/{identity}`: `{ isHuman: [...], isRisky: [...], isSpam: [...] }`,
 *   each item `{ id, platform, category, credentialSource, type, value, label,
 *   description, link, updatedAt, expiredAt }`; 404 `{ error: "Not Found" }`
 *   for an identity it knows nothing about.
 *
 * Where the shapes come from (read with the search tool, not copied):
 * - Profile fields (`identity, address, avatar, description, platform,
 *   displayName, email, contenthash, header, location, createdAt, status,
 *   links: { [platform]: { link, handle, sources } }, social, aliases`):
 *   `ProfileResponse`/`NSResponse`/`SocialLinksItem` in web3bio/web3bio-profile-kit
 *   `src/types/hook.ts`, and the assertions of web3bio/web3bio-profile-api
 *   `__tests__/profile/*.test.js` (`links.twitter.sources.includes("farcaster")`).
 * - The batch routes and their `{ id, aliases, profiles }` items:
 *   web3bio-profile-api `app/api/profile/batch/[ids]/utils.ts` (`fetchUniversalBatch`)
 *   and `__tests__/batch-universal.test.js`; the 30-id cap: web3bio/agent-skills
 *   `web3bio-skills/references/batch-identity.md`.
 * - Credentials: `CredentialResponse`/`CredentialType`/`CredentialSource` in
 *   web3bio-profile-kit `src/types/credential.ts`, web3bio-profile-api
 *   `app/api/credential/[handle]/utils.ts` and `__tests__/credentials.test.js`.
 *
 * Not confirmed from public material (our reading, kept minimal): what the
 * universal batch returns for an address with no profile (here: the item with
 * `profiles: []`), the exact `label` strings of risky and spam credentials,
 * and that a link counts as "verified" when its `sources` include a proof
 * service (`nextid`, `keybase`): the API has no `verified` flag of its own.
 *
 * Tests may add identities while it runs: `add()` in node, or from a page
 * `POST /fixtures/identities` with `{ "identities": [Web3bioFixture…] }`; a page reads the
 * API requests answered so far with `GET /fixtures/requests`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { svgDataUri } from '../../dev/chain/seed-data.js';
import type { Deployment } from '../../dev/chain/deployment.js';

export interface Web3bioFixtureProfile {
  platform: string;
  identity: string;
  displayName?: string | null;
  avatar?: string | null;
  description?: string | null;
  links?: Record<string, { link: string | null; handle: string | null; sources: string[] }>;
}

export interface Web3bioFixtureCredential {
  category: 'isHuman' | 'isRisky' | 'isSpam';
  credentialSource: string;
  platform: string;
  type: string;
  value: string;
  label: string;
  description: string;
  link: string | null;
}

export interface Web3bioFixture {
  /** The wallet (any case). */
  address: string;
  profiles?: Web3bioFixtureProfile[];
  credentials?: Web3bioFixtureCredential[];
}

export interface Web3bioServer {
  /** The API's base URL (`http://127.0.0.1:PORT`), as `web3bioApiUrl` takes it. */
  url: string;
  port: number;
  /** The path of every API request received, oldest first (fixture requests not included). */
  requests: string[];
  /** Answer the next `n` API requests with HTTP `status` (default 503). */
  failNext(n: number, status?: number): void;
  /** Never answer API requests (a hung service) until `hang(false)`. */
  hang(on: boolean): void;
  /** Adds identities (one with the address of one already there replaces it). */
  add(identities: Web3bioFixture[]): void;
  close(): Promise<void>;
}

export const HUMAN: Omit<Web3bioFixtureCredential, 'platform'> = {
  category: 'isHuman',
  credentialSource: 'dentity',
  type: 'bool',
  value: 'true',
  label: 'Humanity Verified',
  description: 'Personhood Verified by Dentity',
  link: 'https://www.dentity.com/',
};
export const RISKY: Omit<Web3bioFixtureCredential, 'platform'> = {
  category: 'isRisky',
  credentialSource: 'hacker',
  type: 'bool',
  value: 'true',
  label: 'Hacker',
  description: 'Address linked to a hack (reported by SlowMist)',
  link: 'https://hacked.slowmist.io/',
};
export const SPAM: Omit<Web3bioFixtureCredential, 'platform'> = {
  category: 'isSpam',
  credentialSource: 'farcaster-spam',
  type: 'score',
  value: '0',
  label: 'Spam',
  description: 'Labelled as spam by Warpcast',
  link: 'https://github.com/warpcast/labels',
};

/**
 * The dev chain's wallets as web3.bio would know them: Carol (account 3) on
 * Farcaster and Basenames, a Next.ID-verified X link, verified human;
 * account 5 flagged as risky (linked to a hack); account 9 on Farcaster,
 * flagged as spam.
 */
export function devWeb3bioIdentities(deployment: Pick<Deployment, 'accounts'>): Web3bioFixture[] {
  const wallet = (i: number) => deployment.accounts[i].address;
  const picture = (bg: string, letter: string) =>
    svgDataUri(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" rx="32" fill="${bg}"/><text x="32" y="42" font-size="28" text-anchor="middle" fill="#fff">${letter}</text></svg>`);
  return [
    {
      address: wallet(3),
      profiles: [
        {
          platform: 'farcaster',
          identity: 'carol',
          displayName: 'Carol 🟣',
          avatar: picture('#7c3aed', 'C'),
          description: 'Carol casts on Farcaster.',
          links: {
            twitter: { link: 'https://x.com/carol_dev', handle: 'carol_dev', sources: ['farcaster', 'nextid'] },
            github: { link: 'https://github.com/carol-dev', handle: 'carol-dev', sources: ['ens'] },
          },
        },
        { platform: 'basenames', identity: 'carol.base.eth', displayName: 'carol.base.eth', avatar: null },
        { platform: 'ens', identity: 'carol.eth', displayName: 'carol.eth', avatar: null },
      ],
      credentials: [{ ...HUMAN, platform: 'dentity' }],
    },
    { address: wallet(5), credentials: [{ ...RISKY, platform: 'ethereum' }] },
    {
      address: wallet(9),
      profiles: [{ platform: 'farcaster', identity: 'free-airdrop', displayName: 'FREE AIRDROP', avatar: null }],
      credentials: [{ ...SPAM, platform: 'farcaster' }],
    },
  ];
}

function profileOf(address: string, p: Web3bioFixtureProfile) {
  return {
    identity: p.identity,
    address,
    avatar: p.avatar ?? null,
    description: p.description ?? null,
    platform: p.platform,
    displayName: p.displayName ?? null,
    email: null,
    contenthash: null,
    header: null,
    location: null,
    createdAt: '2024-01-30T12:05:30.000Z',
    status: null,
    error: undefined,
    links: p.links ?? {},
    social: {},
    aliases: [`${p.platform},${p.identity}`],
  };
}

export async function startWeb3bioServer(options: { identities?: Web3bioFixture[]; port?: number; host?: string } = {}): Promise<Web3bioServer> {
  const known = new Map<string, Web3bioFixture>();
  const add = (identities: Web3bioFixture[]) => {
    for (const i of identities) known.set(String(i.address).toLowerCase(), i);
  };
  add(options.identities ?? []);
  const requests: string[] = [];
  let failures = 0;
  let failStatus = 503;
  let hung = false;

  const json = (res: ServerResponse, cors: Record<string, string>, status: number, body: unknown) =>
    res.writeHead(status, { ...cors, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));

  const answer = (path: string): { status: number; body: unknown } => {
    const batch = /^\/profile\/batch\/universal\/(.+)$/.exec(path);
    if (batch) {
      let ids: unknown;
      try {
        ids = JSON.parse(decodeURIComponent(batch[1]));
      } catch {
        ids = null;
      }
      if (!Array.isArray(ids) || !ids.length || ids.some((id) => typeof id !== 'string')) {
        return { status: 404, body: { identity: null, platform: 'batch', path, error: 'Invalid Identity or Domain' } };
      }
      if (ids.length > 30) return { status: 400, body: { identity: JSON.stringify(ids), platform: 'batch', path, error: 'Invalid Identity or Domain' } };
      return {
        status: 200,
        body: (ids as string[]).map((raw) => {
          const [platform, identity] = raw.includes(',') ? raw.split(',', 2) : ['ethereum', raw];
          const id = `${platform},${identity.toLowerCase()}`;
          const fixture = platform === 'ethereum' ? known.get(identity.toLowerCase()) : undefined;
          const profiles = (fixture?.profiles ?? []).map((p) => profileOf(identity.toLowerCase(), p));
          return { id, aliases: [id, ...profiles.map((p) => p.aliases[0])], profiles };
        }),
      };
    }
    const credential = /^\/credential\/([^/]+)$/.exec(path);
    if (credential) {
      const identity = decodeURIComponent(credential[1]).replace(/^ethereum,/, '').toLowerCase();
      const fixture = known.get(identity);
      if (!fixture) return { status: 404, body: { identity, platform: 'ethereum', path, error: 'Not Found' } };
      const group = (category: Web3bioFixtureCredential['category']) =>
        (fixture.credentials ?? [])
          .filter((c) => c.category === category)
          .map((c) => ({
            id: `${c.platform},${identity}`,
            platform: c.platform,
            category: c.category,
            credentialSource: c.credentialSource,
            type: c.type,
            value: c.value,
            label: c.label,
            description: c.description,
            link: c.link,
            updatedAt: 1733443200,
            expiredAt: null,
          }));
      return { status: 200, body: { isHuman: group('isHuman'), isRisky: group('isRisky'), isSpam: group('isSpam') } };
    }
    return { status: 404, body: { identity: null, platform: null, path, error: 'Not Found' } };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type, accept',
      'access-control-max-age': '600',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && path === '/fixtures/identities') {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { identities?: Web3bioFixture[] };
          if (!Array.isArray(body.identities)) throw new Error('expected { "identities": [...] }');
          add(body.identities);
          json(res, cors, 200, { identities: known.size });
        } catch (error) {
          json(res, cors, 400, { error: String((error as Error).message ?? error) });
        }
        return;
      }
      if (req.method !== 'GET') {
        res.writeHead(405, { ...cors, allow: 'GET, OPTIONS' }).end();
        return;
      }
      // For tests in a browser: the API requests so far (not counted as one).
      if (path === '/fixtures/requests') {
        json(res, cors, 200, { requests });
        return;
      }
      requests.push(path);
      if (hung) return; // never answers; closeAllConnections() ends it
      if (failures > 0) {
        failures--;
        json(res, cors, failStatus, { error: 'Service Unavailable' });
        return;
      }
      const { status, body } = answer(path);
      json(res, cors, status, body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    requests,
    failNext: (n, status = 503) => {
      failures = n;
      failStatus = status;
    },
    hang: (on) => {
      hung = on;
    },
    add,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}
