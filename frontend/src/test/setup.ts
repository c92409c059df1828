import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

import { resetSessionForTests } from '@/api/session';
import { i18n } from '@/i18n';

import { saveFileSpy } from './stand-ins';

// jsdom draws no canvas and saves no files: every test file gets the same stand-ins.
vi.mock(
  '@/features/public/components/EChart',
  async () => (await import('./stand-ins')).chartStandIn,
);
vi.mock('@/lib/save-file', async () => ({ saveFile: (await import('./stand-ins')).saveFileSpy }));

// jsdom lacks the layout APIs antd probes; these stand-ins answer "no match" and "no size".
// A partial MediaQueryList: antd only listens for changes, which never come here.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) =>
    Object.assign(new EventTarget(), {
      matches: false,
      media: query,
      onchange: null,
    }) as unknown as MediaQueryList,
});

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver = ResizeObserverStub;

// Nor does it scroll: the assessment's "go to the indicator" links call scrollIntoView.
Element.prototype.scrollIntoView = function scrollIntoView() {};

// antd asks for pseudo-element styles, which jsdom does not implement (and warns about).
// jsdom computes a style by matching the element against every rule of every style sheet, and
// antd's styles come to about 700 KB of rules: 50 ms a call, most of a whole-app test's time, as
// Testing Library asks for the style of each candidate and of each of its ancestors (is it
// hidden?). A style is kept until the document changes at all (nodes, attributes, text; the
// style sheets are nodes too): the same answers, computed once.
const getComputedStyle = window.getComputedStyle.bind(window);
let computed = new WeakMap<Element, CSSStyleDeclaration>();
const changes = new MutationObserver(() => {
  computed = new WeakMap();
});
changes.observe(document, {
  subtree: true,
  childList: true,
  attributes: true,
  characterData: true,
});
window.getComputedStyle = (element: Element) => {
  if (changes.takeRecords().length > 0) computed = new WeakMap();
  let style = computed.get(element);
  if (style === undefined) {
    style = getComputedStyle(element);
    computed.set(element, style);
  }
  return style;
};

// A page's first test also loads its lazy route; on two cores shared with pytest and the browser
// journeys (`make test` runs them side by side) that took over 5 s, far more than findBy's default
// second, so waits get longer (passing tests do not wait longer).
configure({ asyncUtilTimeout: 15_000 });

beforeEach(async () => {
  saveFileSpy.mockClear();
  window.localStorage.clear();
  window.sessionStorage.clear();
  resetSessionForTests();
  await i18n.changeLanguage('vi');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
