/**
 * Which slice of a long message list is in the DOM. Rows outside the window
 * are replaced by two spacers sized from the measured average row height, so
 * 10,000 messages cost the DOM of about `size` rows. Keeps the rows the
 * visitor is looking at in place when the window moves or older pages arrive.
 * Rows are elements with `data-index` inside a positioned scroller.
 *
 * The window holds about three screens of rows (one above what is shown, one
 * below), measured from the scroller's height and the average row height, and
 * never fewer than `min`: a 480 px log keeps about 30 rows, a tall full-screen
 * panel more.
 */
export class VirtualWindow {
  /** Rows kept in the DOM. */
  size: number;
  readonly #min: number;
  start = 0;
  end = 0;
  #avg = 72;
  #anchorId: string | null = null;
  #fromBottom: number | null = null;
  #keep: { index: number; delta: number } | null = null;

  constructor(min = 24) {
    this.size = this.#min = min;
  }

  get atStart(): boolean {
    return this.start === 0;
  }

  reset(): void {
    this.start = this.end = 0;
    this.#anchorId = null;
    this.#fromBottom = null;
    this.#keep = null;
  }

  /** The window for `items` this render (`stick`: follow the newest). */
  range(items: ReadonlyArray<{ id: string }>, stick: boolean): { start: number; end: number; before: number; after: number } {
    const n = items.length;
    if (this.#anchorId && items[this.start]?.id !== this.#anchorId) {
      // Items were inserted before the window (an older page): move with them.
      const index = items.findIndex((m) => m.id === this.#anchorId);
      if (index >= 0) {
        const shift = index - this.start;
        this.start += shift;
        this.end += shift;
        if (this.#keep) this.#keep.index += shift;
      }
    }
    if (stick || this.end === 0) {
      this.end = n;
      this.start = Math.max(0, n - this.size);
    }
    this.end = Math.min(n, Math.max(this.end, Math.min(n, this.start + this.size)));
    this.start = Math.max(0, Math.min(this.start, this.end));
    if (this.end - this.start > this.size * 2) this.start = this.end - this.size;
    this.#anchorId = items[this.start]?.id ?? null;
    return { start: this.start, end: this.end, before: Math.round(this.start * this.#avg), after: Math.round((n - this.end) * this.#avg) };
  }

  /** After a render: measure rows, then restore the scroll position. */
  afterRender(scroller: HTMLElement | null, stick: boolean): void {
    if (!scroller) return;
    const rows = scroller.querySelectorAll<HTMLElement>('[data-index]');
    if (rows.length > 4) {
      const first = rows[0];
      const last = rows[rows.length - 1];
      const measured = (last.offsetTop + last.offsetHeight - first.offsetTop) / rows.length;
      if (measured > 8) this.#avg = this.#avg * 0.5 + measured * 0.5;
    }
    // Applies from the next render (a scroll or a new message moves the window anyway).
    if (scroller.clientHeight > 0) this.size = Math.max(this.#min, Math.ceil((3 * scroller.clientHeight) / this.#avg));
    if (this.#fromBottom !== null) {
      // Held until `endPreserve()`: the window may move (render) before the older page arrives (render).
      scroller.scrollTop = scroller.scrollHeight - this.#fromBottom;
      this.#keep = null;
    } else if (this.#keep) {
      const row = scroller.querySelector<HTMLElement>(`[data-index="${this.#keep.index}"]`);
      if (row) scroller.scrollTop = row.offsetTop - this.#keep.delta;
      this.#keep = null;
    } else if (stick) {
      scroller.scrollTop = scroller.scrollHeight;
    }
  }

  /** Keeps the distance to the bottom through the renders until `endPreserve()` (older messages are being added on top). */
  preserveFromBottom(scroller: HTMLElement): void {
    this.#fromBottom = scroller.scrollHeight - scroller.scrollTop;
  }

  /** The older page is rendered (or none came): scrolling is the visitor's again. */
  endPreserve(): void {
    this.#fromBottom = null;
  }

  /** Moves the window when the visitor scrolls near its edges; true when a render is needed. */
  onScroll(scroller: HTMLElement, n: number): boolean {
    const rows = scroller.querySelectorAll<HTMLElement>('[data-index]');
    if (!rows.length) return false;
    const top = scroller.scrollTop;
    const bottom = top + scroller.clientHeight;
    const first = rows[0];
    const last = rows[rows.length - 1];
    const margin = this.#avg * 4;
    const nearTop = this.start > 0 && top < first.offsetTop + margin;
    const nearBottom = this.end < n && bottom > last.offsetTop + last.offsetHeight - margin;
    if (!nearTop && !nearBottom) return false;
    // The first row in view, and where it is, so it stays put.
    let visible = first;
    for (const row of rows) {
      if (row.offsetTop + row.offsetHeight > top) {
        visible = row;
        break;
      }
    }
    let index = Number(visible.dataset.index);
    if (top < first.offsetTop || top > last.offsetTop + last.offsetHeight) {
      // Jumped past the rendered rows (scrollbar drag): estimate from the average height.
      index = Math.min(n - 1, Math.max(0, Math.floor(top / this.#avg)));
      this.#keep = null;
    } else {
      this.#keep = { index, delta: visible.offsetTop - top };
    }
    const start = Math.max(0, Math.min(n - this.size, index - Math.floor(this.size / 3)));
    if (start === this.start) return false;
    this.start = start;
    this.end = Math.min(n, start + this.size);
    this.#anchorId = null;
    return true;
  }
}
