/**
 * One shared IntersectionObserver for every badge on the page: `whenNear`
 * calls back once, when the element comes within 300px of the viewport.
 * Without IntersectionObserver it calls back at once.
 */
const waiting = new Map<Element, () => void>();
let observer: IntersectionObserver | undefined;

export function whenNear(element: Element, callback: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    callback();
    return () => {};
  }
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const done = entry.isIntersecting && waiting.get(entry.target);
        if (!done) continue;
        waiting.delete(entry.target);
        observer?.unobserve(entry.target);
        done();
      }
    },
    { rootMargin: '300px' },
  );
  waiting.set(element, callback);
  observer.observe(element);
  return () => {
    waiting.delete(element);
    observer?.unobserve(element);
  };
}
