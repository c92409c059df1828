import { Alert, Col, Row, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';

import type { Answer, Assessment, Criterion, DataElement, Me, Round, ValueType } from '@/api/types';
import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { REVIEWER_ROLES, SUBMITTER_ROLES, UNIT_ROLES, hasAnyRole } from '@/config/roles';
import { useMe } from '@/features/auth';
import { FrameworkNotice, useCriteria, useElements } from '@/features/frameworks';
import { AcceptPendingButton, CommentThread, ReviewPanel } from '@/features/review';
import { useSelectedRound } from '@/features/rounds';
import { useUnits } from '@/features/units';
import { localized, useLanguage } from '@/i18n';
import type { Language } from '@/i18n';
import { formatPoints } from '@/lib/format';

import { useAssessment, useSubmitAssessment } from '../api/assessment';
import { HistoryDrawer } from '../components/HistoryDrawer';
import { IndicatorCard, indicatorAnchor } from '../components/IndicatorCard';
import { ScoreCard, SubmitButton, pillarAnchor } from '../components/ScoreCard';
import type { PillarProgress } from '../components/ScoreCard';
import { StatusBanner } from '../components/StatusBanner';
import { SubmitModal } from '../components/SubmitModal';
import { useAnswerEditor } from '../use-answer-editor';
import { answeredCount, missingByIndicator, pillarsOf } from '../values';

/**
 * Tự đánh giá: a unit's answers in a round, pillar by pillar, with autosave, evidence, the live
 * score preview and the head's submission. `/assessment` opens the user's own unit in the round
 * chosen in the header; `/rounds/:roundId/units/:unitCode/assessment` any unit (DIC reads it).
 */
export default function AssessmentPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const params = useParams();
  const me = useMe();
  const selected = useSelectedRound();
  const fromPath = params.roundId !== undefined;
  const roundId = fromPath ? Number(params.roundId) : selected.round?.id;
  const unitCode = fromPath ? params.unitCode : (me.data?.unit_code ?? undefined);
  const round = selected.rounds.find((candidate) => candidate.id === roundId);

  const assessment = useAssessment(roundId, unitCode);
  const group = assessment.data?.assessment.group;
  const criteria = useCriteria(group ? round?.framework_id : undefined, group);
  const elements = useElements(round?.framework_id);
  const units = useUnits({ offset: 0, limit: 500 });

  const title = t('assessment.title');
  if (me.isPending || selected.isPending) return <FullPageSpin />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!unitCode || roundId === undefined) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <Typography.Paragraph>
          {!unitCode ? t('assessment.noUnit') : t('rounds.none')}
        </Typography.Paragraph>
      </>
    );
  }
  if (!round) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <Typography.Paragraph>{t('assessment.roundNotFound')}</Typography.Paragraph>
      </>
    );
  }
  const failed = [assessment, criteria, elements].find((query) => query.isError);
  if (failed) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <ProblemAlert error={failed.error} onRetry={() => void failed.refetch()} />
      </>
    );
  }
  if (!assessment.data || !criteria.data || !elements.data) return <FullPageSpin />;

  const providers = new Map((units.data?.items ?? []).map((unit) => [unit.code, unit]));
  return (
    <AssessmentWorkspace
      key={`${roundId}/${unitCode}`}
      me={me.data}
      round={round}
      unitCode={unitCode}
      assessment={assessment.data.assessment}
      criteria={criteria.data}
      elements={elements.data}
      providerName={(code) => {
        const unit = providers.get(code);
        return unit ? localized(language, unit.name_vi, unit.name_en) : undefined;
      }}
      language={language}
    />
  );
}

interface WorkspaceProps {
  me: Me;
  round: Round;
  unitCode: string;
  assessment: Assessment;
  criteria: readonly Criterion[];
  elements: readonly DataElement[];
  providerName: (code: string) => string | undefined;
  language: Language;
}

