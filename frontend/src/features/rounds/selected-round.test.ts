import { describe, expect, it } from 'vitest';

import { demoRound } from '@/test/fixtures';

import { defaultRound } from './selected-round';

const round = (id: number, year: number, extra: Partial<typeof demoRound> = {}) => ({
  ...demoRound,
  id,
  year,
  ...extra,
});

describe('defaultRound', () => {
  it("opens a unit's staff on the newest real round their unit takes part in", () => {
    const rounds = [
      round(4, 2025, { takes_part: false }),
      round(1, 2024, { takes_part: true }),
      round(2, 2023, { takes_part: true }),
      round(9, 2024, { takes_part: true, is_practice: true }),
    ];
    expect(defaultRound(rounds)?.id).toBe(1);
  });

  it('opens DIC (no unit) on the newest real round, never a practice one', () => {
    const rounds = [
      round(9, 2026, { takes_part: null, is_practice: true }),
      round(4, 2025, { takes_part: null }),
      round(1, 2024, { takes_part: null }),
    ];
    expect(defaultRound(rounds)?.id).toBe(4);
  });

  it('falls back to the newest real round when the unit takes part in none', () => {
    const rounds = [round(4, 2025, { takes_part: false }), round(1, 2024, { takes_part: false })];
    expect(defaultRound(rounds)?.id).toBe(4);
    expect(defaultRound([])).toBeUndefined();
  });
});
