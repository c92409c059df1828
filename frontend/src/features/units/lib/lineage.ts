/**
 * A unit's lineage laid out for drawing: each unit in a column by generation (its ancestors to
 * the left, the units that replaced it to the right), and the links between them; and the same
 * lineage as dated events, for the text that goes with the drawing.
 */
import type { Unit } from '@/api/types';

import type { LineageLink, UnitHistory } from '../api/admin';

export interface LineageNode {
  unit: Unit;
  /** Generations from the unit: negative for ancestors, 0 for the unit, positive after it. */
  generation: number;
  /** Position within its column, from the top. */
  row: number;
  current: boolean;
}

export interface LineageLayout {
  nodes: LineageNode[];
  links: LineageLink[];
  /** The leftmost and rightmost generations. */
  first: number;
  last: number;
  /** The most units in one column. */
  height: number;
}

/** Place every unit of the history in a column by its distance (in links) from the unit. */
export function lineageLayout(history: UnitHistory): LineageLayout {
  const units = new Map<string, Unit>();
  for (const unit of [history.unit, ...history.ancestors, ...history.descendants]) {
    units.set(unit.code, unit);
  }
  const generation = new Map<string, number>([[history.unit.code, 0]]);
  // Walk the links outward from the unit: up through predecessors, down through successors.
  for (const [step, from, to] of [
    [-1, 'successor_code', 'predecessor_code'],
    [1, 'predecessor_code', 'successor_code'],
  ] as const) {
    let frontier = [history.unit.code];
    let depth = 0;
    while (frontier.length > 0) {
      depth += step;
      const next: string[] = [];
      for (const link of history.links) {
        if (frontier.includes(link[from]) && !generation.has(link[to]) && units.has(link[to])) {
          generation.set(link[to], depth);
          next.push(link[to]);
        }
      }
      frontier = next;
    }
  }
  const columns = new Map<number, Unit[]>();
  for (const [code, column] of generation) {
    const unit = units.get(code);
    if (!unit) continue;
    columns.set(column, [...(columns.get(column) ?? []), unit]);
  }
  const nodes: LineageNode[] = [];
  for (const [column, members] of columns) {
    members
      .sort((a, b) => a.code.localeCompare(b.code))
      .forEach((unit, row) => {
        nodes.push({ unit, generation: column, row, current: unit.code === history.unit.code });
      });
  }
  const generations = [...columns.keys()];
  return {
    nodes: nodes.sort((a, b) => a.generation - b.generation || a.row - b.row),
    links: history.links.filter(
      (link) => generation.has(link.predecessor_code) && generation.has(link.successor_code),
    ),
    first: Math.min(...generations),
    last: Math.max(...generations),
    height: Math.max(...[...columns.values()].map((members) => members.length)),
  };
}

export interface LineageEvent {
  /** The day it took effect, when known. */
  date: string | null;
  successor: string;
  parts: { code: string; share: LineageLink['share'] }[];
}

/** The links as events, oldest first: on a day, a unit took over these units, whole or in part. */
export function lineageEvents(links: readonly LineageLink[]): LineageEvent[] {
  const events = new Map<string, LineageEvent>();
  for (const link of links) {
    const key = `${link.effective_on ?? ''}|${link.successor_code}`;
    const event = events.get(key) ?? {
      date: link.effective_on ?? null,
      successor: link.successor_code,
      parts: [],
    };
    event.parts.push({ code: link.predecessor_code, share: link.share });
    events.set(key, event);
  }
  return [...events.values()]
    .map((event) => ({ ...event, parts: event.parts.sort((a, b) => a.code.localeCompare(b.code)) }))
    .sort(
      (a, b) =>
        (a.date ?? '').localeCompare(b.date ?? '') || a.successor.localeCompare(b.successor),
    );
}
