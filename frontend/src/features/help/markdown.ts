/**
 * The few things the help centre reads in its Markdown: headings with their stable anchors
 * (`## Title {#anchor}`), and one section cut out of the whole guide (for the "?" drawer).
 */

export interface Heading {
  level: number;
  title: string;
  anchor: string;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*(?:\{#([a-z0-9-]+)\})?\s*$/;
const FENCE = /^\s*(```|~~~)/;

/** The guide's headings, in order (those in fenced code blocks are code, not headings). */
export function headings(markdown: string): Heading[] {
  const found: Heading[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) continue;
    const match = HEADING.exec(line);
    if (match?.[1] && match[2] !== undefined) {
      found.push({ level: match[1].length, title: match[2], anchor: match[3] ?? '' });
    }
  }
  return found;
}

/** The anchor written at the end of a heading's text, and the text without it. */
export function splitAnchor(text: string): { title: string; anchor: string | undefined } {
  const match = /^(.*?)\s*\{#([a-z0-9-]+)\}\s*$/.exec(text);
  return match?.[1] !== undefined
    ? { title: match[1], anchor: match[2] }
    : { title: text, anchor: undefined };
}

/** The section under the heading with `anchor`, up to the next heading of the same or a higher
 * level; undefined if no heading has it. */
export function sliceSection(markdown: string, anchor: string): string | undefined {
  const lines = markdown.split('\n');
  let inFence = false;
  let start = -1;
  let level = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence && !FENCE.test(line)) continue;
    const match = inFence ? null : HEADING.exec(line);
    if (!match?.[1]) continue;
    if (start < 0) {
      if (match[3] === anchor) {
        start = index;
        level = match[1].length;
      }
    } else if (match[1].length <= level) {
      return lines.slice(start, index).join('\n').trim();
    }
  }
  return start < 0 ? undefined : lines.slice(start).join('\n').trim();
}
