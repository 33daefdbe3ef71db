/**
 * Who the chat shows: verified names and avatars from the kit's identity
 * service (which batches, caches and verifies: a name only when it resolves
 * forward to the address), and the members of the conversation shown by inbox
 * id, so a group's messages name their sender. Part of the chat's lazy chunk:
 * the controller (`chat-ui.ts`) owns one; the templates read it through
 * `ChatView`.
 */
import type { Identity, IdentityService } from '../../identity/types.js';
import { shortAddress, toChecksumAddress, type Address } from '../../internal/address.js';
import type { Engine } from '../../messaging/types.js';

/** A message's sender as a group conversation shows them. */
export interface Sender {
  label: string;
  address: Address | null;
  /** A verified avatar (the identity service checked it), else null for the identicon. */
  avatar: string | null;
}

export class ChatPeople {
  readonly #service: () => Promise<IdentityService>;
  readonly #update: () => void;
  readonly #identities = new Map<string, Identity | null>();
  readonly #lookups = new Map<string, Promise<Identity | null>>();
  /** The members of the conversation shown: its id, kind, and address by inbox id. */
  #members: { id: string; group: boolean; byInbox: Map<string, Address> } | null = null;

  constructor(service: () => Promise<IdentityService>, update: () => void) {
    this.#service = service;
    this.#update = update;
  }

  /** The identity of `address`, waited for (null when the lookup failed). */
  lookup(address: Address): Promise<Identity | null> {
    const key = address.toLowerCase();
    let found = this.#lookups.get(key);
    if (!found) {
      found = this.#service()
        .then(async (service) => {
          const identity = await service.lookup(address);
          if (identity.name) service.noteShown(identity.name, address);
          return identity;
        })
        .catch(() => null)
        .then((identity) => {
          this.#identities.set(key, identity);
          this.#update();
          return identity;
        });
      this.#lookups.set(key, found);
    }
    return found;
  }

  /** The identity of `address` when known; the first call starts its lookup. */
  identity(address: Address): Identity | null {
    const key = address.toLowerCase();
    if (!this.#lookups.has(key)) void this.lookup(address);
    return this.#identities.get(key) ?? null;
  }

  /** The verified name of `address` (`@handle` for Lens), when known. */
  name(address: Address): string | null {
    return this.identity(address)?.name?.replace(/^lens\//, '@') ?? null;
  }

  /** The verified name when known, else the short address. */
  label(address: Address): string {
    return this.name(address) ?? shortAddress(address);
  }

  /** Loads the members of the conversation `id` (a group's messages then name their sender); `again` after a membership change. */
  async loadMembers(engine: Engine | null | undefined, id: string, again = false): Promise<void> {
    if (!engine || (this.#members?.id === id && !again)) return;
    if (this.#members?.id !== id) this.#members = { id, group: false, byInbox: new Map() };
    try {
      const { kind, members } = await engine.members(id);
      if (this.#members?.id !== id) return;
      const byInbox = new Map<string, Address>();
      for (const m of members) {
        const address = toChecksumAddress(m.addresses[0] ?? '');
        if (address) {
          byInbox.set(m.inboxId, address);
          this.#former.set(m.inboxId, address);
        }
      }
      this.#members = { id, group: kind === 'group', byInbox };
      this.#update();
    } catch {
      // Without members a group's messages show no sender line; the conversation still works.
    }
  }

  /** Addresses of inboxes ever seen in a conversation, or asked of the engine (null: unknown), by inbox id. */
  readonly #former = new Map<string, Address | null>();
  #asking: Set<string> | null = null;

  /**
   * A group member's name by inbox id, for the lines of membership changes: a verified name, else the
   * short address; `unknown` while an inbox that left is looked up (the engine's inbox states).
   */
  nameOfInbox(engine: Engine | null | undefined, inboxId: string, unknown: string): string {
    const address = this.#members?.byInbox.get(inboxId) ?? this.#former.get(inboxId);
    if (address) return this.label(address);
    if (address === undefined && engine) this.#ask(engine, inboxId);
    return unknown;
  }

  #ask(engine: Engine, inboxId: string): void {
    this.#former.set(inboxId, null);
    if (this.#asking) {
      this.#asking.add(inboxId);
      return;
    }
    const asking = (this.#asking = new Set([inboxId]));
    void Promise.resolve()
      .then(() => {
        this.#asking = null;
        return engine.inboxAddresses([...asking]);
      })
      .then(
        (found) => {
          for (const [inbox, addresses] of Object.entries(found)) {
            const address = toChecksumAddress(addresses[0] ?? '');
            if (address) this.#former.set(inbox, address);
          }
          this.#update();
        },
        () => {}, // the lines keep saying "A member"
      );
  }

  /** The conversation `id` is a group (known once its members loaded). */
  isGroup(id: string | undefined): boolean {
    return !!id && this.#members?.id === id && this.#members.group;
  }

  /** Who sent a message of the group `id`, by their inbox id. */
  sender(id: string, inboxId: string, unknown: string): Sender {
    const address = this.#members?.id === id ? (this.#members.byInbox.get(inboxId) ?? null) : null;
    if (!address) return { label: unknown, address: null, avatar: null };
    return { label: this.label(address), address, avatar: this.identity(address)?.avatar ?? null };
  }
}
