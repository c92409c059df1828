import { Button, Card, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';

import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { frameworkEditPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';

import { useFrameworks } from '../../api/frameworks';
import { useCloneFramework, useCreateFramework } from '../api';
import { FRAMEWORK_CODE_PATTERN } from '../checks';
import type { Metadata } from '../components/MetadataForm';
import { MetadataForm } from '../components/MetadataForm';
import { blankDocument } from '../document';
import '../editor.css';

type Start = 'clone' | 'blank';

/** A new draft version (admin): a copy of any version, or a blank one to build in the editor. */
export default function NewFrameworkPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const frameworks = useFrameworks();
  const from = Number(params.get('from')) || undefined;
  const [start, setStart] = useState<Start>(params.get('blank') ? 'blank' : 'clone');
  const [sourceId, setSourceId] = useState<number | undefined>(from);
  const [clone, setClone] = useState({
    code: '',
    title_vi: '',
    title_en: '',
    year: null as number | null,
  });
  const [meta, setMeta] = useState<Metadata>({
    code: '',
    title_vi: '',
    title_en: '',
    year: new Date().getFullYear() + 1,
    legal_basis: null,
    groups: [],
  });
  const opened = {
    onSuccess: (created: { id: number }) => navigate(frameworkEditPath(created.id)),
  };
  const create = useCreateFramework(opened);
  const copy = useCloneFramework(opened);

  const source = frameworks.data?.items.find((framework) => framework.id === sourceId);
  const cloneCodeOk = FRAMEWORK_CODE_PATTERN.test(clone.code);
  const blankOk =
    FRAMEWORK_CODE_PATTERN.test(meta.code) &&
    meta.title_vi.trim() !== '' &&
    meta.title_en.trim() !== '' &&
    meta.groups.length > 0;
  const error = start === 'clone' ? copy.error : create.error;

  return (
    <>
      <PageTitle description={t('frameworkEditor.new.intro')}>
        {t('frameworkEditor.new.title')}
      </PageTitle>
      <Card size="small" style={{ maxWidth: 820 }}>
        <Radio.Group
          aria-label={t('frameworkEditor.new.start')}
          optionType="button"
          value={start}
          onChange={(event) => setStart(event.target.value as Start)}
          options={[
            { value: 'clone', label: t('frameworkEditor.new.clone') },
            { value: 'blank', label: t('frameworkEditor.new.blank') },
          ]}
        />
        {start === 'clone' ? (
          <Form layout="vertical" component="div" className="new-framework-form">
            <Form.Item label={t('frameworkEditor.new.source')} htmlFor="clone-source">
              <Select<number>
                id="clone-source"
                loading={frameworks.isPending}
                value={sourceId}
                onChange={(id) => setSourceId(id)}
                placeholder={t('frameworkEditor.new.sourcePlaceholder')}
                options={(frameworks.data?.items ?? []).map((framework) => ({
                  value: framework.id,
                  label: `${framework.code} – ${localized(language, framework.title_vi, framework.title_en)} (${t(`frameworks.statuses.${framework.status}`)})`,
                }))}
              />
            </Form.Item>
            <Flex gap="middle" wrap>
              <Form.Item
                label={t('frameworkEditor.meta.code')}
                htmlFor="clone-code"
                {...(clone.code && !cloneCodeOk
                  ? { validateStatus: 'error' as const, help: t('frameworkEditor.checks.code') }
                  : {})}
              >
                <Input
                  id="clone-code"
                  style={{ width: 260 }}
                  maxLength={64}
                  placeholder={source ? `${source.code}-DRAFT` : ''}
                  value={clone.code}
                  onChange={(event) => setClone({ ...clone, code: event.target.value.trim() })}
                />
              </Form.Item>
              <Form.Item label={t('frameworkEditor.meta.year')} htmlFor="clone-year">
                <InputNumber
                  id="clone-year"
                  min={2000}
                  max={2100}
                  placeholder={source ? String(source.year) : ''}
                  value={clone.year}
                  onChange={(value) => setClone({ ...clone, year: value })}
                />
              </Form.Item>
            </Flex>
            <Form.Item label={t('frameworkEditor.meta.titleVi')} htmlFor="clone-title-vi">
              <Input
                id="clone-title-vi"
                maxLength={500}
                placeholder={source?.title_vi}
                value={clone.title_vi}
                onChange={(event) => setClone({ ...clone, title_vi: event.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('frameworkEditor.meta.titleEn')} htmlFor="clone-title-en">
              <Input
                id="clone-title-en"
                maxLength={500}
                placeholder={source?.title_en}
                value={clone.title_en}
                onChange={(event) => setClone({ ...clone, title_en: event.target.value })}
              />
            </Form.Item>
            <Typography.Paragraph type="secondary">
              {t('frameworkEditor.new.cloneHelp')}
            </Typography.Paragraph>
          </Form>
        ) : (
          <div className="new-framework-form">
            <Typography.Paragraph type="secondary">
              {t('frameworkEditor.new.blankHelp')}
            </Typography.Paragraph>
            <MetadataForm
              idPrefix="blank"
              doc={meta}
              errors={{}}
              onChange={(patch) => setMeta((previous) => ({ ...previous, ...patch }))}
            />
          </div>
        )}
        {error ? <ProblemAlert error={error} /> : null}
        <Flex justify="flex-end" className="toolbar">
          <Button
            type="primary"
            loading={create.isPending || copy.isPending}
            disabled={start === 'clone' ? !sourceId || !cloneCodeOk : !blankOk}
            onClick={() => {
              if (start === 'clone' && sourceId) {
                copy.mutate({
                  sourceId,
                  body: {
                    code: clone.code,
                    title_vi: clone.title_vi.trim() || null,
                    title_en: clone.title_en.trim() || null,
                    year: clone.year,
                  },
                });
              } else {
                create.mutate(
                  blankDocument(meta, {
                    pillarVi: t('frameworkEditor.new.pillarVi'),
                    pillarEn: t('frameworkEditor.new.pillarEn'),
                    indicatorVi: t('frameworkEditor.newCriterionVi'),
                    indicatorEn: t('frameworkEditor.newCriterionEn'),
                  }),
                );
              }
            }}
          >
            {t('frameworkEditor.new.create')}
          </Button>
        </Flex>
      </Card>
    </>
  );
}
