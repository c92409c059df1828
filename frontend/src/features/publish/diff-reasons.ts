/** Why an indicator moved between two runs, in words (the API gives the reason's kind and values). */
import type { TFunction } from 'i18next';

import type { Language } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { DiffReason } from './api/publish';

interface Adjustment {
  points: string;
  reason?: string | null;
}

function isAdjustment(value: unknown): value is Adjustment {
  return typeof value === 'object' && value !== null && 'points' in value;
}

/** An input's value as the unit or provider gave it: yes/no, a number, a text, or "empty". */
export function valueText(value: unknown, t: TFunction, language: Language): string {
  if (value === null || value === undefined || value === '') return t('publish.diff.noValue');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return formatPoints(String(value), language);
  if (typeof value === 'string') {
    return /^-?\d+(\.\d+)?$/.test(value) ? formatPoints(value, language) : value;
  }
  return JSON.stringify(value);
}

function sourceText(source: string | null | undefined, t: TFunction): string {
  return source ? t(`sources.${source}`, { defaultValue: source }) : t('publish.diff.noValue');
}

/** One reason as a sentence. */
export function reasonText(reason: DiffReason, t: TFunction, language: Language): string {
  switch (reason.kind) {
    case 'input': {
      const text = t('publish.diff.reasons.input', {
        name: reason.input_name ?? '',
        element: reason.element_code ?? '',
        before: valueText(reason.before, t, language),
        after: valueText(reason.after, t, language),
      });
      if (reason.source_before === reason.source_after) return text;
      const source = t('publish.diff.reasons.inputSource', {
        before: sourceText(reason.source_before, t),
        after: sourceText(reason.source_after, t),
      });
      return `${text}; ${source}`;
    }
    case 'adjustment': {
      const before = isAdjustment(reason.before) ? reason.before : null;
      const after = isAdjustment(reason.after) ? reason.after : null;
      let text: string;
      if (before && after) {
        text = t('publish.diff.reasons.adjustmentChanged', {
          before: formatPoints(before.points, language),
          after: formatPoints(after.points, language),
        });
      } else if (after) {
        text = t('publish.diff.reasons.adjustmentAdded', {
          points: formatPoints(after.points, language),
        });
      } else {
        text = t('publish.diff.reasons.adjustmentRemoved', {
          points: formatPoints(before?.points ?? '', language),
        });
      }
      return after?.reason
        ? `${text} (${t('publish.diff.reasons.adjustmentReason', { reason: after.reason })})`
        : text;
    }
    case 'applicability':
      return reason.after === false
        ? t('publish.diff.reasons.notApplicable')
        : t('publish.diff.reasons.applicable');
    case 'rule':
      return t('publish.diff.reasons.rule', {
        before: t(`ruleKinds.${String(reason.before)}`, { defaultValue: String(reason.before) }),
        after: t(`ruleKinds.${String(reason.after)}`, { defaultValue: String(reason.after) }),
      });
    case 'added':
      return t('publish.diff.reasons.added');
    case 'removed':
      return t('publish.diff.reasons.removed');
    case 'group':
      return t('publish.diff.reasons.group');
    default:
      return t('publish.diff.reasons.other', { kind: reason.kind });
  }
}
