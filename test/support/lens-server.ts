/**
 * A small local stand-in for the Lens API (GraphQL, v3 schema), for tests and
 * the offline bench: our machines cannot reach api.lens.xyz. It answers the
 * queries `<mask-id-badge>` sends — `account`, `accountsAvailable`,
 * `accountsBulk` — with the real API's response shapes, from a fixture list.
 *
 * It is a real (if tiny) GraphQL executor over a subset of Lens's schema:
 * operations with variables, aliases, arguments (object, list and variable
 * values), named and inline fragments with type conditions and `__typename`.
 * Asking for a field the schema does not have is a validation error, as on
 * the real API, so a query that works here is shaped like one that works there.
 *
 * Tests may add accounts while it runs: `addAccounts()` in node, or from a
 * page `POST /fixtures/accounts` with `{ "accounts": [LensFixtureAccount…] }`
 * (same origin as the GraphQL endpoint; not part of the Lens API). The
 * hostile-input suite serves its hostile profiles this way.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getAddress } from 'viem';
import { svgDataUri } from '../../dev/chain/seed-data.js';
import type { Deployment } from '../../dev/chain/deployment.js';

export interface LensFixtureAccount {
  /** The Lens account (smart account) address. */
  address: string;
  /** The wallet that owns it. */
  owner: string;
  /** Wallets that manage it without owning it. */
  managers?: string[];
  localName: string;
  /** `username.value` as the API gives it; default `lens/<localName>`. */
  usernameValue?: string;
  name?: string | null;
  bio?: string | null;
  picture?: string | null;
}

export interface LensRequestLogEntry {
  operationName: string | null;
  query: string;
  variables: Record<string, unknown>;
}

export interface LensServer {
  /** The GraphQL endpoint (`http://127.0.0.1:PORT/graphql`). */
  url: string;
  port: number;
  /** Every GraphQL request received, oldest first. */
  requests: LensRequestLogEntry[];
  /** Answer the next `n` requests with HTTP `status` (default 503). */
  failNext(n: number, status?: number): void;
  /** Adds accounts (an account with the address of one already there replaces it). */
  addAccounts(accounts: LensFixtureAccount[]): void;
  close(): Promise<void>;
}

/** The `lens/` namespace (the schema's default for `UsernameInput.namespace`). */
const LENS_NAMESPACE = '0xFBEdC5C278cc01A843D161d5469202Fe4EDC99E4';
const GENESIS = '2025-04-04T00:00:00+00:00';

/**
 * Fixture accounts for the dev chain's named wallets: Carol (ENS and Lens),
 * account 7 (Lens only, `lens/stani`), and `lens/aliceco`, owned by account 8
 * and managed by Alice (account 1) — a managed account is not Alice's identity.
 */
