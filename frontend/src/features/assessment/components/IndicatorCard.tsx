import {
  HistoryOutlined,
  LockOutlined,
  PaperClipOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Button, Card, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { Answer, Criterion, DataElement, MissingItem } from '@/api/types';
import { describeRule } from '@/features/frameworks';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { AnswerEditor } from '../use-answer-editor';
import type { InputText } from '../values';
import { lastSaved, ratioPercent, selfInputNames, toInputText } from '../values';

import { AnswerInput } from './AnswerInput';
import { EvidencePanel } from './EvidencePanel';
import { IndicatorGuidance } from './IndicatorGuidance';
import { ReviewNote } from './ReviewNote';
import { SaveState } from './SaveState';
import { SuppliedFigure } from './SuppliedFigure';

interface IndicatorCardProps {
  roundId: number;
  unitCode: string;
  indicator: Criterion;
  answer: Answer;
  elements: ReadonlyMap<string, DataElement>;
  missing: readonly MissingItem[];
  editable: boolean;
  editor: AnswerEditor;
  providerName: (code: string) => string | undefined;
  onShowHistory: (code: string) => void;
  /** Shown under the answer: the comment thread, and DIC's decision form. */
  children?: ReactNode;
}

/** The DOM id of an indicator's section, for links from the missing list. */
export function indicatorAnchor(code: string): string {
  return `indicator-${code}`;
}

/** One indicator: how it is scored, its inputs (or the agencies' figures), note, evidence, state. */
export function IndicatorCard({
  roundId,
  unitCode,
  indicator,
  answer,
  elements,
  missing,
  editable,
  editor,
  providerName,
  onShowHistory,
  children,
}: IndicatorCardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const code = indicator.code;
  const entry = editor.entryOf(code);
  const [noteOpen, setNoteOpen] = useState(false);
  const selfNames = selfInputNames(answer);
  const entersItself = selfNames.length > 0;
  const headingId = `indicator-title-${code}`;
  const rule = indicator.rule;

  const typeOf = (name: string) =>
    indicator.inputs.find((input) => input.name === name)?.value_type ?? 'text';
  const valueOf = (name: string): InputText =>
    entry.draft?.inputs[name] ?? toInputText(answer.inputs[name], typeOf(name), language);
  const choiceElement = elements.get(
    indicator.inputs.find((input) => 'input' in rule && input.name === rule.input)?.element_code ??
      '',
  );
  const optionLabel = (value: string) => {
    const option = choiceElement?.options?.find((candidate) => candidate.value === value);
    return option ? localized(language, option.label_vi, option.label_en) : undefined;
  };
  const inputLabel = (name: string, elementName: string) => {
    if (rule.kind === 'ratio' && name === rule.numerator)
      return t('assessment.numerator', { name, label: elementName });
    if (rule.kind === 'ratio' && name === rule.denominator)
      return t('assessment.denominator', { name, label: elementName });
    return indicator.inputs.length > 1 ? `${name}: ${elementName}` : elementName;
  };
  const share = ratioPercent(
    rule,
    Object.fromEntries(indicator.inputs.map((input) => [input.name, valueOf(input.name)])),
  );
  const note = entry.draft?.note ?? answer.note ?? '';
  const showNote = note !== '' || noteOpen;
  const fieldErrors = entry.status.kind === 'error' ? entry.status.fields : {};
  const otherErrors = Object.entries(fieldErrors).filter(
    ([name]) => name !== 'note' && !selfNames.includes(name),
  );

  return (
    <section id={indicatorAnchor(code)} className="indicator" aria-labelledby={headingId}>
      <Card size="small">
        <div className="indicator-head">
          <h3 id={headingId} className="indicator-title">
            <span className="criterion-code">{code}</span>{' '}
            {localized(language, indicator.name_vi, indicator.name_en)}
          </h3>
          <Space wrap size={4} className="indicator-tags">
            <Tag className="points-tag" data-testid={`points-${code}`}>
              {t('assessment.pointsOf', {
                points: formatPoints(answer.points, language),
                max: formatPoints(answer.max_points, language),
              })}
            </Tag>
            {!entersItself ? (
              <Tag icon={<LockOutlined aria-hidden />}>{t('assessment.suppliedTag')}</Tag>
            ) : null}
            {entersItself && answer.evidence_required ? (
              <Tag icon={<PaperClipOutlined aria-hidden />}>
                {t('assessment.evidenceRequiredTag')}
              </Tag>
            ) : null}
          </Space>
        </div>

        <div className="indicator-rule">
          <span className="indicator-rule-label">{t('assessment.scoring')}</span>{' '}
          {describeRule(rule, t, language, optionLabel).join(' ')}
        </div>
        <IndicatorGuidance guidance={indicator.guidance} />

        {missing.length > 0 ? (
          <ul className="indicator-missing">
            {missing.map((item) => (
              <li key={item.field}>
                <WarningOutlined aria-hidden /> {item.message}
              </li>
            ))}
          </ul>
        ) : null}
        {answer.review ? <ReviewNote review={answer.review} /> : null}

        <Form layout="vertical" component={false}>
          <div className="indicator-inputs">
            {indicator.inputs.map((input) => {
              const state = answer.input_states[input.name];
              const element = elements.get(input.element_code);
              const label = inputLabel(
                input.name,
                element
                  ? localized(language, element.name_vi, element.name_en)
                  : input.element_code,
              );
              if (!state || state.read_only) {
                return state ? (
                  <SuppliedFigure
                    key={input.name}
                    label={label}
                    value={answer.inputs[input.name]}
                    state={state}
                    element={element}
                    providerName={
                      state.provider_code ? providerName(state.provider_code) : undefined
                    }
                  />
                ) : null;
              }
              const id = `answer-${code}-${input.name}`;
              const error = fieldErrors[input.name];
              return (
                <Form.Item
                  key={input.name}
                  label={<span id={`${id}-label`}>{label}</span>}
                  htmlFor={id}
                  validateStatus={error ? 'error' : undefined}
                  help={error ? <span id={`${id}-error`}>{error}</span> : undefined}
                  className="answer-field"
                >
                  <AnswerInput
                    id={id}
                    labelId={`${id}-label`}
                    describedBy={error ? `${id}-error` : undefined}
                    type={input.value_type}
                    element={element}
                    optionPoints={
                      rule.kind === 'choice' && rule.input === input.name ? rule.points : undefined
                    }
                    value={valueOf(input.name)}
                    disabled={!editable}
                    invalid={Boolean(error)}
                    onChange={(value, immediate) =>
                      editor.change(code, { inputs: { [input.name]: value } }, immediate)
                    }
                    onBlur={() => editor.flush(code)}
                  />
                </Form.Item>
              );
            })}
          </div>
          {share !== null ? (
            <div className="ratio-line" data-testid={`ratio-${code}`}>
              {t('assessment.ratioNow', { percent: formatPoints(share.toFixed(2), language) })}
            </div>
          ) : null}
          {entersItself && showNote ? (
            <Form.Item
              label={t('assessment.note')}
              htmlFor={`note-${code}`}
              className="answer-field"
              validateStatus={fieldErrors.note ? 'error' : undefined}
              help={
                fieldErrors.note ? (
                  <span id={`note-${code}-error`}>{fieldErrors.note}</span>
                ) : undefined
              }
            >
              <Input.TextArea
                id={`note-${code}`}
                aria-invalid={fieldErrors.note ? true : undefined}
                aria-describedby={fieldErrors.note ? `note-${code}-error` : undefined}
                disabled={!editable}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={4000}
                value={note}
                onChange={(event) => editor.change(code, { note: event.target.value })}
                onBlur={() => editor.flush(code)}
              />
            </Form.Item>
          ) : null}
          {otherErrors.length > 0 ? (
            <ul className="indicator-errors">
              {otherErrors.map(([name, message]) => (
                <li key={name}>{message}</li>
              ))}
            </ul>
          ) : null}
        </Form>

        {entersItself ? (
          <EvidencePanel
            roundId={roundId}
            unitCode={unitCode}
            indicatorCode={code}
            files={answer.evidence}
            editable={editable}
            editor={editor}
          />
        ) : null}

        <div className="indicator-foot">
          {entersItself ? (
            <SaveState
              status={entry.status}
              lastSaved={lastSaved(answer)}
              onRetry={() => editor.retry(code)}
              onDiscard={() => editor.discard(code)}
            />
          ) : (
            <span />
          )}
          <Space size="small" wrap>
            {entersItself && editable && !showNote ? (
              <Button size="small" type="link" onClick={() => setNoteOpen(true)}>
                {t('assessment.addNote')}
              </Button>
            ) : null}
            <Button
              size="small"
              type="link"
              icon={<HistoryOutlined aria-hidden />}
              aria-label={t('assessment.historyOf', { code })}
              onClick={() => onShowHistory(code)}
            >
              {t('assessment.history')}
            </Button>
          </Space>
        </div>
        {children ? <div className="indicator-review">{children}</div> : null}
      </Card>
    </section>
  );
}
