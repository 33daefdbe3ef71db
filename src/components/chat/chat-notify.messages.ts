/**
 * The notifications section's strings (English), registered when its lazy chunk loads
 * (`chat-notify.ts`, only on a chat whose host set the `notifications` attribute).
 */
export const notifyMessages = {
  'chat.notify.title': 'Notifications',
  'chat.notify.explain': 'Get a browser notification when a message arrives while this page is in the background. Your browser asks for permission once.',
  'chat.notify.switch': 'Notify me of new messages',
  'chat.notify.private': 'Notifications say who wrote, not what they wrote.',
  'chat.notify.on': 'On: new messages show a notification while this page is in the background.',
  'chat.notify.off': 'Off: no notifications.',
  'chat.notify.asking': 'Answer your browser’s question to allow notifications.',
  'chat.notify.dismissed': 'Notifications were not allowed, so none will be shown. Turn the switch on again to be asked once more.',
  'chat.notify.denied': 'Notifications are blocked for this site in your browser. To get them, allow notifications for this site in the browser’s site settings, then turn the switch on.',
  'chat.notify.unsupported': 'This browser cannot show notifications here.',
  'chat.notify.newMessage': 'New message',
  'chat.notify.inGroup': '{name} in {group}',
} as const;

export type NotifyMessageKey = keyof typeof notifyMessages;
