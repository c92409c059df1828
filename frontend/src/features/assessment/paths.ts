/** Where a unit's assessment in a round is read (DIC) or, for the unit's own staff, edited. */
export function assessmentPath(roundId: number, unitCode: string): string {
  return `/rounds/${roundId}/units/${encodeURIComponent(unitCode)}/assessment`;
}
