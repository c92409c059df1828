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
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);

// A page's first test also downloads its lazy route; on two busy cores that can take more than
// findBy's default second, so waits get longer (passing tests do not wait longer).
configure({ asyncUtilTimeout: 5000 });

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
