import type { MaskErrorCode } from './error-codes.js';

export type { MaskErrorCode } from './error-codes.js';

export interface MaskErrorDetail {
  /** A stable machine-readable code. */
  code: MaskErrorCode;
  /** The human sentence the element shows. */
  message: string;
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/**
 * Fired by any kit element when something fails. Bubbles and crosses shadow
 * roots; the element also enters its `error` custom state and shows `message`
 * in its `error` part.
 */
export class MaskErrorEvent extends Event {
  static readonly type = 'mask-error';
  readonly code: MaskErrorCode;
  readonly message: string;
  readonly cause: unknown;
  constructor(detail: MaskErrorDetail) {
    super(MaskErrorEvent.type, { bubbles: true, composed: true });
    this.code = detail.code;
    this.message = detail.message;
    this.cause = detail.cause;
  }
  /** Same fields as a plain object, for hosts used to `CustomEvent.detail`. */
  get detail(): MaskErrorDetail {
    return { code: this.code, message: this.message, cause: this.cause };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-error': MaskErrorEvent;
  }
}
