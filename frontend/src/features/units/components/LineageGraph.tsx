import { Empty, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { unitPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';

import type { UnitHistory } from '../api/admin';
import { lineageEvents, lineageLayout } from '../lib/lineage';

const NODE_WIDTH = 190;
const NODE_HEIGHT = 56;
const COLUMN_GAP = 90;
const ROW_GAP = 22;
const PAD = 8;

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * The unit's lineage: its predecessors to the left and the units that replaced it to the right,
 * generation by generation (a solid line: merged whole; dashed: a part), and the same as dated
 * sentences with links, which screen readers read instead of the drawing.
 */
export function LineageGraph({ history }: { history: UnitHistory }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = useId();
  const layout = lineageLayout(history);
  const events = lineageEvents(layout.links);
  const names = new Map(layout.nodes.map((node) => [node.unit.code, node.unit]));
  const nameOf = (code: string) => {
    const unit = names.get(code);
    return unit ? `${localized(language, unit.name_vi, unit.name_en)} (${code})` : code;
  };

  if (layout.links.length === 0) {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('adminUnits.lineage.none')} />
    );
  }

  const columns = layout.last - layout.first + 1;
  const width = columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP + 2 * PAD;
  const height = layout.height * NODE_HEIGHT + (layout.height - 1) * ROW_GAP + 2 * PAD;
  const position = new Map(
    layout.nodes.map((node) => {
      const inColumn = layout.nodes.filter((other) => other.generation === node.generation).length;
      const offset = ((layout.height - inColumn) * (NODE_HEIGHT + ROW_GAP)) / 2;
      return [
        node.unit.code,
        {
          x: PAD + (node.generation - layout.first) * (NODE_WIDTH + COLUMN_GAP),
          y: PAD + offset + node.row * (NODE_HEIGHT + ROW_GAP),
        },
      ];
    }),
  );

  return (
    <div className="lineage">
      <div className="lineage-scroll">
        <svg
          role="img"
          aria-labelledby={titleId}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          className="lineage-graph"
        >
          <title id={titleId}>
            {t('adminUnits.lineage.graphTitle', { unit: nameOf(history.unit.code) })}
          </title>
          {layout.links.map((link) => {
            const from = position.get(link.predecessor_code);
            const to = position.get(link.successor_code);
            if (!from || !to) return null;
            const x1 = from.x + NODE_WIDTH;
            const y1 = from.y + NODE_HEIGHT / 2;
            const x2 = to.x;
            const y2 = to.y + NODE_HEIGHT / 2;
            const middle = (x1 + x2) / 2;
            return (
              <path
                key={`${link.predecessor_code}>${link.successor_code}`}
                d={`M${x1},${y1} C${middle},${y1} ${middle},${y2} ${x2 - 6},${y2}`}
                className={`lineage-link lineage-link-${link.share ?? 'unknown'}`}
                markerEnd="url(#lineage-arrow)"
              />
            );
          })}
          <defs>
            <marker
              id="lineage-arrow"
              viewBox="0 0 10 10"
              refX="4"
              refY="5"
              markerWidth="8"
              markerHeight="8"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className="lineage-arrow" />
            </marker>
          </defs>
          {layout.nodes.map((node) => {
            const at = position.get(node.unit.code);
            if (!at) return null;
            const from = formatDate(node.unit.valid_from);
            const to = formatDate(node.unit.valid_to);
            return (
              <g key={node.unit.code} transform={`translate(${at.x},${at.y})`}>
                <rect
                  width={NODE_WIDTH}
                  height={NODE_HEIGHT}
                  rx={6}
                  className={node.current ? 'lineage-node lineage-node-current' : 'lineage-node'}
                />
                <text x={10} y={20} className="lineage-code">
                  {node.unit.code}
                </text>
                <text x={10} y={36} className="lineage-name">
                  {truncate(localized(language, node.unit.name_vi, node.unit.name_en), 28)}
                </text>
                <text x={10} y={50} className="lineage-dates">
                  {`${from || '…'} – ${to || '…'}`}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <Typography.Paragraph type="secondary" className="lineage-legend">
        <span className="lineage-key lineage-key-whole" aria-hidden />{' '}
        {t('adminUnits.lineage.whole')}{' '}
        <span className="lineage-key lineage-key-part" aria-hidden /> {t('adminUnits.lineage.part')}
      </Typography.Paragraph>
      <Typography.Title level={3} className="lineage-events-title">
        {t('adminUnits.lineage.eventsTitle')}
      </Typography.Title>
      <ol className="lineage-events">
        {events.map((event) => (
          <li key={`${event.date ?? ''}-${event.successor}`}>
            {t('adminUnits.lineage.event', {
              date: event.date ? formatDate(event.date) : t('adminUnits.lineage.undated'),
              successor: nameOf(event.successor),
            })}{' '}
            {event.parts.map((part, index) => (
              <span key={part.code}>
                {index > 0 ? ', ' : ''}
                <Link to={unitPath(part.code)}>{nameOf(part.code)}</Link>{' '}
                {part.share === 'whole'
                  ? t('adminUnits.lineage.wholeShort')
                  : part.share === 'part'
                    ? t('adminUnits.lineage.partShort')
                    : ''}
              </span>
            ))}
            {event.successor !== history.unit.code ? (
              <>
                {' → '}
                <Link to={unitPath(event.successor)}>{event.successor}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
