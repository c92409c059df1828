import { describe, expect, it } from 'vitest';

import { cityDay, formatCity, fromCityInput, toCityInput } from './city-time';
import { draftOf, emptyDraft, scheduleBody, scheduleProblems } from './schedule-form';

describe('city time', () => {
  it('shows a UTC instant as the wall clock in Ho Chi Minh City (UTC+7)', () => {
    expect(toCityInput('2025-04-01T01:00:00Z')).toBe('2025-04-01T08:00');
    expect(toCityInput('2025-11-30T16:59:59Z')).toBe('2025-11-30T23:59:59');
    // Across midnight: 20:00 UTC is 03:00 the next day in the city.
    expect(toCityInput('2025-12-31T20:00:00Z')).toBe('2026-01-01T03:00');
    expect(toCityInput('2025-04-01T08:00:00+07:00')).toBe('2025-04-01T08:00');
    expect(toCityInput(null)).toBe('');
    expect(toCityInput('not a time')).toBe('');
  });

  it('takes the wall clock in the city back to UTC', () => {
    expect(fromCityInput('2025-04-01T08:00')).toBe('2025-04-01T01:00:00Z');
    expect(fromCityInput('2026-01-01T03:00')).toBe('2025-12-31T20:00:00Z');
    expect(fromCityInput('2025-12-01T00:00')).toBe('2025-11-30T17:00:00Z');
    expect(fromCityInput('2025-11-30T23:59:59')).toBe('2025-11-30T16:59:59Z');
    for (const value of ['', '2025-02-30T08:00', '2025-13-01T08:00', '2025-04-01T24:30', 'x']) {
      expect(fromCityInput(value)).toBeNull();
    }
  });

  it('round-trips whatever the browser time zone (no Date parsing of wall clocks)', () => {
    for (const iso of ['2025-04-01T01:00:00Z', '2024-02-29T17:00:00Z', '2025-11-30T16:59:59Z']) {
      expect(fromCityInput(toCityInput(iso))).toBe(iso);
    }
  });

  it('formats for reading', () => {
    expect(formatCity('2025-11-30T10:00:00Z')).toBe('30/11/2025 17:00');
    expect(formatCity(undefined)).toBe('');
    expect(cityDay('2025-11-30T17:30:00Z')).toBe('2025-12-01');
  });
});

describe('schedule form', () => {
  it('sends the phases with a date, in UTC', () => {
    const draft = emptyDraft();
    draft.collecting = { starts_at: '2025-04-01T08:00', ends_at: '2025-11-30T17:00' };
    draft.published.starts_at = '2026-01-20T09:00';
    expect(scheduleBody(draft)).toEqual({
      collecting: { starts_at: '2025-04-01T01:00:00Z', ends_at: '2025-11-30T10:00:00Z' },
      published: { starts_at: '2026-01-20T02:00:00Z', ends_at: null },
    });
  });

  it("reads a round's schedule into the form", () => {
    const draft = draftOf({
      collecting: {
        starts_at: '2025-03-31T17:00:00Z',
        ends_at: null,
        starts_on: '2025-04-01',
        ends_on: null,
      },
    });
    expect(draft.collecting).toEqual({ starts_at: '2025-04-01T00:00', ends_at: '' });
    expect(draft.final).toEqual({ starts_at: '', ends_at: '' });
  });

  it('names every bound out of order with the API field', () => {
    const draft = emptyDraft();
    draft.collecting = { starts_at: '2025-04-01T08:00', ends_at: '2025-03-01T08:00' };
    draft.reviewing = { starts_at: '2025-02-01T08:00', ends_at: '' };
    draft.final = { starts_at: '2025-02-01T08:00', ends_at: '2025-02-01T08:00' };
    expect(scheduleProblems(draft)).toEqual([
      { field: 'schedule.collecting.ends_at', kind: 'order', phase: 'collecting' },
      {
        field: 'schedule.reviewing.starts_at',
        kind: 'overlap',
        phase: 'reviewing',
        previous: 'collecting',
        after: '2025-03-01T08:00',
      },
      { field: 'schedule.final.ends_at', kind: 'order', phase: 'final' },
    ]);
  });

  it('lets a phase start as the one before ends, and follows a start without an end', () => {
    const draft = emptyDraft();
    draft.collecting = { starts_at: '2025-04-01T08:00', ends_at: '2025-11-30T17:00' };
    draft.reviewing = { starts_at: '2025-11-30T17:00', ends_at: '' };
    expect(scheduleProblems(draft)).toEqual([]);
    draft.preliminary = { starts_at: '2025-11-30T16:00', ends_at: '' };
    expect(scheduleProblems(draft)).toEqual([
      {
        field: 'schedule.preliminary.starts_at',
        kind: 'sequence',
        phase: 'preliminary',
        previous: 'reviewing',
        after: '2025-11-30T17:00',
      },
    ]);
  });
});
