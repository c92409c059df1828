import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Input,
  Radio,
  Select,
  Space,
  Steps,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { ApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { unitPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';

import { useReorganise } from '../api/admin';
import type { UnitKind } from '../api/admin';
import { useUnitGroups } from '../api/units';
import { UnitSelect } from '../components/UnitSelect';
import {
  closes,
  describeField,
  emptySuccessor,
  initialState,
  lastDay,
  missingOnStep,
  stepOfField,
  toRequest,
} from '../lib/reorganisation';
import type { ChangeKind, SuccessorDraft, WizardState } from '../lib/reorganisation';
import { roundsInProblem } from '../lib/rounds-problem';
import { UNIT_KINDS, unitKindLabel } from '../unit-kinds';

/**
 * The merger/split wizard: 1. what changes and the predecessors (each whole or part), 2. the
 * effective date and the successor(s), new or existing, 3. review and record, all at once.
 */
export default function ReorganisePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const groups = useUnitGroups();
  const reorganise = useReorganise();
  const [state, setState] = useState<WizardState>(initialState());
  const [step, setStep] = useState(0);
  const [confirmed, setConfirmed] = useState(false);
  const [shown, setShown] = useState<number[]>([]);
  const rounds = roundsInProblem(reorganise.error);
  const fieldProblems = reorganise.error instanceof ApiError ? reorganise.error.fieldErrors : [];
  const stepsWithProblems = new Set(fieldProblems.map((problem) => stepOfField(problem.field)));
  const missing = missingOnStep(state, step);

  const change = (next: Partial<WizardState>) => {
    setState((current) => ({ ...current, ...next }));
    reorganise.reset();
    setConfirmed(false);
  };
  const setKind = (kind: ChangeKind) => {
    const fresh = initialState(kind);
    change({
      kind,
      successors: fresh.successors,
      predecessors: state.predecessors.slice(0, kind === 'split' ? 1 : undefined),
    });
  };
  const setSuccessor = (index: number, successor: SuccessorDraft) =>
    change({ successors: state.successors.map((item, at) => (at === index ? successor : item)) });

  /** Forward only past complete steps: stop at the first with something missing. */
  const goTo = (next: number) => {
    for (let at = step; at < next; at += 1) {
      if (missingOnStep(state, at).length > 0) {
        setShown((seen) => [...new Set([...seen, at])]);
        setStep(at);
        return;
      }
    }
    setStep(next);
  };

  const submit = () => {
    reorganise.mutate(toRequest(state, confirmed), {
      onSuccess: (outcome) => {
        const target =
          state.kind === 'merger' ? outcome.successors[0]?.code : outcome.predecessors[0]?.code;
        if (target) void navigate(unitPath(target), { state: { recorded: state.kind } });
      },
    });
  };

  const predecessorsStep = (
    <Flex vertical gap="middle">
      <Radio.Group
        aria-label={t('adminUnits.wizard.kind')}
        value={state.kind}
        optionType="button"
        onChange={(event) => setKind(event.target.value as ChangeKind)}
        options={[
          { value: 'merger', label: t('adminUnits.wizard.merger') },
          { value: 'split', label: t('adminUnits.wizard.split') },
        ]}
      />
      <Typography.Paragraph type="secondary">
        {t(
          state.kind === 'merger' ? 'adminUnits.wizard.mergerHelp' : 'adminUnits.wizard.splitHelp',
        )}
      </Typography.Paragraph>
      {state.predecessors.map((predecessor, index) => (
        <Card
          key={predecessor.code}
          size="small"
          title={`${t('adminUnits.wizard.predecessorN', { n: index + 1 })}: ${predecessor.code}`}
          extra={
            <Button
              size="small"
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t('adminUnits.wizard.remove', { code: predecessor.code })}
              onClick={() =>
                change({ predecessors: state.predecessors.filter((_, at) => at !== index) })
              }
            />
          }
        >
          <Space wrap size="large">
            <Radio.Group
              aria-label={t('adminUnits.wizard.shareOf', { code: predecessor.code })}
              value={state.kind === 'split' ? 'part' : predecessor.share}
              disabled={state.kind === 'split'}
              onChange={(event) =>
                change({
                  predecessors: state.predecessors.map((item, at) =>
                    at === index
                      ? { ...item, share: event.target.value as 'whole' | 'part', close: null }
                      : item,
                  ),
                })
              }
              options={[
                { value: 'whole', label: t('adminUnits.wizard.whole') },
                { value: 'part', label: t('adminUnits.wizard.part') },
              ]}
            />
            <Checkbox
              checked={closes(state.kind, predecessor)}
              disabled={state.kind === 'merger' && predecessor.share === 'whole'}
              onChange={(event) =>
                change({
                  predecessors: state.predecessors.map((item, at) =>
                    at === index ? { ...item, close: event.target.checked } : item,
                  ),
                })
              }
            >
              {t('adminUnits.wizard.closeIt')}
            </Checkbox>
          </Space>
        </Card>
      ))}
      {state.kind === 'merger' || state.predecessors.length === 0 ? (
        <div>
          <label className="field-label" htmlFor="add-predecessor">
            {t('adminUnits.wizard.addPredecessor')}
          </label>
          <UnitSelect
            id="add-predecessor"
            ariaLabel={t('adminUnits.wizard.addPredecessor')}
            value={null}
            exclude={state.predecessors.map((item) => item.code)}
            onChange={(code) => {
              if (code)
                change({
                  predecessors: [
                    ...state.predecessors,
                    { code, share: state.kind === 'split' ? 'part' : 'whole', close: null },
                  ],
                });
            }}
          />
        </div>
      ) : null}
    </Flex>
  );

  const successorCard = (successor: SuccessorDraft, index: number) => (
    <Card
      key={index}
      size="small"
      title={t('adminUnits.wizard.successorN', { n: index + 1 })}
      extra={
        state.kind === 'split' && state.successors.length > 2 ? (
          <Button
            size="small"
            icon={<DeleteOutlined aria-hidden />}
            aria-label={t('adminUnits.wizard.removeSuccessor', { n: index + 1 })}
            onClick={() => change({ successors: state.successors.filter((_, at) => at !== index) })}
          />
        ) : undefined
      }
    >
      <Flex vertical gap="small">
        <Radio.Group
          aria-label={t('adminUnits.wizard.successorMode', { n: index + 1 })}
          value={successor.mode}
          onChange={(event) =>
            setSuccessor(
              index,
              event.target.value === 'new' ? emptySuccessor() : { mode: 'existing', code: '' },
            )
          }
          options={[
            { value: 'new', label: t('adminUnits.wizard.newUnit') },
            { value: 'existing', label: t('adminUnits.wizard.existingUnit') },
          ]}
        />
        {successor.mode === 'existing' ? (
          <UnitSelect
            ariaLabel={t('adminUnits.wizard.existingOf', { n: index + 1 })}
            value={successor.code || null}
            exclude={state.predecessors.map((item) => item.code)}
            onChange={(code) => setSuccessor(index, { mode: 'existing', code: code ?? '' })}
          />
        ) : (
          <div className="successor-grid">
            {(['code', 'name_vi', 'name_en'] as const).map((name) => (
              <label key={name} className="field">
                <span className="field-label">
                  {t(
                    name === 'code'
                      ? 'adminUnits.fields.code'
                      : name === 'name_vi'
                        ? 'adminUnits.fields.nameVi'
                        : 'adminUnits.fields.nameEn',
                  )}
                </span>
                <Input
                  value={successor[name]}
                  maxLength={name === 'code' ? 32 : 255}
                  onChange={(event) =>
                    setSuccessor(index, { ...successor, [name]: event.target.value })
                  }
                />
              </label>
            ))}
            <label className="field">
              <span className="field-label">{t('adminUnits.fields.kind')}</span>
              <Select<UnitKind>
                value={successor.kind}
                onChange={(kind) => setSuccessor(index, { ...successor, kind })}
                options={UNIT_KINDS.map((kind) => ({ value: kind, label: unitKindLabel(kind, t) }))}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('adminUnits.fields.parent')}</span>
              <UnitSelect
                allowClear
                ariaLabel={t('adminUnits.fields.parent')}
                value={successor.parent_code}
                onChange={(code) => setSuccessor(index, { ...successor, parent_code: code })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('adminUnits.fields.groups')}</span>
              <Select<string[]>
                mode="multiple"
                value={successor.groups}
                onChange={(codes) => setSuccessor(index, { ...successor, groups: codes })}
                options={(groups.data ?? []).map((group) => ({
                  value: group.code,
                  label: `${group.code} – ${localized(language, group.name_vi, group.name_en)}`,
                }))}
              />
            </label>
          </div>
        )}
      </Flex>
    </Card>
  );

  const successorsStep = (
    <Flex vertical gap="middle">
      <div>
        <label className="field-label" htmlFor="effective-on">
          {t('adminUnits.wizard.effectiveOn')}
        </label>
        <Input
          id="effective-on"
          type="date"
          className="date-input"
          value={state.effectiveOn}
          onChange={(event) => change({ effectiveOn: event.target.value })}
        />
        <Typography.Paragraph type="secondary">
          {t('adminUnits.wizard.effectiveHelp')}
        </Typography.Paragraph>
      </div>
      {state.successors.map(successorCard)}
      {state.kind === 'split' ? (
        <Button
          icon={<PlusOutlined aria-hidden />}
          onClick={() => change({ successors: [...state.successors, emptySuccessor()] })}
        >
          {t('adminUnits.wizard.addSuccessor')}
        </Button>
      ) : null}
    </Flex>
  );

  const reviewStep = (
    <Flex vertical gap="middle">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('adminUnits.wizard.kind')}>
          {t(state.kind === 'merger' ? 'adminUnits.wizard.merger' : 'adminUnits.wizard.split')}
        </Descriptions.Item>
        <Descriptions.Item label={t('adminUnits.wizard.effectiveOn')}>
          {formatDate(state.effectiveOn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('adminUnits.wizard.predecessorsTitle')}>
          <ul className="plain-list">
            {state.predecessors.map((predecessor) => (
              <li key={predecessor.code}>
                {predecessor.code} –{' '}
                {t(
                  state.kind === 'split' || predecessor.share === 'part'
                    ? 'adminUnits.wizard.part'
                    : 'adminUnits.wizard.whole',
                )}
                {closes(state.kind, predecessor)
                  ? `; ${t('adminUnits.wizard.closesOn', { date: formatDate(lastDay(state.effectiveOn)) })}`
                  : `; ${t('adminUnits.wizard.staysOpen')}`}
              </li>
            ))}
          </ul>
        </Descriptions.Item>
        <Descriptions.Item label={t('adminUnits.wizard.successorsTitle')}>
          <ul className="plain-list">
            {state.successors.map((successor, index) => (
              <li key={index}>
                {successor.mode === 'new'
                  ? t('adminUnits.wizard.newNamed', {
                      code: successor.code,
                      name: successor.name_vi,
                    })
                  : t('adminUnits.wizard.existingNamed', { code: successor.code })}
              </li>
            ))}
          </ul>
        </Descriptions.Item>
      </Descriptions>
      <label className="field">
        <span className="field-label">{t('adminUnits.wizard.note')}</span>
        <Input.TextArea
          value={state.note}
          maxLength={1000}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t('adminUnits.wizard.notePlaceholder')}
          onChange={(event) => change({ note: event.target.value })}
        />
      </label>
      {rounds.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('adminUnits.close.inRoundTitle')}
          description={
            <>
              <ul className="round-list">
                {rounds.map((round) => (
                  <li key={round.id}>
                    {t('adminUnits.close.round', {
                      title: localized(language, round.title_vi, round.title_en),
                      phase: t(`phases.${round.phase}`),
                    })}
                  </li>
                ))}
              </ul>
              <Checkbox
                checked={confirmed}
                onChange={(event) => setConfirmed(event.target.checked)}
              >
                {t('adminUnits.close.confirm')}
              </Checkbox>
            </>
          }
        />
      ) : null}
      {reorganise.error && rounds.length === 0 ? (
        fieldProblems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={reorganise.error instanceof ApiError ? reorganise.error.problem?.detail : ''}
            description={
              <ul className="problem-fields">
                {fieldProblems.map((problem) => (
                  <li key={`${problem.field}:${problem.message}`}>
                    <Button
                      type="link"
                      size="small"
                      className="inline-link"
                      onClick={() => setStep(stepOfField(problem.field))}
                    >
                      {describeField(problem.field, t)}
                    </Button>
                    : {problem.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : (
          <ProblemAlert error={reorganise.error} />
        )
      ) : null}
    </Flex>
  );

  const bodies = [predecessorsStep, successorsStep, reviewStep];
  return (
    <Card title={<h2 className="card-heading">{t('adminUnits.wizard.title')}</h2>}>
      <Steps
        current={step}
        onChange={goTo}
        className="wizard-steps"
        items={[
          t('adminUnits.wizard.step1'),
          t('adminUnits.wizard.step2'),
          t('adminUnits.wizard.step3'),
        ].map((title, index) => ({
          title,
          status: stepsWithProblems.has(index) ? 'error' : undefined,
        }))}
      />
      <section
        aria-label={t(`adminUnits.wizard.step${step + 1}` as 'adminUnits.wizard.step1')}
        className="wizard-body"
      >
        {bodies[step]}
      </section>
      {shown.includes(step) && missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={missing.map((key) => t(key)).join(' ')}
        />
      ) : null}
      <Flex gap="small" justify="flex-end" className="wizard-actions">
        {step > 0 ? (
          <Button onClick={() => setStep(step - 1)}>{t('adminUnits.wizard.back')}</Button>
        ) : null}
        {step < 2 ? (
          <Button type="primary" onClick={() => goTo(step + 1)}>
            {t('adminUnits.wizard.next')}
          </Button>
        ) : (
          <Button
            type="primary"
            loading={reorganise.isPending}
            disabled={rounds.length > 0 && !confirmed}
            onClick={submit}
          >
            {t(
              state.kind === 'merger'
                ? 'adminUnits.wizard.recordMerger'
                : 'adminUnits.wizard.recordSplit',
            )}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
