/**
 * What jsdom lacks, replaced in every test file (src/test/setup.ts mocks the modules with these).
 * Test files share their worker's modules and the set-up file runs again for each, so its mocks
 * must hand out the same objects every time: they live here, in a module loaded once per worker.
 */
import { createElement } from 'react';
import { vi } from 'vitest';

/** Saving a download: jsdom saves no files, so a spy (emptied before each test). */
export const saveFileSpy = vi.fn<(blob: Blob, filename: string) => void>();

/** The charts: jsdom draws no canvas, so a named placeholder; the figures are in the tables. */
export const chartStandIn = {
  CHART_COLORS: ['#000000'],
  EChart: ({ ariaLabel }: { ariaLabel: string }) =>
    createElement('div', { role: 'img', 'aria-label': ariaLabel }),
};
