import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY, localProblem } from './password';

describe("the new password's own checks", () => {
  it('counts characters as the API does, from the minimum to the maximum', () => {
    expect(localProblem('abc-def-ghi', DEFAULT_POLICY)).toBe('profile.tooShort');
    expect(localProblem('abc-def-ghij', DEFAULT_POLICY)).toBeNull();
    // Vietnamese letters and emoji are one character each, not two UTF-16 units.
    expect(localProblem('ôđêăâơưộ', { min_length: 8, max_length: 128 })).toBeNull();
    expect(localProblem('🌸'.repeat(8), { min_length: 8, max_length: 8 })).toBeNull();
    expect(localProblem('x'.repeat(129), DEFAULT_POLICY)).toBe('profile.tooLong');
  });
});
