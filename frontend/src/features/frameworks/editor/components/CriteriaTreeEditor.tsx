import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowRightOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SubnodeOutlined,
} from '@ant-design/icons';
import { Badge, Button, Flex, Popconfirm, Tooltip, Tree } from 'antd';
import type { TreeDataNode, TreeProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { localized, useLanguage } from '@/i18n';

import type { DropPosition, EditorNode } from '../document';
import { locate } from '../document';

export type TreeAction =
  | { kind: 'addChild' | 'addSibling' | 'remove' | 'up' | 'down' | 'indent' | 'outdent' }
  | { kind: 'drop'; key: string; target: string; position: DropPosition };

interface CriteriaTreeEditorProps {
  criteria: readonly EditorNode[];
  selected: string | null;
  onSelect: (key: string) => void;
  onAction: (action: TreeAction) => void;
  /** Keys of the nodes the last save found fault with. */
  faulty: ReadonlySet<string>;
  expanded: string[];
  onExpand: (keys: string[]) => void;
}

function toData(
  nodes: readonly EditorNode[],
  language: 'vi' | 'en',
  faulty: ReadonlySet<string>,
): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.key,
    title: (
      <span className="tree-node-title">
        {faulty.has(node.key) ? <Badge status="error" /> : null}
        <strong>{node.code}</strong> {localized(language, node.name_vi, node.name_en)}
      </span>
    ),
    children: toData(node.children, language, faulty),
  }));
}

/** The criteria tree: select a node to edit it; buttons (or drag and drop) change its place. */
export function CriteriaTreeEditor({
  criteria,
  selected,
  onSelect,
  onAction,
  faulty,
  expanded,
  onExpand,
}: CriteriaTreeEditorProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const found = selected ? locate(criteria, selected) : null;
  const lastTopLevel = criteria.length <= 1 && !found?.parent;

  const onDrop: TreeProps['onDrop'] = (info) => {
    const key = String(info.dragNode.key);
    const target = String(info.node.key);
    // antd's dropPosition is relative to the target's index among its siblings.
    const position = Number(info.node.pos.split('-').pop());
    const relative = info.dropPosition - position;
    onAction({
      kind: 'drop',
      key,
      target,
      position: !info.dropToGap ? 'inside' : relative < 0 ? 'before' : 'after',
    });
  };

  const tool = (
    kind: Exclude<TreeAction['kind'], 'drop' | 'remove'>,
    icon: ReactNode,
    disabled: boolean,
  ) => (
    <Tooltip title={t(`frameworkEditor.tree.${kind}`)}>
      <Button
        size="small"
        icon={icon}
        aria-label={t(`frameworkEditor.tree.${kind}`)}
        disabled={disabled}
        onClick={() => onAction({ kind })}
      />
    </Tooltip>
  );

  return (
    <div className="criteria-tree-editor">
      <Flex
        gap={4}
        wrap
        className="tree-toolbar"
        role="toolbar"
        aria-label={t('frameworkEditor.tree.toolbar')}
      >
        {tool('addSibling', <PlusOutlined aria-hidden />, false)}
        {tool('addChild', <SubnodeOutlined aria-hidden />, !found)}
        {tool('up', <ArrowUpOutlined aria-hidden />, !found || found.index === 0)}
        {tool(
          'down',
          <ArrowDownOutlined aria-hidden />,
          !found || found.index === found.siblings.length - 1,
        )}
        {tool('outdent', <ArrowLeftOutlined aria-hidden />, !found?.parent)}
        {tool('indent', <ArrowRightOutlined aria-hidden />, !found || found.index === 0)}
        <Popconfirm
          title={t('frameworkEditor.tree.removeTitle', { code: found?.node.code ?? '' })}
          description={
            found && found.node.children.length > 0
              ? t('frameworkEditor.tree.removeWithChildren', {
                  count: found.node.children.length,
                })
              : t('frameworkEditor.tree.removeHelp')
          }
          okText={t('frameworkEditor.tree.remove')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => onAction({ kind: 'remove' })}
          disabled={!found || lastTopLevel}
        >
          <Button
            size="small"
            danger
            icon={<DeleteOutlined aria-hidden />}
            aria-label={t('frameworkEditor.tree.remove')}
            disabled={!found || lastTopLevel}
          />
        </Popconfirm>
      </Flex>
      <Tree
        className="criteria-tree"
        blockNode
        draggable={{ icon: false }}
        treeData={toData(criteria, language, faulty)}
        selectedKeys={selected ? [selected] : []}
        expandedKeys={expanded}
        onExpand={(keys) => onExpand(keys.map(String))}
        onSelect={(keys) => {
          const [key] = keys;
          if (key !== undefined) onSelect(String(key));
        }}
        onDrop={onDrop}
      />
    </div>
  );
}
