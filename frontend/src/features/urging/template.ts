/**
 * Urging templates: `{placeholder}` fields filled for each unit, `{{` and `}}` for a literal brace
 * (the API's rules, `api/urging/service.py`: it checks and fills them the same way when it sends).
 */
import type { components } from '@/api/schema';
import type { Language } from '@/i18n';

type UnitProgress = components['schemas']['UnitProgress'];

/** What a template may name. */
export const PLACEHOLDERS = [
  'unit',
  'unit_code',
  'round',
  'deadline',
  'days_late',
  'answers_left',
  'answered_pct',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type TemplateProblem = { kind: 'braces' } | { kind: 'unknown'; name: string };

type Part = string | { name: string };

function parse(text: string): { parts: Part[]; problem: TemplateProblem | null } {
  const parts: Part[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    const next = text.charAt(index + 1);
    if ((char === '{' && next === '{') || (char === '}' && next === '}')) {
      literal += char;
      index += 2;
    } else if (char === '}') {
      return { parts, problem: { kind: 'braces' } };
    } else if (char === '{') {
      const end = text.indexOf('}', index + 1);
      const name = end === -1 ? null : text.slice(index + 1, end);
      if (name === null || name.includes('{')) return { parts, problem: { kind: 'braces' } };
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
        return { parts, problem: { kind: 'unknown', name } };
      }
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ name });
      index = end + 1;
    } else {
      literal += char;
      index += 1;
    }
  }
  if (literal) parts.push(literal);
  return { parts, problem: null };
}

/** The first thing wrong with a template's text (null: it can be sent). */
export function templateProblem(text: string): TemplateProblem | null {
  return parse(text).problem;
}

/** The text with its placeholders filled (a text with a problem comes back as it is). */
export function renderTemplate(text: string, values: Record<Placeholder, string>): string {
  const { parts, problem } = parse(text);
  if (problem) return text;
  return parts
    .map((part) => (typeof part === 'string' ? part : values[part.name as Placeholder]))
    .join('');
}

function dayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1) / 86_400_000;
}

/** dd/mm/yyyy, as the API writes dates in messages ("—" without one). */
function formatDay(isoDate: string | null): string {
  if (!isoDate) return '—';
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** What each placeholder says for one unit of the progress table, on the table's day. */
export function placeholderValues(
  unit: UnitProgress,
  round: { title_vi: string; title_en: string },
  asOf: string,
  language: Language,
): Record<Placeholder, string> {
  const late = unit.deadline ? Math.max(dayNumber(asOf) - dayNumber(unit.deadline), 0) : 0;
  return {
    unit: unit.unit_name_vi,
    unit_code: unit.unit_code,
    round: language === 'vi' ? round.title_vi : round.title_en,
    deadline: formatDay(unit.deadline),
    days_late: String(late),
    answers_left: String(Math.max(unit.indicators - unit.answered, 0)),
    answered_pct: unit.answered_pct,
  };
}