export function devLensAccounts(deployment: Pick<Deployment, 'accounts'>): LensFixtureAccount[] {
  const wallet = (i: number) => deployment.accounts[i].address;
  const picture = (bg: string, letter: string) =>
    svgDataUri(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="32" fill="${bg}"/><text x="32" y="42" font-size="28" text-anchor="middle" fill="#fff">${letter}</text></svg>`);
  return [
    {
      address: '0x1e45000000000000000000000000000000000003',
      owner: wallet(3),
      localName: 'carol',
      name: 'Carol',
      bio: 'Carol posts on Lens and chats over XMTP.',
      picture: picture('#db2777', 'C'),
    },
    {
      address: '0x1e45000000000000000000000000000000000007',
      owner: wallet(7),
      localName: 'stani',
      name: 'Stani (dev)',
      bio: 'A Lens-only profile on the dev chain: no ENS name.',
      picture: picture('#0f766e', 'S'),
    },
    {
      address: '0x1e45000000000000000000000000000000000008',
      owner: wallet(8),
      managers: [wallet(1)],
      localName: 'aliceco',
      name: 'Alice & Co',
      bio: 'Managed by Alice, owned by someone else.',
      picture: null,
    },
  ];
}

// ------------------------------------------------------------------ schema subset

interface FieldType {
  type: string;
  list?: boolean;
}
const SCALARS = new Set(['String', 'Int', 'Boolean', 'ID', 'EvmAddress', 'DateTime', 'URI', 'UsernameValue', 'Cursor']);
const OBJECTS: Record<string, Record<string, FieldType>> = {
  Query: {
    account: { type: 'Account' },
    accountsAvailable: { type: 'PaginatedAccountsAvailableResult' },
    accountsBulk: { type: 'Account', list: true },
  },
  Account: {
    address: { type: 'EvmAddress' },
    owner: { type: 'EvmAddress' },
    createdAt: { type: 'DateTime' },
    score: { type: 'Int' },
    metadata: { type: 'AccountMetadata' },
    username: { type: 'Username' },
  },
  AccountMetadata: {
    id: { type: 'String' },
    name: { type: 'String' },
    bio: { type: 'String' },
    picture: { type: 'URI' },
    coverPicture: { type: 'URI' },
  },
  Username: {
    id: { type: 'ID' },
    value: { type: 'UsernameValue' },
    namespace: { type: 'EvmAddress' },
    localName: { type: 'String' },
    linkedTo: { type: 'EvmAddress' },
    ownedBy: { type: 'EvmAddress' },
    timestamp: { type: 'DateTime' },
  },
  PaginatedAccountsAvailableResult: { items: { type: 'AccountAvailable', list: true }, pageInfo: { type: 'PaginatedResultInfo' } },
  PaginatedResultInfo: { prev: { type: 'Cursor' }, next: { type: 'Cursor' } },
  AccountOwned: { account: { type: 'Account' }, addedAt: { type: 'DateTime' } },
  AccountManaged: { account: { type: 'Account' }, addedAt: { type: 'DateTime' } },
};
const UNIONS: Record<string, string[]> = { AccountAvailable: ['AccountManaged', 'AccountOwned'] };

// ------------------------------------------------------------------ parser

type Value = { kind: 'var'; name: string } | { kind: 'const'; value: unknown } | { kind: 'list'; items: Value[] } | { kind: 'object'; fields: Record<string, Value> };
type Selection =
  | { kind: 'field'; alias: string; name: string; args: Record<string, Value>; selections: Selection[] | null }
  | { kind: 'spread'; name: string }
  | { kind: 'inline'; on: string | null; selections: Selection[] };
interface Operation {
  name: string | null;
  variables: Array<{ name: string; defaultValue?: Value }>;
  selections: Selection[];
}
interface Doc {
  operations: Operation[];
  fragments: Map<string, { on: string; selections: Selection[] }>;
}

class GraphQLError extends Error {
  constructor(
    message: string,
    readonly path?: Array<string | number>,
  ) {
    super(message);
  }
}

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  const re = /\s+|,|#[^\n]*|(\.\.\.|[{}()[\]:!$=@|&])|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([_A-Za-z][_0-9A-Za-z]*)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < source.length) {
    const at = re.lastIndex;
    m = re.exec(source);
    if (!m || re.lastIndex === at) throw new GraphQLError(`Syntax Error: Unexpected character “${source[at]}”.`);
    const token = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}

function parse(source: string): Doc {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    if (i >= tokens.length) throw new GraphQLError('Syntax Error: Unexpected <EOF>.');
    return tokens[i++];
  };
  const expect = (t: string) => {
    const got = next();
    if (got !== t) throw new GraphQLError(`Syntax Error: Expected “${t}”, found “${got}”.`);
  };
  const name = () => {
    const t = next();
    if (!/^[_A-Za-z]/.test(t)) throw new GraphQLError(`Syntax Error: Expected Name, found “${t}”.`);
    return t;
  };
  const value = (): Value => {
    const t = next();
    if (t === '$') return { kind: 'var', name: name() };
    if (t === '[') {
      const items: Value[] = [];
      while (peek() !== ']') items.push(value());
      expect(']');
      return { kind: 'list', items };
    }
    if (t === '{') {
      const fields: Record<string, Value> = {};
      while (peek() !== '}') {
        const key = name();
        expect(':');
        fields[key] = value();
      }
      expect('}');
      return { kind: 'object', fields };
    }
    if (t.startsWith('"')) return { kind: 'const', value: JSON.parse(t) };
    if (/^-?\d/.test(t)) return { kind: 'const', value: Number(t) };
    if (t === 'true' || t === 'false') return { kind: 'const', value: t === 'true' };
    if (t === 'null') return { kind: 'const', value: null };
    return { kind: 'const', value: t }; // enum value
  };
  const skipDirectives = () => {
    while (peek() === '@') {
      next();
      name();
      if (peek() === '(') {
        next();
        while (peek() !== ')') {
          name();
          expect(':');
          value();
        }
        expect(')');
      }
    }
  };
  const skipType = () => {
    if (peek() === '[') {
      next();
      skipType();
      expect(']');
    } else name();
    if (peek() === '!') next();
  };
  const selectionSet = (): Selection[] => {
    expect('{');
    const out: Selection[] = [];
    while (peek() !== '}') {
      if (peek() === '...') {
        next();
        if (peek() === 'on') {
          next();
          const on = name();
          skipDirectives();
          out.push({ kind: 'inline', on, selections: selectionSet() });
        } else if (peek() === '{' || peek() === '@') {
          skipDirectives();
          out.push({ kind: 'inline', on: null, selections: selectionSet() });
        } else {
          out.push({ kind: 'spread', name: name() });
          skipDirectives();
        }
        continue;
      }
      const alias = name();
      let field = alias;
      if (peek() === ':') {
        next();
        field = name();
      }
      const args: Record<string, Value> = {};
      if (peek() === '(') {
        next();
        while (peek() !== ')') {
          const key = name();
          expect(':');
          args[key] = value();
        }
        expect(')');
      }
      skipDirectives();
      out.push({ kind: 'field', alias, name: field, args, selections: peek() === '{' ? selectionSet() : null });
    }
    expect('}');
    return out;
  };

  const doc: Doc = { operations: [], fragments: new Map() };
  while (i < tokens.length) {
    const t = peek();
    if (t === '{') {
      doc.operations.push({ name: null, variables: [], selections: selectionSet() });
    } else if (t === 'query') {
      next();
      const op: Operation = { name: null, variables: [], selections: [] };
      if (peek() !== '(' && peek() !== '{' && peek() !== '@') op.name = name();
      if (peek() === '(') {
        next();
        while (peek() !== ')') {
          expect('$');
          const v: Operation['variables'][number] = { name: name() };
          expect(':');
          skipType();
          if (peek() === '=') {
            next();
            v.defaultValue = value();
          }
          skipDirectives();
          op.variables.push(v);
        }
        expect(')');
      }
      skipDirectives();
      op.selections = selectionSet();
      doc.operations.push(op);
    } else if (t === 'fragment') {
      next();
      const fragmentName = name();
      expect('on');
      const on = name();
      skipDirectives();
      doc.fragments.set(fragmentName, { on, selections: selectionSet() });
    } else if (t === 'mutation' || t === 'subscription') {
      throw new GraphQLError(`This Lens stand-in answers queries only (got a ${t}).`);
    } else {
      throw new GraphQLError(`Syntax Error: Unexpected “${t}”.`);
    }
  }
  return doc;
}

// ------------------------------------------------------------------ execution

function typeOf(type: string, value: Record<string, unknown>): string {
  return UNIONS[type] ? String(value.__typename) : type;
}

/** Checks every field against the schema before anything runs, like a real GraphQL server. */
function validate(doc: Doc, selections: Selection[], type: string, errors: GraphQLError[], seen = new Set<string>()): void {
  const possible = UNIONS[type] ?? [type];
  for (const s of selections) {
    if (s.kind === 'spread') {
      const fragment = doc.fragments.get(s.name);
      if (!fragment) errors.push(new GraphQLError(`Unknown fragment “${s.name}”.`));
      else if (!seen.has(s.name)) validate(doc, fragment.selections, fragment.on, errors, new Set([...seen, s.name]));
      continue;
    }
    if (s.kind === 'inline') {
      if (s.on && !possible.includes(s.on) && s.on !== type) errors.push(new GraphQLError(`Fragment cannot be spread here as objects of type “${type}” can never be of type “${s.on}”.`));
      validate(doc, s.selections, s.on ?? type, errors, seen);
      continue;
    }
    if (s.name === '__typename') continue;
    if (UNIONS[type]) {
      errors.push(new GraphQLError(`Cannot query field “${s.name}” on type “${type}”. Did you mean to use an inline fragment?`));
      continue;
    }
    const field = OBJECTS[type]?.[s.name];
    if (!field) {
      errors.push(new GraphQLError(`Cannot query field “${s.name}” on type “${type}”.`));
      continue;
    }
    const leaf = SCALARS.has(field.type);
    if (leaf && s.selections) errors.push(new GraphQLError(`Field “${s.name}” must not have a selection since type “${field.type}” has no subfields.`));
    if (!leaf && !s.selections) errors.push(new GraphQLError(`Field “${s.name}” of type “${field.type}” must have a selection of subfields.`));
    if (!leaf && s.selections) validate(doc, s.selections, field.type, errors, seen);
  }
}

function resolveValue(v: Value, vars: Record<string, unknown>): unknown {
  switch (v.kind) {
    case 'var':
      return vars[v.name] ?? null;
    case 'const':
      return v.value;
    case 'list':
      return v.items.map((item) => resolveValue(item, vars));
    case 'object':
      return Object.fromEntries(Object.entries(v.fields).map(([k, item]) => [k, resolveValue(item, vars)]));
  }
}

function evmAddress(value: unknown, path: Array<string | number>): string {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value)) throw new GraphQLError(`Invalid EvmAddress: ${JSON.stringify(value)}`, path);
  return value.toLowerCase();
}

export async function startLensServer(options: { accounts?: LensFixtureAccount[]; port?: number; host?: string } = {}): Promise<LensServer> {
  const fixture = (a: LensFixtureAccount) => ({
    ...a,
    address: getAddress(a.address),
    owner: getAddress(a.owner),
    managers: (a.managers ?? []).map((m) => getAddress(m)),
  });
  const accounts = (options.accounts ?? []).map(fixture);
  const addAccounts = (list: LensFixtureAccount[]) => {
    for (const a of list.map(fixture)) {
      const at = accounts.findIndex((b) => b.address === a.address);
      if (at >= 0) accounts[at] = a;
      else accounts.push(a);
    }
  };
  const requests: LensRequestLogEntry[] = [];
  let failures = 0;
  let failStatus = 503;

  const account = (a: (typeof accounts)[number]) => ({
    __typename: 'Account',
    address: a.address,
    owner: a.owner,
    createdAt: GENESIS,
    score: 9000,
    metadata: { __typename: 'AccountMetadata', id: `meta-${a.localName}`, name: a.name ?? null, bio: a.bio ?? null, picture: a.picture ?? null, coverPicture: null },
    username: {
      __typename: 'Username',
      id: `${LENS_NAMESPACE.toLowerCase()}-${a.localName}`,
      value: a.usernameValue ?? `lens/${a.localName}`,
      namespace: LENS_NAMESPACE,
      localName: a.localName,
      linkedTo: a.address,
      ownedBy: a.owner,
      timestamp: GENESIS,
    },
  });

  const root: Record<string, (args: Record<string, unknown>, path: Array<string | number>) => unknown> = {
    account: (args, path) => {
      const request = (args.request ?? {}) as { address?: unknown; username?: { localName?: unknown } };
      if (request.address !== undefined && request.address !== null) {
        const address = evmAddress(request.address, [...path, 'address']);
        const found = accounts.find((a) => a.address.toLowerCase() === address);
        return found ? account(found) : null;
      }
      if (request.username) {
        const localName = String(request.username.localName ?? '');
        const found = accounts.find((a) => a.localName === localName);
        return found ? account(found) : null;
      }
      throw new GraphQLError('You must provide one of address, username, legacyProfileId or txHash.', path);
    },
    accountsAvailable: (args, path) => {
      const request = (args.request ?? {}) as { managedBy?: unknown; includeOwned?: unknown };
      const manager = evmAddress(request.managedBy, [...path, 'managedBy']);
      const includeOwned = request.includeOwned !== false;
      const items = accounts.flatMap((a) => {
        if (includeOwned && a.owner.toLowerCase() === manager) return [{ __typename: 'AccountOwned', addedAt: GENESIS, account: account(a) }];
        if (a.managers.some((m) => m.toLowerCase() === manager)) return [{ __typename: 'AccountManaged', addedAt: GENESIS, account: account(a) }];
        return [];
      });
      return { __typename: 'PaginatedAccountsAvailableResult', items, pageInfo: { __typename: 'PaginatedResultInfo', prev: null, next: null } };
    },
    accountsBulk: (args, path) => {
      const request = (args.request ?? {}) as { addresses?: unknown[]; usernames?: Array<{ localName?: unknown }> };
      const addresses = (request.addresses ?? []).map((a, i) => evmAddress(a, [...path, 'addresses', i]));
      const names = (request.usernames ?? []).map((u) => String(u?.localName ?? ''));
      return accounts.filter((a) => addresses.includes(a.address.toLowerCase()) || names.includes(a.localName)).map(account);
    },
  };

  function execute(doc: Doc, selections: Selection[], type: string, value: Record<string, unknown> | null, vars: Record<string, unknown>, path: Array<string | number>, errors: GraphQLError[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const concrete = value ? typeOf(type, value) : type;
    const walk = (list: Selection[]) => {
      for (const s of list) {
        if (s.kind === 'spread') {
          const fragment = doc.fragments.get(s.name)!;
          if (fragment.on === concrete || fragment.on === type) walk(fragment.selections);
          continue;
        }
        if (s.kind === 'inline') {
          if (!s.on || s.on === concrete || s.on === type) walk(s.selections);
          continue;
        }
        const fieldPath = [...path, s.alias];
        if (s.name === '__typename') {
          out[s.alias] = concrete;
          continue;
        }
        const field = OBJECTS[concrete][s.name];
        let raw: unknown;
        try {
          raw = type === 'Query' ? root[s.name](Object.fromEntries(Object.entries(s.args).map(([k, v]) => [k, resolveValue(v, vars)])), fieldPath) : value?.[s.name];
        } catch (error) {
          errors.push(error instanceof GraphQLError ? error : new GraphQLError(String(error), fieldPath));
          out[s.alias] = null;
          continue;
        }
        const complete = (item: unknown, itemPath: Array<string | number>): unknown =>
          item === null || item === undefined || SCALARS.has(field.type) ? (item ?? null) : execute(doc, s.selections!, field.type, item as Record<string, unknown>, vars, itemPath, errors);
        out[s.alias] = field.list && Array.isArray(raw) ? raw.map((item, i) => complete(item, [...fieldPath, i])) : complete(raw, fieldPath);
      }
    };
    walk(selections);
    return out;
  }

  function answer(body: { query?: unknown; variables?: unknown; operationName?: unknown }): { status: number; json: unknown } {
    if (typeof body.query !== 'string') return { status: 400, json: { errors: [{ message: 'Must provide query string.' }] } };
    const variables = (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<string, unknown>;
    const operationName = typeof body.operationName === 'string' ? body.operationName : null;
    requests.push({ operationName, query: body.query, variables });
    let doc: Doc;
    try {
      doc = parse(body.query);
    } catch (error) {
      return { status: 400, json: { errors: [{ message: (error as Error).message }] } };
    }
    const op = operationName ? doc.operations.find((o) => o.name === operationName) : doc.operations.length === 1 ? doc.operations[0] : undefined;
    if (!op) return { status: 400, json: { errors: [{ message: 'Must provide operation name if query contains multiple operations.' }] } };
    const errors: GraphQLError[] = [];
    validate(doc, op.selections, 'Query', errors);
    const declared = new Set(op.variables.map((v) => v.name));
    const used = JSON.stringify(op.selections).match(/"kind":"var","name":"[^"]+"/g) ?? [];
    for (const u of used) {
      const name = u.slice(u.lastIndexOf(':') + 2, -1);
      if (!declared.has(name)) errors.push(new GraphQLError(`Variable “$${name}” is not defined.`));
    }
    if (errors.length) return { status: 400, json: { errors: errors.map((e) => ({ message: e.message })) } };
    const vars: Record<string, unknown> = {};
    for (const v of op.variables) vars[v.name] = v.name in variables ? variables[v.name] : v.defaultValue ? resolveValue(v.defaultValue, {}) : undefined;
    const data = execute(doc, op.selections, 'Query', {}, vars, [], errors);
    return { status: 200, json: errors.length ? { data, errors: errors.map((e) => ({ message: e.message, path: e.path })) } : { data } };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type, accept',
      'access-control-max-age': '600',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { ...cors, allow: 'POST, OPTIONS' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (new URL(req.url ?? '/', 'http://x').pathname === '/fixtures/accounts') {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { accounts?: LensFixtureAccount[] };
          if (!Array.isArray(body.accounts)) throw new Error('expected { "accounts": [...] }');
          addAccounts(body.accounts);
          res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ accounts: accounts.length }));
        } catch (error) {
          res.writeHead(400, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ error: String((error as Error).message ?? error) }));
        }
        return;
      }
      if (failures > 0) {
        failures--;
        res.writeHead(failStatus, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Service Unavailable' }] }));
        return;
      }
      let body: { query?: unknown; variables?: unknown; operationName?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Body is not JSON.' }] }));
        return;
      }
      const { status, json } = answer(body);
      res.writeHead(status, { ...cors, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    port,
    requests,
    failNext: (n, status = 503) => {
      failures = n;
      failStatus = status;
    },
    addAccounts,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}
