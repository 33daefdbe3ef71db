import { css } from 'lit';

/** Styles of the lazy conversation UI, adopted into `<mask-chat>`'s shadow root when it loads. */
export const chatUiStyles = css`
  @layer mask-widgets {
        [part~='header'] {
          display: flex;
          align-items: center;
          gap: var(--_space-2);
          flex-wrap: wrap;
        }
        [part~='title'] {
          margin: 0;
          font-size: 1rem;
          flex: 1;
        }
        [part~='close-button'] {
          background: transparent;
          border: 0;
          color: inherit;
          font-size: 1.25rem;
          line-height: 1;
          padding: var(--_space-1);
        }
    .center,
    .explain,
    .settings {
      display: grid;
      gap: var(--_space-2);
      align-content: center;
      justify-items: start;
      padding: var(--_space-3);
      min-height: 160px;
    }
    .center {
      justify-items: center;
      text-align: center;
    }
    .explain h3,
    :is([part~='installations'], [part~='backup'], [part~='notify']) h3 {
      margin: 0;
      font-size: 1rem;
    }
    [part~='backup'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
      align-items: center;
    }
    [part~='backup'] > :is(h3, p, progress) {
      flex-basis: 100%;
      margin: 0;
    }
    [part~='notify'] {
      display: grid;
      gap: var(--_space-2);
    }
    [part~='notify'] p {
      margin: 0;
    }
    [part~='notify'] label {
      display: flex;
      gap: var(--_space-2);
      align-items: center;
    }
    [part~='notify-switch'] {
      accent-color: var(--_accent);
      inline-size: 1.1em;
      block-size: 1.1em;
      margin: 0;
    }
    .explain p,
    .center p {
      margin: 0;
    }
    progress {
      width: 100%;
      accent-color: var(--_accent);
    }
    .secondary,
    .link,
    .icon {
      background: transparent;
      color: var(--_accent);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space-1) var(--_space-3);
    }
    .link {
      border: 0;
      padding: 0 var(--_space-1);
      font-size: 0.8125em;
    }
    .icon {
      font-size: 0.8125em;
      padding: 2px var(--_space-2);
    }
    .status {
      font-size: 0.75em;
      color: var(--_muted);
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .status::before {
      content: '';
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--_muted);
    }
    .status.live::before {
      background: #1a7f37;
    }
    .status.reconnecting::before {
      background: #b7791f;
    }
    .status.offline::before {
      background: var(--_danger);
    }
    .messages {
      position: relative;
      overflow-y: auto;
      overscroll-behavior: contain;
      flex: 1 1 auto;
      min-height: 200px;
      max-height: var(--mask-chat-log-height, 380px);
      padding: var(--_space-2) 0;
      display: block;
    }
    :host([mode='inline']) .messages {
      max-height: var(--mask-chat-log-height, 480px);
    }
    @media (max-width: 480px) {
      :host(:not([mode='inline'])) .messages {
        max-height: none;
      }
    }
    .row {
      display: flex;
      flex-direction: column;
      padding: 1px var(--_space-1);
    }
    .day {
      align-self: center;
      color: var(--_muted);
      font-size: 0.75em;
      margin: var(--_space-2) 0;
    }
    .bubble {
      max-width: 80%;
      padding: var(--_space-2) var(--_space-3);
      border-radius: var(--mask-chat-bubble-radius, 16px);
      margin-top: var(--_space-2);
      overflow-wrap: anywhere;
    }
    .bubble.grouped {
      margin-top: 2px;
    }
    .bubble.mine {
      align-self: flex-end;
      background: var(--mask-chat-bubble-mine, var(--_accent));
      color: var(--mask-chat-bubble-mine-text, var(--_on-accent));
    }
    .bubble.theirs {
      align-self: flex-start;
      background: var(--mask-chat-bubble-theirs, light-dark(#eef1f5, #2a2f38));
      color: inherit;
    }
    .bubble .text {
      margin: 0;
      white-space: pre-wrap;
    }
    .bubble .run {
      /* A long unbroken run may break anywhere: under overflow-wrap alone, Chromium's line breaker re-measures the rest of the run at every line (quadratic in its length). */
      word-break: break-all;
    }
    .bubble [part~='more-button'] {
      color: inherit;
      margin-top: var(--_space-1);
      font-size: 0.8125em;
    }
    .bubble .fallback {
      font-style: italic;
    }
    .bubble a {
      color: inherit;
    }
    .bubble .link {
      color: inherit;
    }
    .meta {
      display: flex;
      gap: var(--_space-1);
      align-items: center;
      font-size: 0.75em;
      margin-top: 2px;
    }
    .delivery.failed {
      font-weight: 600;
    }
    blockquote {
      margin: 0 0 var(--_space-1);
      padding-inline-start: var(--_space-2);
      border-inline-start: 3px solid currentColor;
      font-style: italic;
      font-size: 0.875em;
    }
    .reactions {
      list-style: none;
      display: flex;
      gap: 4px;
      margin: 4px 0 0;
      padding: 0;
      font-size: 0.8125em;
    }
    .receipt {
      display: grid;
      gap: 2px;
    }
    .bubble .receipt .note {
      /* Muted grey fails contrast on the accent-coloured bubble: keep the bubble's text colour. */
      color: inherit;
    }
    .receipt .check {
      font-size: 0.8125em;
    }
    .receipt:not(.confirmed) .check {
      font-style: italic;
    }
    .receipt .amount {
      font-size: 1.25em;
      font-weight: 600;
    }
    .hash {
      font-size: 0.8125em;
    }
    .greeting,
    .start {
      text-align: center;
      color: var(--_muted);
      margin: var(--_space-3);
    }
    .banner {
      display: block;
      width: 100%;
      margin: 0 0 var(--_space-2);
      padding: var(--_space-2);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: transparent;
      color: inherit;
      text-align: start;
    }
    .banner p {
      margin: 0 0 var(--_space-2);
    }
    .composer {
      display: flex;
      gap: var(--_space-2);
      align-items: flex-end;
      border-top: 1px solid var(--_border);
      padding-top: var(--_space-2);
    }
    .composer {
      flex-wrap: wrap;
    }
    .attach {
      box-sizing: border-box;
      inline-size: 2.25em;
      block-size: 2.25em;
      display: inline-grid;
      place-items: center;
      padding: 0;
      cursor: pointer;
      flex: none;
    }
    .attach.disabled {
      opacity: 0.5;
      cursor: default;
    }
    .attachment-preview {
      order: -1;
      flex: 1 0 100%;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1) var(--_space-2);
      align-items: center;
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space-2);
      min-inline-size: 0;
    }
    .attachment-preview .name,
    .attachment strong {
      overflow-wrap: anywhere;
    }
    .attachment-preview progress {
      flex: 1 0 100%;
    }
    .attachment-preview .actions {
      margin-inline-start: auto;
      display: flex;
      gap: var(--_space-2);
    }
    .attachment {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1) var(--_space-2);
      align-items: baseline;
    }
    .attachment.image img {
      display: block;
      max-inline-size: min(100%, 280px);
      max-block-size: 280px;
      border-radius: var(--_radius);
    }
    .attachment .error,
    .attachment-preview .error {
      flex: 1 0 100%;
      margin: 0;
      color: var(--_danger);
    }
    .composer textarea,
    textarea[part~='invitation'] {
      flex: 1;
      font: inherit;
      color: inherit;
      background: transparent;
      resize: none;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space-2);
      max-height: 8em;
      width: 100%;
    }
    textarea[part~='invitation'] {
      /* The whole invitation shows: three rows cut it off before its link. */
      field-sizing: content;
      min-height: 7.5em;
      max-height: 14em;
    }
    .replying {
      font-size: 0.8125em;
      color: var(--_muted);
      display: flex;
      justify-content: space-between;
    }
    [part~='installations'] ul {
      padding-inline-start: var(--_space-4);
    }
    .note {
      color: var(--_muted);
      font-size: 0.875em;
    }

    .inbox {
      display: grid;
      gap: var(--_space-2);
    }
    .inbox-bar,
    .new-row {
      display: flex;
      gap: var(--_space-2);
      align-items: center;
      flex-wrap: wrap;
    }
    .tabs {
      display: flex;
      flex: 1;
      gap: var(--_space-1);
    }
    [role='tab'] {
      background: transparent;
      color: inherit;
      border: 0;
      border-block-end: 2px solid transparent;
      padding: var(--_space-1) var(--_space-2);
    }
    [role='tab'][aria-selected='true'] {
      border-block-end-color: var(--_accent);
      font-weight: 600;
    }
    .new {
      display: grid;
      gap: var(--_space-1);
    }
    .new-row input {
      flex: 1;
      min-width: 0;
    }
    .filter,
    .new-row input {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space-1) var(--_space-2);
    }
    .inbox-list {
      overflow-y: auto;
      max-height: var(--mask-chat-log-height, 380px);
      outline-offset: -2px;
    }
    :host([mode='inline']) .inbox-list {
      max-height: var(--mask-chat-log-height, 480px);
    }
    .inbox-list .plain {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .inbox-row {
      box-sizing: border-box;
      height: 60px;
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      padding: 0 var(--_space-2);
      cursor: pointer;
      border-radius: var(--_radius);
    }
    .inbox-row[aria-selected='true'] {
      background: color-mix(in srgb, var(--_accent) 14%, transparent);
    }
    .inbox-row .open {
      flex: 1;
      min-width: 0;
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      background: transparent;
      border: 0;
      color: inherit;
      font: inherit;
      text-align: start;
      padding: 0;
    }
    .inbox-row .actions {
      display: flex;
      gap: var(--_space-1);
    }
    .inbox-row .actions button {
      padding: 2px var(--_space-2);
    }
    .avatar {
      flex: none;
      width: 36px;
      height: 36px;
      border-radius: 50%;
      overflow: hidden;
      display: grid;
      place-items: center;
      background: var(--_border);
    }
    .avatar img,
    .avatar svg {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .who {
      flex: 1;
      min-width: 0;
      display: grid;
      grid-template-columns: 1fr auto;
      column-gap: var(--_space-2);
    }
    .who .name,
    .who .preview {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .who .name {
      font-weight: 600;
    }
    .who .time,
    .who .preview {
      font-size: 0.85em;
      opacity: 0.75;
    }
    .who .preview {
      grid-column: 1 / -1;
    }
    .who .preview:has(.flag) {
      opacity: 1;
    }
    .who .flag {
      color: var(--_danger);
      font-weight: 600;
    }
    .count {
      flex: none;
      min-width: 20px;
      height: 20px;
      border-radius: 10px;
      background: var(--_accent);
      color: var(--_on-accent);
      font-size: 12px;
      line-height: 20px;
      text-align: center;
      padding: 0 5px;
    }
    .back {
      justify-self: start;
      align-self: start;
    }
    /* Who the conversation is with (chat-people.render.ts). */
    .peer {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      min-width: 0;
      padding-bottom: var(--_space-1);
      border-bottom: 1px solid var(--_border);
    }
    .peer-name {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .avatar.small {
      width: 20px;
      height: 20px;
    }
    .sender {
      display: flex;
      align-items: center;
      gap: var(--_space-1);
      margin: 0 0 2px;
      font-size: 0.8em;
      font-weight: 600;
    }
    /* Groups: a change's line in the conversation, the form and the details (chat-groups.render.ts). */
    .update {
      align-self: center;
      max-width: 90%;
      margin: var(--_space-1) 0;
      color: var(--_muted);
      font-size: 0.8em;
      text-align: center;
      overflow-wrap: anywhere;
    }
    .group-form,
    .group-form fieldset,
    .group-details {
      display: grid;
      gap: var(--_space-1);
      min-width: 0;
    }
    /* The form and the details scroll inside the panel, like the message list. */
    .group-view {
      overflow-y: auto;
      overscroll-behavior: contain;
      max-height: var(--mask-chat-log-height, 380px);
      padding-inline-end: var(--_space-1);
    }
    .group-form fieldset {
      border: 0;
      margin: 0;
      padding: 0;
    }
    .group-form input,
    .group-form textarea {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid var(--_border);
      border-radius: 8px;
      padding: var(--_space-1) var(--_space-2);
      min-width: 0;
    }
    .group-head,
    .group-member,
    .group-actions {
      display: flex;
      align-items: center;
      gap: var(--_space-2);
      flex-wrap: wrap;
      min-width: 0;
    }
    .group-head h3 {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .group-image {
      width: 40px;
      height: 40px;
      border-radius: 50%;
      object-fit: cover;
    }
    .group-description {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .group-member .role {
      color: var(--_muted);
      font-size: 0.85em;
    }
    .group-member button {
      margin-inline-start: auto;
    }
  }
`;
