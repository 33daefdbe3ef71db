import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/chat/define.js';
import { CHAT_MODES, CHAT_POSITIONS } from '../src/components/chat/mask-chat.types.js';

interface Args {
  mode: (typeof CHAT_MODES)[number];
  position: (typeof CHAT_POSITIONS)[number];
  open: boolean;
  peer: string;
}

const meta: Meta<Args> = {
  title: 'Elements/mask-chat',
  component: 'mask-chat',
  argTypes: {
    mode: { control: 'inline-radio', options: CHAT_MODES },
    position: { control: 'inline-radio', options: CHAT_POSITIONS },
    open: { control: 'boolean' },
    peer: { control: 'text' },
  },
  args: { mode: 'launcher', position: 'right', open: false, peer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' },
  render: (args) => html`<mask-chat mode=${args.mode} position=${args.position} ?open=${args.open} peer=${args.peer}></mask-chat>`,
  parameters: { layout: 'fullscreen' },
};
export default meta;
type Story = StoryObj<Args>;

/** The floating bubble, closed. */
export const LauncherClosed: Story = {};

/** The bubble with its panel open; no wallet is connected, so it offers to connect. */
export const LauncherOpen: Story = { args: { open: true } };

/** On the left side. */
export const LauncherLeft: Story = { args: { open: true, position: 'left' } };

/** In the page flow, as a Lens frontend's DM pane. */
export const Inline: Story = { args: { mode: 'inline' }, parameters: { layout: 'padded' } };
