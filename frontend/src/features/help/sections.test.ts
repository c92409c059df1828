import { describe, expect, it } from 'vitest';

import { LANGUAGES } from '@/i18n';

import { guideMarkdown, screenshotUrl } from './content';
import { headings, sliceSection } from './markdown';
import { ROLE_GUIDE, helpSectionFor, mainRole, mappedAnchors } from './sections';

const anchorsOf = (language: (typeof LANGUAGES)[number]) =>
  headings(guideMarkdown(language)).map((heading) => heading.anchor);

describe('the guide', () => {
  it('gives every heading a unique anchor, the same in both languages', () => {
    const vi = anchorsOf('vi');
    expect(vi.every(Boolean)).toBe(true);
    expect(new Set(vi).size).toBe(vi.length);
    expect(anchorsOf('en')).toEqual(vi);
  });

  it('has each role guide, the integrator guide, the FAQ, the glossary and the contact', () => {
    const top = headings(guideMarkdown('vi'))
      .filter((heading) => heading.level === 1)
      .map((heading) => heading.anchor);
    expect(top).toEqual([
      'start',
      'unit-editor',
      'unit-head',
      'agency-staff',
      'integrator',
      'evaluator',
      'approver',
      'admin',
      'viewer',
      'faq',
      'glossary',
      'contact',
    ]);
  });

  it('holds every section the "?" of a page may open', () => {
    for (const language of LANGUAGES) {
      const anchors = anchorsOf(language);
      for (const anchor of mappedAnchors()) expect(anchors).toContain(anchor);
    }
  });

  it('shows a few screenshots, each taken by e2e/guide.spec.ts (make guide)', () => {
    const names = new Set<string>();
    for (const language of LANGUAGES) {
      for (const [, name] of guideMarkdown(language).matchAll(/\]\(screenshots\/([\w.-]+)\)/g)) {
        names.add(name ?? '');
      }
    }
    expect(names.size).toBeGreaterThan(0);
    expect(names.size).toBeLessThanOrEqual(8);
    for (const name of names) expect(screenshotUrl(name), name).toBeDefined();
  });

  it('links only to sections it has', () => {
    for (const language of LANGUAGES) {
      const markdown = guideMarkdown(language);
      const anchors = anchorsOf(language);
      for (const [, target] of markdown.matchAll(/\]\(#([a-z0-9-]+)\)/g)) {
        expect(anchors).toContain(target);
      }
    }
  });
});

describe('one section', () => {
  const markdown = [
    '# Guide {#guide}',
    'intro',
    '## First {#first}',
    'one',
    '```bash',
    '# not a heading {#code}',
    '```',
    '### Detail {#detail}',
    'more',
    '## Second {#second}',
    'two',
  ].join('\n');

  it('runs to the next heading of its level, code blocks and sub-headings included', () => {
    expect(sliceSection(markdown, 'first')).toBe(
      [
        '## First {#first}',
        'one',
        '```bash',
        '# not a heading {#code}',
        '```',
        '### Detail {#detail}',
        'more',
      ].join('\n'),
    );
    expect(sliceSection(markdown, 'second')).toBe('## Second {#second}\ntwo');
    expect(sliceSection(markdown, 'code')).toBeUndefined();
    expect(sliceSection(markdown, 'nowhere')).toBeUndefined();
  });
});

describe('help for a page', () => {
  it('opens the assessment page at the section on entering answers, for unit staff', () => {
    expect(helpSectionFor('/assessment', ['unit_editor'])).toBe('unit-editor-assessment');
    expect(helpSectionFor('/rounds/1/units/Q1/assessment', ['unit_head'])).toBe(
      'unit-editor-assessment',
    );
  });

  it("opens a unit's assessment at the review section for DIC", () => {
    expect(helpSectionFor('/rounds/1/units/Q1/assessment', ['evaluator'])).toBe('evaluator-review');
  });

  it("opens a score run's rankings at the runs or publishing section, the overview at its own", () => {
    expect(helpSectionFor('/rounds/1/score-runs/5', ['evaluator'])).toBe('evaluator-runs');
    expect(helpSectionFor('/rounds/1/score-runs/5', ['approver'])).toBe('approver-publish');
    expect(helpSectionFor('/dashboard', ['viewer'])).toBe('viewer-dashboard');
  });

  it('picks the section by role where a page serves several', () => {
    expect(helpSectionFor('/imports', ['provider'])).toBe('agency-staff-import');
    expect(helpSectionFor('/imports', ['evaluator'])).toBe('evaluator-imports');
    expect(helpSectionFor('/publish', ['approver'])).toBe('approver-publish');
    expect(helpSectionFor('/publish', ['evaluator'])).toBe('evaluator-runs');
  });

  it('maps the administration pages to their sections', () => {
    expect(helpSectionFor('/users', ['admin'])).toBe('admin-users');
    expect(helpSectionFor('/unit-admin/groups', ['admin'])).toBe('admin-units');
    expect(helpSectionFor('/help-contact', ['admin'])).toBe('admin-contact');
  });

  it("falls back to the role's own guide (home, any other page)", () => {
    expect(helpSectionFor('/', ['unit_head'])).toBe('unit-head');
    expect(helpSectionFor('/nowhere', ['viewer'])).toBe('viewer');
    expect(helpSectionFor('/', ['evaluator', 'approver'])).toBe('approver');
  });

  it("takes a person's main role in a fixed order", () => {
    expect(mainRole(['unit_editor', 'unit_head'])).toBe('unit_head');
    expect(mainRole(['viewer', 'admin'])).toBe('admin');
    expect(mainRole([])).toBe('viewer');
    expect(Object.keys(ROLE_GUIDE)).toHaveLength(7);
  });
});
