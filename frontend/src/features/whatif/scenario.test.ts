import { describe, expect, it } from 'vitest';

import type { Criterion } from '@/api/types';
import { criteria, demoRound } from '@/test/fixtures';

import {
  NO_EDITS,
  defaultRound,
  editCount,
  maxEditable,
  rankMove,
  scenarioBody,
  withEdit,
} from './scenario';

describe('the what-if scenario', () => {
  it('sends only the criteria edited, and forgets a cleared one', () => {
    let edits = withEdit(NO_EDITS, '1', 'weight', 2);
    edits = withEdit(edits, '8.1', 'max', 300);
    expect(editCount(edits)).toBe(2);
    expect(scenarioBody(3, edits)).toEqual({
      framework_id: 3,
      weights: { '1': 2 },
      max_points: { '8.1': 300 },
    });
    edits = withEdit(edits, '8.1', 'max', null);
    expect(scenarioBody(3, edits)).toEqual({ framework_id: 3, weights: { '1': 2 } });
    expect(scenarioBody(2, NO_EDITS)).toEqual({ framework_id: 2 });
  });

  it('lets an inner max be one number only where the round’s groups agree', () => {
    const [awareness, economy] = criteria as [Criterion, Criterion];
    const indicator = awareness.children[0] as Criterion;
    expect(maxEditable(awareness, ['SBN', 'QH'])).toBe(true);
    expect(maxEditable(economy, ['SBN', 'QH'])).toBe(true); // QH alone has it
    const differs = { ...awareness, max_points_by_group: { SBN: '250', QH: '200' } };
    expect(maxEditable(differs, ['SBN', 'QH'])).toBe(false);
    expect(maxEditable(differs, ['QH'])).toBe(true);
    expect(maxEditable({ ...differs, max_points_by_group: { SBN: '0' } }, ['SBN'])).toBe(false);
    expect(maxEditable(indicator, ['SBN'])).toBe(true);
  });

  it('starts from the newest published round', () => {
    const published = { ...demoRound, id: 2, phase: 'published' as const };
    expect(defaultRound([demoRound, published])?.id).toBe(2);
    expect(defaultRound([demoRound])?.id).toBe(1);
    expect(defaultRound([])).toBeUndefined();
  });

  it('prefers a round of the framework’s groups (not the City’s provincial figures)', () => {
    const province = {
      ...demoRound,
      id: 3,
      year: 2022,
      phase: 'published' as const,
      groups: ['TP'],
    };
    const published = { ...demoRound, id: 2, year: 2022, phase: 'published' as const };
    expect(defaultRound([demoRound, province, published], ['SBN', 'QH'])?.id).toBe(2);
    expect(defaultRound([demoRound, province, published], ['TP'])?.id).toBe(3);
    expect(defaultRound([demoRound, province, published])?.id).toBe(3);
  });

  it('reads a rank change as an arrow', () => {
    expect(rankMove(2)).toEqual({ kind: 'up', by: 2 });
    expect(rankMove(-3)).toEqual({ kind: 'down', by: 3 });
    expect(rankMove(0)).toEqual({ kind: 'same' });
    expect(rankMove(null)).toEqual({ kind: 'none' });
  });
});
