/**
 * The help centre's text: Markdown files, one per top-level section, in `vi/` and `en/` (the
 * integrator guide is `docs/integrator-guide*.md` at the repository's root, for agencies'
 * developers who read the repository). Each heading carries a stable anchor, `## Title {#anchor}`,
 * which links, the "?" of each page and the printable guide use; both languages have the same
 * anchors (a test checks). Screenshots are `screenshots/<name>.png`, taken by the Playwright
 * journey `e2e/guide.spec.ts`, so they follow the UI.
 */
import type { Language } from '@/i18n';

import integratorEn from '../../../../../docs/integrator-guide.md?raw';
import integratorVi from '../../../../../docs/integrator-guide.vi.md?raw';

const files = import.meta.glob<string>('./*/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const images = import.meta.glob<string>('./screenshots/*.png', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** The sections in reading order: `NN-name.md` files, sorted, with the integrator guide placed
 * after the agency staff's. */
function sections(language: Language): string[] {
  const own = Object.keys(files)
    .filter((path) => path.startsWith(`./${language}/`))
    .sort()
    .map((path) => files[path] ?? '');
  const integrator = language === 'vi' ? integratorVi : integratorEn;
  const at = own.findIndex((text) => /\{#agency-staff\}/.test(text));
  return [...own.slice(0, at + 1), integrator, ...own.slice(at + 1)];
}

/** The whole guide in one language, as one Markdown document. */
export function guideMarkdown(language: Language): string {
  return sections(language).join('\n\n');
}

/** A screenshot's URL by its file name (`assessment.png`), or undefined if none was taken. */
export function screenshotUrl(name: string): string | undefined {
  return images[`./screenshots/${name}`];
}
