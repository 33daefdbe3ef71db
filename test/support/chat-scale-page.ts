/**
 * Browser entry of the chat scale harness (bench `dom_nodes_10k` and
 * `test/e2e/chat-scale.e2e.ts`): a real inline `<mask-chat>` whose messaging
 * context is primed with the FIXTURE engine (`chat-fixture.ts`) holding
 * `?count=` messages (with replies, reactions and tip receipts). History arrives through the real paging
 * (`ConversationFeed.loadInitial` / `loadOlder`, 30 per page) into the real
 * `MessageList`, and the real UI renders it through its virtual window.
 */
import '../../src/components/chat/define.js';
import { FIXTURE_CONVERSATION, FIXTURE_PEER_ADDRESS, fixtureConversation, fixtureKit } from './chat-fixture.js';
import { kitProvider } from './kit-provider.js';

const count = Number(new URLSearchParams(location.search).get('count') ?? 10_000);
const { kit, messaging } = fixtureKit({ items: fixtureConversation(count, undefined, { mixed: true }) });
const host = kitProvider(kit);
const chat = document.createElement('mask-chat');
chat.id = 'chat';
chat.setAttribute('mode', 'inline');
chat.setAttribute('peer', FIXTURE_PEER_ADDRESS);
host.append(chat);
document.querySelector('main')!.append(host);

/**
 * `dom_nodes_10k`: every node in the document, shadow roots included (nested
 * ones too): elements, text and comment nodes (Lit's binding markers are
 * comments, and they cost memory and layout-tree work like any node).
 * `elements` counts elements alone, for information.
 */
function countNodes(): { nodes: number; elements: number } {
  let nodes = 0;
  let elements = 0;
  const walk = (root: Node) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node === root && root.nodeType === Node.DOCUMENT_FRAGMENT_NODE) continue; // a shadow root itself is not a node of the tree
      nodes++;
      if (node.nodeType === Node.ELEMENT_NODE) elements++;
      const shadow = (node as Element).shadowRoot;
      if (shadow) walk(shadow);
    }
  };
  walk(document.documentElement);
  return { nodes, elements };
}

const feed = () => messaging.feed({ id: FIXTURE_CONVERSATION, peerInboxId: null, peerAddresses: [], consent: 'allowed' });

Object.assign(window, {
  harness: {
    countNodes,
    loaded: () => feed().list.size,
    complete: () => feed().complete,
    /** Pages back through the whole history, as scrolling up would. */
    async loadAll(): Promise<number> {
      while (!feed().complete) await feed().loadOlder();
      await (chat as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      return feed().list.size;
    },
  },
});
