import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';

import { ApiError } from '@/api/errors';
import { FullPageSpin } from '@/components/FullPageSpin';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { PATHS, frameworkComparePath, frameworkNewPath, frameworkPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatPoints } from '@/lib/format';

import type { EditedFramework } from '../api';
import {
  useDeleteFramework,
  useEditedFramework,
  useProviderAgencies,
  useSaveDocument,
} from '../api';
import type { Problems } from '../checks';
import { emptyProblems, localProblems, serverProblems } from '../checks';
import { ActivateDialog } from '../components/ActivateDialog';
import { CriteriaTreeEditor } from '../components/CriteriaTreeEditor';
import type { TreeAction } from '../components/CriteriaTreeEditor';
import { CriterionForm } from '../components/CriterionForm';
import { ElementModal } from '../components/ElementModal';
import { ElementsPanel } from '../components/ElementsPanel';
import { MetadataForm } from '../components/MetadataForm';
import type { EditorDoc, EditorNode, ElementDoc } from '../document';
import {
  addChild,
  addSibling,
  dropNode,
  fromDocument,
  groupTotals,
  indentNode,
  locate,
  maxByNode,
  moveNode,
  newIndicator,
  nextCode,
  outdentNode,
  removeNode,
  toDocument,
  updateNode,
  walk,
} from '../document';
import type { RuleInput } from '../rule-shapes';
import '../editor.css';

/** What the element form is open for: an element to edit, or a new one for a rule input. */
type ElementEdit = { element: ElementDoc; isNew: false } | { input: RuleInput; isNew: true };

function merge(...all: Problems[]): Problems {
  const out = emptyProblems();
  for (const problems of all) {
    for (const [key, fields] of problems.nodes) {
      out.nodes.set(key, { ...fields, ...(out.nodes.get(key) ?? {}) });
    }
    for (const [key, fields] of problems.elements) {
      out.elements.set(key, { ...fields, ...(out.elements.get(key) ?? {}) });
    }
    out.meta = { ...problems.meta, ...out.meta };
    out.count += problems.count;
  }
  return out;
}

/** The framework editor (admin): a draft's tree, criteria, rules, elements and texts, saved as
 * one document with If-Match. */
export default function FrameworkEditorPage() {
  const { frameworkId } = useParams();
  const id = Number(frameworkId);
  const edited = useEditedFramework(id);
  const [generation, setGeneration] = useState(0);
  if (edited.isPending) return <FullPageSpin />;
  if (edited.isError) {
    return <ProblemAlert error={edited.error} onRetry={() => void edited.refetch()} />;
  }
  // A reload (after someone else saved) starts a fresh editor from the newer document.
  const reload = async () => {
    await edited.refetch();
    setGeneration((previous) => previous + 1);
  };
  return <Editor key={`${id}-${generation}`} loaded={edited.data} reload={reload} />;
}

