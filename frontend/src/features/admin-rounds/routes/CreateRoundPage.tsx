import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Select,
  Steps,
  Switch,
  Table,
} from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { roundSettingsPath } from '@/config/paths';
import { useFrameworks } from '@/features/frameworks';
import { useUnitGroups } from '@/features/units';
import { localized, useLanguage } from '@/i18n';

import type { Participant } from '../api/admin-rounds';
import { fieldErrorsOf, useCreateRound, useParticipantsPreview } from '../api/admin-rounds';
import { ScheduleEditor, scheduleIsValid } from '../components/ScheduleEditor';
import { emptyDraft, scheduleBody } from '../schedule-form';

const STEPS = ['basics', 'participants', 'schedule'] as const;

/**
 * «Tạo kỳ đánh giá»: the framework, year, titles and groups; then the units valid on the reference
 * date in those groups (any may be left out); then the schedule in city time and auto-advance.
 */
export default function CreateRoundPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const frameworks = useFrameworks();
  const groups = useUnitGroups();

  const [step, setStep] = useState(0);
  const [frameworkId, setFrameworkId] = useState<number | undefined>();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [titleVi, setTitleVi] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [referenceDate, setReferenceDate] = useState<string | undefined>();
  const [chosenGroups, setChosenGroups] = useState<string[] | undefined>();
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [schedule, setSchedule] = useState(emptyDraft);
  const [autoAdvance, setAutoAdvance] = useState(false);

  const active = (frameworks.data?.items ?? []).filter((item) => item.status === 'active');
  const framework = active.find((item) => item.id === frameworkId);
  const yearNumber = Number(year);
  const yearValid = Number.isInteger(yearNumber) && yearNumber >= 2000 && yearNumber <= 2100;
  const reference = referenceDate ?? (yearValid ? `${yearNumber}-12-31` : '');
  const groupCodes = chosenGroups ?? framework?.groups ?? [];
  const basicsReady =
    framework !== undefined &&
    yearValid &&
    titleVi.trim() !== '' &&
    titleEn.trim() !== '' &&
    reference !== '' &&
    groupCodes.length > 0;

  const preview = useParticipantsPreview(
    basicsReady && step >= 1
      ? { framework_id: framework.id, reference_date: reference, groups: groupCodes }
      : undefined,
  );
  const taking = (preview.data ?? []).filter((unit) => !left.has(unit.unit_code));
  const create = useCreateRound({
    onSuccess: async (round) => {
      void message.success(
        t('adminRounds.create.created', {
          title: localized(language, round.title_vi, round.title_en),
        }),
      );
      await navigate(roundSettingsPath(round.id));
    },
  });

  const groupName = useMemo(() => {
    const names = new Map(
      (groups.data ?? []).map((group) => [
        group.code,
        localized(language, group.name_vi, group.name_en),
      ]),
    );
    return (code: string) => names.get(code) ?? code;
  }, [groups.data, language]);

  const submit = () => {
    if (!framework) return;
    create.mutate({
      framework_id: framework.id,
      year: yearNumber,
      title_vi: titleVi.trim(),
      title_en: titleEn.trim(),
      reference_date: reference,
      groups: groupCodes,
      ...(left.size > 0 ? { unit_codes: taking.map((unit) => unit.unit_code) } : {}),
      schedule: scheduleBody(schedule),
      auto_advance: autoAdvance,
      is_demo: false,
    });
  };

  const columns: TableProps<Participant>['columns'] = [
    {
      key: 'take',
      title: t('adminRounds.create.takesPart'),
      width: 110,
      render: (_, unit) => (
        <Checkbox
          checked={!left.has(unit.unit_code)}
          aria-label={t('adminRounds.create.takesPartOf', { unit: unit.unit_code })}
          onChange={(event) => {
            const next = new Set(left);
            if (event.target.checked) next.delete(unit.unit_code);
            else next.add(unit.unit_code);
            setLeft(next);
          }}
        />
      ),
    },
    { key: 'code', title: t('adminRounds.participants.code'), dataIndex: 'unit_code', width: 130 },
    {
      key: 'name',
      title: t('adminRounds.participants.name'),
      render: (_, unit) => localized(language, unit.name_vi, unit.name_en),
    },
    {
      key: 'group',
      title: t('adminRounds.participants.group'),
      render: (_, unit) => groupName(unit.group),
    },
  ];

  return (
    <>
      <PageTitle description={t('adminRounds.create.intro')}>
        {t('adminRounds.create.heading')}
      </PageTitle>
      <Card>
        <Flex vertical gap="large">
          <Steps
            size="small"
            current={step}
            items={STEPS.map((key) => ({ key, title: t(`adminRounds.create.steps.${key}`) }))}
          />
          {step === 0 ? (
            <Form layout="vertical" component="div" style={{ maxWidth: 720 }}>
              {frameworks.isError ? <ProblemAlert error={frameworks.error} /> : null}
              <Form.Item
                label={t('adminRounds.create.framework')}
                htmlFor="round-framework"
                extra={t('adminRounds.create.frameworkHelp')}
                required
              >
                <Select<number>
                  id="round-framework"
                  loading={frameworks.isPending}
                  value={frameworkId}
                  onChange={(id) => {
                    setFrameworkId(id);
                    setChosenGroups(undefined);
                    setLeft(new Set());
                  }}
                  options={active.map((item) => ({
                    value: item.id,
                    label: `${item.code} — ${localized(language, item.title_vi, item.title_en)}`,
                  }))}
                  notFoundContent={t('adminRounds.create.noFramework')}
                />
              </Form.Item>
              <Form.Item label={t('adminRounds.create.year')} htmlFor="round-year" required>
                <Input
                  id="round-year"
                  type="number"
                  min={2000}
                  max={2100}
                  value={year}
                  onChange={(event) => setYear(event.target.value)}
                  style={{ maxWidth: 160 }}
                />
              </Form.Item>
              <Form.Item label={t('adminRounds.create.titleVi')} htmlFor="round-title-vi" required>
                <Input
                  id="round-title-vi"
                  maxLength={500}
                  value={titleVi}
                  onChange={(event) => setTitleVi(event.target.value)}
                />
              </Form.Item>
              <Form.Item label={t('adminRounds.create.titleEn')} htmlFor="round-title-en" required>
                <Input
                  id="round-title-en"
                  maxLength={500}
                  value={titleEn}
                  onChange={(event) => setTitleEn(event.target.value)}
                />
              </Form.Item>
              <Form.Item
                label={t('adminRounds.create.referenceDate')}
                htmlFor="round-reference-date"
                extra={t('adminRounds.create.referenceDateHelp')}
                required
              >
                <Input
                  id="round-reference-date"
                  type="date"
                  value={reference}
                  onChange={(event) => setReferenceDate(event.target.value || undefined)}
                  style={{ maxWidth: 200 }}
                />
              </Form.Item>
              {framework ? (
                <fieldset className="schedule-phase">
                  <legend>{t('adminRounds.create.groups')}</legend>
                  <Checkbox.Group
                    value={groupCodes}
                    onChange={(values) => {
                      setChosenGroups(values);
                      setLeft(new Set());
                    }}
                    options={framework.groups.map((code) => ({
                      value: code,
                      label: groupName(code),
                    }))}
                  />
                </fieldset>
              ) : null}
            </Form>
          ) : null}
          {step === 1 ? (
            <Flex vertical gap="middle">
              <Alert
                type="info"
                showIcon
                title={t('adminRounds.create.previewCount', {
                  count: taking.length,
                  date: reference.split('-').reverse().join('/'),
                })}
              />
              {preview.isError ? (
                <ProblemAlert error={preview.error} onRetry={() => void preview.refetch()} />
              ) : null}
              <Table<Participant>
                rowKey="unit_code"
                size="small"
                columns={columns}
                dataSource={preview.data ?? []}
                loading={preview.isFetching}
                pagination={{ defaultPageSize: 20, showSizeChanger: true }}
              />
            </Flex>
          ) : null}
          {step === 2 ? (
            <Flex vertical gap="middle">
              <ScheduleEditor
                draft={schedule}
                onChange={setSchedule}
                serverErrors={fieldErrorsOf(create.error)}
                idPrefix="new-round"
              />
              <Flex gap="small" align="center">
                <Switch
                  id="new-round-auto-advance"
                  checked={autoAdvance}
                  onChange={setAutoAdvance}
                />
                <label htmlFor="new-round-auto-advance">
                  {t('adminRounds.schedule.autoAdvance')}
                </label>
              </Flex>
              {create.isError ? <ProblemAlert error={create.error} /> : null}
            </Flex>
          ) : null}
          <Flex gap="small" justify="flex-end">
            {step > 0 ? (
              <Button onClick={() => setStep(step - 1)}>{t('adminRounds.create.back')}</Button>
            ) : null}
            {step < STEPS.length - 1 ? (
              <Button
                type="primary"
                disabled={!basicsReady || (step === 1 && taking.length === 0)}
                onClick={() => setStep(step + 1)}
              >
                {t('adminRounds.create.next')}
              </Button>
            ) : (
              <Button
                type="primary"
                loading={create.isPending}
                disabled={!scheduleIsValid(schedule)}
                onClick={submit}
              >
                {t('adminRounds.create.submit')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Card>
    </>
  );
}
