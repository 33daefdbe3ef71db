/**
 * The inbox's strings (English), registered when the inbox's lazy chunk loads
 * (`chat-inbox.ts`): a chat with a peer never loads them.
 */
import { withPlurals } from '../../internal/plural.js';

export const inboxMessages = withPlurals({
  'chat.inbox.title': "Conversations",
  'chat.inbox.chats': "Chats",
  'chat.inbox.requests': "Requests",
  'chat.inbox.requestsCount': "Requests ({count})",
  'chat.inbox.filter': "Filter by name or address",
  'chat.inbox.new': "New conversation",
  'chat.inbox.newGroup': "New group",
  'chat.inbox.newLabel': "Address, ENS name or Lens handle",
  'chat.inbox.start': "Start",
  'chat.inbox.checking': "Checking…",
  'chat.inbox.newEmpty': "Enter an address, ENS name or Lens handle to start a conversation.",
  'chat.inbox.loading': "Loading your conversations…",
  'chat.inbox.empty': "No conversations yet. Start one with “New conversation”.",
  'chat.inbox.noRequests': "No message requests. People you have not chatted with before appear here.",
  'chat.inbox.noMatch': "No conversation matches “{filter}”.",
  'chat.inbox.error': "Your conversations could not be loaded ({detail}).",
  'chat.inbox.retry': "Try again",
  'chat.inbox.group': "Group",
  'chat.inbox.unknownPeer': "Unknown member",
  'chat.inbox.noMessages': "No messages yet",
  'chat.inbox.dm': "Direct message",
  'chat.inbox.pending': "Loading…",
  'chat.inbox.fromMe': "You: {text}",
  'chat.inbox.unread': "{count, plural, one {# unread message} other {# unread messages}}",
  'chat.inbox.allowName': "Allow {name}",
  'chat.inbox.blockName': "Block {name}",
  'chat.inbox.allowed': "You allowed {name}. The conversation is in your chats.",
  'chat.inbox.blocked': "You blocked {name}.",
  'chat.inbox.newConversation': "New conversation with {name}",
  'chat.inbox.back': "Back to conversations",
  'chat.inbox.flaggedRisky': "Flagged as risky ({source}):",
  'chat.inbox.flaggedSpam': "Flagged as spam ({source}):",
} as const);

export type InboxMessageKey = keyof typeof inboxMessages;
