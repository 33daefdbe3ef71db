import { expect } from '@open-wc/testing';
import { define } from '../../internal/define.js';
import { MaskElement } from './mask-element.js';

describe('define()', () => {
  let warnings: unknown[][] = [];
  const original = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    console.warn = original;
  });

  it('registers a tag once and returns the owning class', () => {
    class A extends MaskElement {}
    expect(define('test-define-a', A)).to.equal(A);
    expect(customElements.get('test-define-a')).to.equal(A);
    expect(define('test-define-a', A)).to.equal(A);
    expect(warnings).to.have.length(0);
  });

  it('never throws when another class owns the tag, and warns once naming both versions', () => {
    class Theirs extends HTMLElement {
      static kitVersion = '0.0.1-other';
    }
    customElements.define('test-define-b', Theirs);
    class Ours extends MaskElement {}
    expect(() => define('test-define-b', Ours)).not.to.throw();
    expect(() => define('test-define-b', Ours)).not.to.throw();
    expect(customElements.get('test-define-b')).to.equal(Theirs);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('mask-widgets 0.0.1-other').and.contain('<test-define-b>');
    // A second clashing tag from the same copy stays quiet: one warning per copy.
    class Theirs2 extends HTMLElement {}
    customElements.define('test-define-d', Theirs2);
    define('test-define-d', class extends MaskElement {});
    expect(warnings).to.have.length(1);
  });

  it('accepts a custom registry', () => {
    const calls: string[] = [];
    const registry = {
      get: () => undefined,
      define: (tag: string) => calls.push(tag),
    } as unknown as CustomElementRegistry;
    class C extends MaskElement {}
    define('test-define-c', C, registry);
    expect(calls).to.deep.equal(['test-define-c']);
    expect(customElements.get('test-define-c')).to.equal(undefined);
  });
});