function Editor({ loaded, reload }: { loaded: EditedFramework; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { framework } = loaded;
  const [doc, setDoc] = useState<EditorDoc>(() => fromDocument(loaded.document));
  const [baseline, setBaseline] = useState(() => JSON.stringify(loaded.document));
  const [etag, setEtag] = useState(loaded.etag);
  const [selected, setSelected] = useState<string | null>(doc.criteria[0]?.key ?? null);
  // The first pillar open, the others closed: a long tree stays short until asked.
  const [expanded, setExpanded] = useState<string[]>(() =>
    doc.criteria.slice(0, 1).map((node) => node.key),
  );
  const [saved, setSaved] = useState<Problems>(emptyProblems);
  const [elementEdit, setElementEdit] = useState<ElementEdit | null>(null);
  const [activating, setActivating] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const providers = useProviderAgencies();

  const current = useMemo(() => JSON.stringify(toDocument(doc)), [doc]);
  const dirty = current !== baseline && !leaving;
  const editable = framework.status === 'draft' && !framework.is_frozen;

  const save = useSaveDocument(framework.id, {
    onSuccess: ({ etag: next }) => {
      setEtag(next);
      setBaseline(current);
      setSaved(emptyProblems());
      void message.success(t('frameworkEditor.saved'));
    },
  });
  const remove = useDeleteFramework(framework.id, {
    onSuccess: async () => {
      setLeaving(true);
      void message.success(t('frameworkEditor.deleted', { code: framework.code }));
      await navigate(PATHS.frameworks);
    },
  });

  // Unsaved changes: leaving the page asks first, and so does closing the tab.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const local = useMemo(() => localProblems(doc, t), [doc, t]);
  const problems = useMemo(() => merge(local, saved), [local, saved]);
  const totals = useMemo(() => groupTotals(doc), [doc]);
  const maxima = useMemo(() => maxByNode(doc.criteria, doc.groups), [doc.criteria, doc.groups]);
  const found = selected ? locate(doc.criteria, selected) : null;

  const setCriteria = useCallback(
    (change: (nodes: EditorNode[]) => EditorNode[]) =>
      setDoc((previous) => ({ ...previous, criteria: change(previous.criteria) })),
    [],
  );
  const forget = (key: string) =>
    setSaved((previous) => {
      if (!previous.nodes.has(key)) return previous;
      const nodes = new Map(previous.nodes);
      nodes.delete(key);
      return { ...previous, nodes };
    });

  const names = {
    vi: t('frameworkEditor.newCriterionVi'),
    en: t('frameworkEditor.newCriterionEn'),
  };
  const onTreeAction = (action: TreeAction) => {
    const nodes = doc.criteria;
    switch (action.kind) {
      case 'addSibling': {
        const node = newIndicator(nextCode(nodes, found?.parent ?? null), names);
        setCriteria((all) => (found ? addSibling(all, found.node.key, node) : [...all, node]));
        setSelected(node.key);
        return;
      }
      case 'addChild': {
        if (!found) return;
        const node = newIndicator(nextCode(nodes, found.node), names);
        setCriteria((all) => addChild(all, found.node.key, node));
        setExpanded((keys) => [...new Set([...keys, found.node.key])]);
        setSelected(node.key);
        return;
      }
      case 'remove': {
        if (!found) return;
        setCriteria((all) => removeNode(all, found.node.key));
        setSelected(found.parent?.key ?? null);
        return;
      }
      case 'up':
      case 'down':
        if (found)
          setCriteria((all) => moveNode(all, found.node.key, action.kind === 'up' ? -1 : 1));
        return;
      case 'indent':
        if (found) {
          const previous = found.siblings[found.index - 1];
          setCriteria((all) => indentNode(all, found.node.key));
          if (previous) setExpanded((keys) => [...new Set([...keys, previous.key])]);
        }
        return;
      case 'outdent':
        if (found) setCriteria((all) => outdentNode(all, found.node.key));
        return;
      case 'drop':
        setCriteria((all) => dropNode(all, action.key, action.target, action.position));
        if (action.position === 'inside') {
          setExpanded((keys) => [...new Set([...keys, action.target])]);
        }
        return;
    }
  };

  const applyElement = (element: ElementDoc) => {
    if (!elementEdit) return;
    setDoc((previous) => {
      if (!elementEdit.isNew) {
        return {
          ...previous,
          elements: previous.elements.map((candidate) =>
            candidate.code === element.code ? element : candidate,
          ),
        };
      }
      const withElement = { ...previous, elements: [...previous.elements, element] };
      if (!selected) return withElement;
      // A new element for a rule input feeds that input at once.
      return {
        ...withElement,
        criteria: updateNode(withElement.criteria, selected, (node) => ({
          ...node,
          inputs: [
            ...(node.inputs ?? []).filter((ref) => ref.name !== elementEdit.input.name),
            { name: elementEdit.input.name, element_code: element.code },
          ],
        })),
      };
    });
    setElementEdit(null);
  };

  if (!editable) {
    return (
      <>
        <PageTitle>{t('frameworkEditor.title', { code: framework.code })}</PageTitle>
        <Alert
          type="info"
          showIcon
          title={t(
            framework.is_frozen ? 'frameworkEditor.frozenTitle' : 'frameworkEditor.notDraftTitle',
            { status: t(`frameworks.statuses.${framework.status}`) },
          )}
          description={t('frameworkEditor.notEditableHelp')}
          action={
            <Space orientation="vertical">
              <Link to={frameworkNewPath(framework.id)}>{t('frameworkEditor.cloneIt')}</Link>
              <Link to={frameworkPath(framework.id)}>{t('frameworkEditor.backToViewer')}</Link>
            </Space>
          }
        />
      </>
    );
  }

  const conflict = save.error instanceof ApiError && save.error.status === 412;
  const nodeErrors = (key: string) => problems.nodes.get(key) ?? {};
  const faulty = new Set(problems.nodes.keys());
  const criteriaErrors = [...problems.nodes.values()].reduce(
    (sum, fields) => sum + Object.keys(fields).length,
    0,
  );
  const elementErrors = [...problems.elements.values()].reduce(
    (sum, fields) => sum + Object.keys(fields).length,
    0,
  );
  const metaErrors = Object.keys(problems.meta).length;
  const usedBy = new Map<string, string[]>();
  for (const node of walk(doc.criteria)) {
    for (const ref of node.inputs ?? []) {
      usedBy.set(ref.element_code, [...(usedBy.get(ref.element_code) ?? []), node.code]);
    }
  }
  const parentGroups = found?.parent ? Object.keys(maxima.get(found.parent.key) ?? {}) : doc.groups;

  return (
    <>
      <PageTitle description={localized(language, doc.title_vi, doc.title_en)}>
        {t('frameworkEditor.title', { code: framework.code })}
      </PageTitle>

      <Flex wrap gap="small" align="center" justify="space-between" className="toolbar">
        <Space wrap>
          <Tag>{t('frameworks.statuses.draft')}</Tag>
          <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="save-state">
            {dirty ? t('frameworkEditor.unsaved') : t('frameworkEditor.allSaved')}
          </Typography.Text>
        </Space>
        <Space wrap>
          <Link to={frameworkPath(framework.id)}>{t('frameworkEditor.backToViewer')}</Link>
          <Link
            to={frameworkComparePath({
              base: framework.cloned_from_id ?? undefined,
              target: framework.id,
            })}
          >
            {t('frameworkEditor.compare')}
          </Link>
          <Popconfirm
            title={t('frameworkEditor.deleteTitle', { code: framework.code })}
            description={t('frameworkEditor.deleteHelp')}
            okText={t('frameworkEditor.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutate()}
          >
            <Button danger loading={remove.isPending}>
              {t('frameworkEditor.delete')}
            </Button>
          </Popconfirm>
          <Button disabled={dirty} onClick={() => setActivating(true)}>
            {t('frameworkEditor.activate')}
          </Button>
          <Button
            type="primary"
            disabled={!dirty}
            loading={save.isPending}
            onClick={() => {
              const sent = doc;
              save.mutate(
                { document: toDocument(sent), etag },
                {
                  // 422: the API's messages at the fields they name, placed on the document as
                  // sent; each stays until its criterion or field is changed.
                  onError: (error) => {
                    if (error instanceof ApiError && error.status === 422) {
                      setSaved(serverProblems(sent, error.fieldErrors));
                    }
                  },
                },
              );
            }}
          >
            {t('frameworkEditor.save')}
          </Button>
        </Space>
      </Flex>

      {conflict ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="editor-alert"
          title={t('frameworkEditor.conflictTitle')}
          description={t('frameworkEditor.conflictHelp')}
          action={
            <Button
              onClick={() => {
                setLeaving(true);
                void reload();
              }}
            >
              {t('frameworkEditor.reload')}
            </Button>
          }
        />
      ) : save.isError && !(save.error instanceof ApiError && save.error.status === 422) ? (
        <ProblemAlert error={save.error} className="editor-alert" />
      ) : saved.count > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="editor-alert"
          title={t('frameworkEditor.saveRefused', { count: saved.count })}
          description={t('frameworkEditor.saveRefusedHelp')}
        />
      ) : null}
      {remove.isError ? <ProblemAlert error={remove.error} className="editor-alert" /> : null}

      <section aria-label={t('frameworkEditor.totals')} className="framework-summary">
        <Card size="small">
          <Space size="large" wrap>
            {doc.groups.map((group) => (
              <Statistic
                key={group}
                title={t('frameworks.maxPointsOf', { group })}
                value={String(totals[group] ?? 0)}
                formatter={(value) => (
                  <span data-testid={`total-${group}`}>
                    {formatPoints(String(value), language)}
                  </span>
                )}
              />
            ))}
          </Space>
        </Card>
      </section>

      <Tabs
        defaultActiveKey="criteria"
        items={[
          {
            key: 'criteria',
            label: (
              <Badge count={criteriaErrors} size="small" offset={[8, -2]}>
                {t('frameworkEditor.tabs.criteria')}
              </Badge>
            ),
            children: (
              <Row gutter={16}>
                <Col xs={24} lg={9}>
                  <Card size="small" className="editor-tree-card">
                    <CriteriaTreeEditor
                      criteria={doc.criteria}
                      selected={selected}
                      onSelect={setSelected}
                      onAction={onTreeAction}
                      faulty={faulty}
                      expanded={expanded}
                      onExpand={setExpanded}
                    />
                  </Card>
                </Col>
                <Col xs={24} lg={15}>
                  <section aria-label={t('frameworkEditor.criterionForm')}>
                    {found ? (
                      <CriterionForm
                        key={found.node.key}
                        node={found.node}
                        onChange={(node) => {
                          forget(node.key);
                          setCriteria((all) => updateNode(all, node.key, () => node));
                        }}
                        elements={doc.elements}
                        groups={parentGroups}
                        maxByGroup={maxima.get(found.node.key) ?? {}}
                        errors={nodeErrors(found.node.key)}
                        onNewElement={(input) => setElementEdit({ input, isNew: true })}
                      />
                    ) : (
                      <Empty description={t('frameworkEditor.pickCriterion')} />
                    )}
                  </section>
                </Col>
              </Row>
            ),
          },
          {
            key: 'elements',
            label: (
              <Badge count={elementErrors} size="small" offset={[8, -2]}>
                {t('frameworkEditor.tabs.elements', { count: doc.elements.length })}
              </Badge>
            ),
            children: (
              <ElementsPanel
                elements={doc.elements}
                usedBy={usedBy}
                errors={problems.elements}
                onEdit={(element) => setElementEdit({ element, isNew: false })}
                onRemove={(code) =>
                  setDoc((previous) => ({
                    ...previous,
                    elements: previous.elements.filter((element) => element.code !== code),
                  }))
                }
                onAdd={() =>
                  setElementEdit({
                    input: { name: '', types: [] },
                    isNew: true,
                  })
                }
              />
            ),
          },
          {
            key: 'general',
            label: (
              <Badge count={metaErrors} size="small" offset={[8, -2]}>
                {t('frameworkEditor.tabs.general')}
              </Badge>
            ),
            children: (
              <MetadataForm
                doc={doc}
                errors={problems.meta}
                onChange={(patch) => {
                  setSaved((previous) => ({ ...previous, meta: {} }));
                  setDoc((previous) => ({ ...previous, ...patch }));
                }}
              />
            ),
          },
        ]}
      />

      {elementEdit ? (
        <ElementModal
          element={
            elementEdit.isNew
              ? {
                  code: '',
                  name_vi: '',
                  name_en: '',
                  value_type: elementEdit.input.types[0] ?? 'decimal',
                  source: 'self',
                  options: null,
                  min: null,
                  max: null,
                  unit: null,
                  provider_code: null,
                }
              : elementEdit.element
          }
          isNew={elementEdit.isNew}
          types={
            elementEdit.isNew && elementEdit.input.types.length
              ? elementEdit.input.types
              : undefined
          }
          takenCodes={new Set(doc.elements.map((element) => element.code))}
          providers={(providers.data?.items ?? []).map((unit) => ({
            code: unit.code,
            name: localized(language, unit.name_vi, unit.name_en),
          }))}
          errors={elementEdit.isNew ? {} : (problems.elements.get(elementEdit.element.code) ?? {})}
          onSave={(element) => {
            if (elementEdit.isNew && !elementEdit.input.name) {
              setDoc((previous) => ({ ...previous, elements: [...previous.elements, element] }));
              setElementEdit(null);
            } else applyElement(element);
          }}
          onCancel={() => setElementEdit(null)}
        />
      ) : null}

      {activating ? (
        <ActivateDialog
          framework={framework}
          totals={totals}
          onClose={() => setActivating(false)}
          onActivated={async () => {
            setLeaving(true);
            await navigate(frameworkPath(framework.id));
          }}
        />
      ) : null}

      {blocker.state === 'blocked' ? (
        <LeaveDialog onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} />
      ) : null}
    </>
  );
}

function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  useEffect(() => {
    const dialog = modal.confirm({
      title: t('frameworkEditor.leaveTitle'),
      content: t('frameworkEditor.leaveHelp'),
      okText: t('frameworkEditor.leave'),
      okButtonProps: { danger: true },
      cancelText: t('frameworkEditor.stay'),
      onOk: onLeave,
      onCancel: onStay,
    });
    return () => dialog.destroy();
  }, [modal, onLeave, onStay, t]);
  return null;
}