function AssessmentWorkspace({
  me,
  round,
  unitCode,
  assessment,
  criteria,
  elements,
  providerName,
  language,
}: WorkspaceProps) {
  const { t } = useTranslation();
  const [historyCode, setHistoryCode] = useState<string | null>(null);
  const [submitOpen, setSubmitOpen] = useState(false);

  const elementsByCode = useMemo(
    () => new Map(elements.map((element) => [element.code, element])),
    [elements],
  );
  const answers = useMemo(
    () =>
      new Map<string, Answer>(assessment.answers.map((answer) => [answer.indicator_code, answer])),
    [assessment.answers],
  );
  const pillars = useMemo<PillarProgress[]>(
    () =>
      pillarsOf(criteria)
        .map(({ pillar, indicators }) => {
          const present = indicators.filter((indicator) => answers.has(indicator.code));
          return { pillar, indicators: present, ...answeredCount(present, answers) };
        })
        .filter((pillar) => pillar.indicators.length > 0),
    [criteria, answers],
  );
  const valueTypes = useMemo(() => {
    const types = new Map<string, Record<string, ValueType>>();
    for (const { indicators } of pillars) {
      for (const indicator of indicators) {
        types.set(
          indicator.code,
          Object.fromEntries(indicator.inputs.map((input) => [input.name, input.value_type])),
        );
      }
    }
    return types;
  }, [pillars]);
  // What is missing matters only while the assessment can still be completed and submitted.
  const missing = useMemo(
    () => missingByIndicator(assessment.editable ? assessment.missing : []),
    [assessment.editable, assessment.missing],
  );

  const editor = useAnswerEditor({ roundId: round.id, unitCode, language, valueTypes });

  const ownUnit = me.unit_code === unitCode;
  const isStaff = ownUnit && hasAnyRole(me, UNIT_ROLES);
  const editable = assessment.editable && isStaff;
  const canSubmit = editable && hasAnyRole(me, SUBMITTER_ROLES);
  const isReviewer = !isStaff && hasAnyRole(me, REVIEWER_ROLES);

  const submit = useSubmitAssessment(round.id, unitCode, editor, {
    onSuccess: () => setSubmitOpen(false),
  });

  // From the list of what is missing to the indicator: once the dialog has closed, since closing
  // gives the focus back to the submit button.
  const jumpTarget = useRef<string | null>(null);
  const jumpTo = (code: string) => {
    jumpTarget.current = code;
    setSubmitOpen(false);
  };
  const afterSubmitClose = () => {
    const code = jumpTarget.current;
    jumpTarget.current = null;
    if (code === null) return;
    const section = document.getElementById(indicatorAnchor(code));
    section?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    section
      ?.querySelector<HTMLElement>('input:not([type=file]), textarea')
      ?.focus({ preventScroll: true });
  };

  const inputLabel = (code: string, name: string) => {
    const input = pillars
      .flatMap((pillar) => pillar.indicators)
      .find((indicator) => indicator.code === code)
      ?.inputs.find((candidate) => candidate.name === name);
    const element = input ? elementsByCode.get(input.element_code) : undefined;
    return element ? `${name}: ${localized(language, element.name_vi, element.name_en)}` : name;
  };

  let action = null;
  if (canSubmit) {
    action = (
      <SubmitButton
        onClick={() => {
          editor.flushAll();
          submit.reset();
          setSubmitOpen(true);
        }}
      />
    );
  } else if (editable) {
    action = (
      <Typography.Paragraph className="score-note">
        {t('assessment.editorSubmitNote')}
      </Typography.Paragraph>
    );
  } else if (isReviewer && ['submitted', 'resubmitted', 'returned'].includes(assessment.status)) {
    action = (
      <AcceptPendingButton
        roundId={round.id}
        unitCode={unitCode}
        onDone={() => editor.write(editor.reload)}
      />
    );
  }

  const roundLabel = t('rounds.option', {
    year: round.year,
    title: localized(language, round.title_vi, round.title_en),
  });
  return (
    <>
      <PageTitle
        description={`${assessment.unit_code} – ${assessment.unit_name_vi} · ${roundLabel}`}
        extra={
          <Tag data-testid="assessment-status">{t(`assessment.statuses.${assessment.status}`)}</Tag>
        }
      >
        {t('assessment.title')}
      </PageTitle>
      <StatusBanner assessment={assessment} phase={round.phase} ownUnit={isStaff} />
      <FrameworkNotice frameworkId={round.framework_id} />
      {editor.notice ? (
        <Alert
          className="status-banner"
          role="alert"
          type={editor.notice.kind === 'conflict' ? 'warning' : 'info'}
          showIcon
          title={
            editor.notice.kind === 'conflict'
              ? t('assessment.conflictNotice', { codes: editor.notice.codes.join(', ') })
              : t('assessment.mergedNotice')
          }
          closable={{ onClose: editor.dismissNotice, 'aria-label': t('common.close') }}
        />
      ) : null}
      {editable ? (
        <Typography.Paragraph className="assessment-intro">
          {t('assessment.intro')}
        </Typography.Paragraph>
      ) : null}

      <Row gutter={[24, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          {pillars.map(({ pillar, indicators, answered, total }) => {
            const node = assessment.preview.pillars.find(
              (candidate) => candidate.code === pillar.code,
            );
            const headingId = `pillar-title-${pillar.code}`;
            return (
              <section
                key={pillar.code}
                id={pillarAnchor(pillar.code)}
                className="pillar"
                aria-labelledby={headingId}
              >
                <div className="pillar-head">
                  <h2 id={headingId} className="pillar-title">
                    {pillar.code}. {localized(language, pillar.name_vi, pillar.name_en)}
                  </h2>
                  <span className="pillar-meta">
                    {total > 0
                      ? t('assessment.answeredOf', { answered, total })
                      : t('assessment.suppliedShort')}
                    {node
                      ? ` · ${t('assessment.pointsOf', {
                          points: formatPoints(node.points, language),
                          max: formatPoints(node.max_points, language),
                        })}`
                      : ''}
                  </span>
                </div>
                {indicators.map((indicator) => {
                  const answer = answers.get(indicator.code);
                  return answer ? (
                    <IndicatorCard
                      key={indicator.code}
                      roundId={round.id}
                      unitCode={unitCode}
                      indicator={indicator}
                      answer={answer}
                      elements={elementsByCode}
                      missing={missing.get(indicator.code) ?? []}
                      editable={editable && answer.editable}
                      editor={editor}
                      providerName={providerName}
                      onShowHistory={setHistoryCode}
                    >
                      {isStaff || isReviewer ? (
                        <CommentThread
                          roundId={round.id}
                          unitCode={unitCode}
                          indicatorCode={indicator.code}
                          count={answer.comments}
                          onSent={() => editor.write(editor.reload)}
                        />
                      ) : null}
                      {isReviewer ? (
                        <ReviewPanel
                          roundId={round.id}
                          unitCode={unitCode}
                          answer={answer}
                          inputs={indicator.inputs}
                          status={assessment.status}
                          onDecided={() => editor.write(editor.reload)}
                        />
                      ) : null}
                    </IndicatorCard>
                  ) : null;
                })}
              </section>
            );
          })}
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <div className="score-sticky">
            <ScoreCard assessment={assessment} pillars={pillars} action={action} />
          </div>
        </Col>
      </Row>

      {canSubmit || submitOpen ? (
        <SubmitModal
          open={submitOpen}
          assessment={assessment}
          unitName={assessment.unit_name_vi}
          unsaved={editor.problems}
          submitting={submit.isPending}
          error={submit.error}
          onSubmit={() => submit.mutate()}
          onCancel={() => setSubmitOpen(false)}
          onJump={jumpTo}
          afterClose={afterSubmitClose}
        />
      ) : null}
      <HistoryDrawer
        roundId={round.id}
        unitCode={unitCode}
        indicatorCode={historyCode}
        inputLabel={inputLabel}
        onClose={() => setHistoryCode(null)}
      />
    </>
  );
}
