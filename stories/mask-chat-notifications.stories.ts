import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/chat/define.js';
import { FIXTURE_PEER_ADDRESS, fixtureKit } from '../test/support/chat-fixture.js';
import { withKit } from '../test/support/kit-provider.js';
import { darkPage } from './support/dark-page.js';
import { waitFor } from './support/wait.js';

/*
 * Browser notifications in `<mask-chat notifications>`: the settings' section in each of its states,
 * over the STORY FIXTURE engine (`test/support/chat-fixture.ts`). The browser's permission is the
 * story's: `window.Notification` is replaced by a stand-in whose `permission` the story sets (a
 * story cannot answer a real permission prompt), and the visitor's switch is in localStorage.
 */

const meta: Meta = {
  // Not under Elements/: those docs pages are one element's API tables each (stories.e2e.ts).
  title: 'Notifications/mask-chat',
  component: 'mask-chat',
  parameters: { layout: 'padded', docs: { story: { inline: false, height: '620px' } } },
};
export default meta;
type Story = StoryObj;

interface Scenario {
  /** What the browser says of notifications on this site; `unsupported`: no Notification API at all. */
  permission: NotificationPermission | 'unsupported';
  /** The visitor turned the switch on earlier (localStorage). */
  on?: boolean;
  /** The `notifications` attribute (default: present, empty). */
  attribute?: string;
  /** Clicks the switch once the section shows; the prompt's answer is `answer`. */
  click?: boolean;
  answer?: NotificationPermission;
  /** What the story waits for in the section's status. */
  status: string;
}

/** The story's stand-in for the browser's Notification API. */
function useNotifications(s: Scenario): void {
  const w = window as unknown as { Notification?: unknown };
  if (s.permission === 'unsupported') {
    w.Notification = undefined;
    return;
  }
  let permission: NotificationPermission = s.permission;
  w.Notification = class StoryNotification {
    static get permission(): NotificationPermission {
      return permission;
    }
    static requestPermission(): Promise<NotificationPermission> {
      permission = s.answer ?? 'default';
      return Promise.resolve(permission);
    }
    onclick: (() => void) | null = null;
    close(): void {}
  };
}

function story(s: Scenario): Story {
  return {
    render: () => {
      useNotifications(s);
      if (s.on) localStorage.setItem('mask-widgets:notify', 'on');
      else localStorage.removeItem('mask-widgets:notify');
      const { kit } = fixtureKit({ items: [] });
      return withKit(kit, html`<mask-chat mode="inline" peer=${FIXTURE_PEER_ADDRESS} notifications=${s.attribute ?? ''}></mask-chat>`);
    },
    play: async ({ canvasElement }) => {
      await customElements.whenDefined('mask-chat');
      const root = await waitFor(() => canvasElement.querySelector('mask-chat')?.shadowRoot, 'the chat');
      (await waitFor(() => root.querySelector<HTMLElement>('[part~="settings-button"]'), 'the settings button')).click();
      const section = await waitFor(() => root.querySelector('[part~="notify"]'), 'the notifications section');
      if (s.click) (await waitFor(() => section.querySelector<HTMLInputElement>('[part~="notify-switch"]'), 'the switch')).click();
      await waitFor(() => section.querySelector('[part~="notify-status"]')?.textContent?.startsWith(s.status), s.status);
    },
  };
}

/** Offered by the host, not turned on yet: the switch asks the browser's permission when clicked, never before. (Story fixture.) */
export const Off = story({ permission: 'default', status: 'Off: no notifications.' });

/** On: new messages show a notification while the page is in the background. (Story fixture.) */
export const On = story({ permission: 'granted', on: true, status: 'On:' });

/** `notifications="private"`: the notification says who wrote, never what. (Story fixture.) */
export const OnPrivate = story({ permission: 'granted', on: true, attribute: 'private', status: 'On:' });

/** The visitor clicked the switch and dismissed the browser's question: nothing is shown, and they may be asked again. (Story fixture.) */
export const NotAllowed = story({ permission: 'default', click: true, answer: 'default', status: 'Notifications were not allowed' });

/** The browser blocks notifications for the site: the switch is disabled and the sentence says where to allow them. (Story fixture.) */
export const Blocked = story({ permission: 'denied', status: 'Notifications are blocked' });

/** A browser without the Notification API (or one that only allows them from a service worker): said plainly. (Story fixture.) */
export const Unsupported = story({ permission: 'unsupported', status: 'This browser cannot show notifications' });

/** Blocked, in a dark page. (Story fixture.) */
export const DarkBlocked: Story = { ...Blocked, decorators: [darkPage] };
