import { Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { FieldProblem } from '@/api/types';

import { formatCity, fromCityInput } from '../city-time';
import type { Bound, ScheduleDraft, ScheduleProblem, ScheduledPhase } from '../schedule-form';
import { SCHEDULED_PHASES, scheduleProblems } from '../schedule-form';

interface ScheduleEditorProps {
  draft: ScheduleDraft;
  onChange: (next: ScheduleDraft) => void;
  /** The API's field problems of the last save (`schedule.collecting.ends_at`, …). */
  serverErrors?: readonly FieldProblem[];
  /** Prefix of the inputs' ids (two editors never share a page, but ids stay unique anyway). */
  idPrefix?: string;
}

/**
 * Each phase's start and end, entered and shown in city time (UTC+7) whatever the browser's time
 * zone; the order rules are checked as the user types, and the API's own answer lands on the same
 * inputs.
 */
export function ScheduleEditor({
  draft,
  onChange,
  serverErrors = [],
  idPrefix = 'schedule',
}: ScheduleEditorProps) {
  const { t } = useTranslation();
  const problems = scheduleProblems(draft);

  const message = (problem: ScheduleProblem) => {
    const after = problem.after ? formatCity(fromCityInput(problem.after)) : '';
    const previous = problem.previous ? t(`phases.${problem.previous}`) : '';
    return t(`adminRounds.schedule.problems.${problem.kind}`, { previous, after });
  };
  const help = (phase: ScheduledPhase, bound: Bound): string | undefined => {
    const field = `schedule.${phase}.${bound}`;
    const local = problems.find((problem) => problem.field === field);
    if (local) return message(local);
    const day = bound === 'starts_at' ? 'starts_on' : 'ends_on';
    return serverErrors.find((error) => [field, `schedule.${phase}.${day}`].includes(error.field))
      ?.message;
  };

  const set = (phase: ScheduledPhase, bound: Bound, value: string) =>
    onChange({ ...draft, [phase]: { ...draft[phase], [bound]: value } });

  return (
    <Flex vertical gap="small">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('adminRounds.schedule.cityTime')}
      </Typography.Paragraph>
      {SCHEDULED_PHASES.map((phase) => (
        <fieldset key={phase} className="schedule-phase">
          <legend>{t(`phases.${phase}`)}</legend>
          <Flex wrap gap="middle">
            {(['starts_at', 'ends_at'] as const).map((bound) => {
              const id = `${idPrefix}-${phase}-${bound}`;
              const error = help(phase, bound);
              return (
                <Form.Item
                  key={bound}
                  label={t(`adminRounds.schedule.${bound === 'starts_at' ? 'starts' : 'ends'}`)}
                  htmlFor={id}
                  validateStatus={error ? 'error' : undefined}
                  help={error}
                  style={{ marginBottom: 8, minWidth: 240 }}
                >
                  <Input
                    id={id}
                    type="datetime-local"
                    value={draft[phase][bound]}
                    aria-invalid={error ? true : undefined}
                    onChange={(event) => set(phase, bound, event.target.value)}
                  />
                </Form.Item>
              );
            })}
          </Flex>
        </fieldset>
      ))}
    </Flex>
  );
}

/** Whether the draft may be sent (the API checks again). */
export function scheduleIsValid(draft: ScheduleDraft): boolean {
  return scheduleProblems(draft).length === 0;
}
