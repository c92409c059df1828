import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Flex, List, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { PATHS, assessmentPath } from '@/config/paths';
import { localized, useLanguage } from '@/i18n';
import { formatDate } from '@/lib/format';

import type { TodoItem, TodoSection } from '../api/todo';

/** The words of one item, from its key and figures. */
export function itemText(t: TFunction, item: TodoItem): string {
  const count = item.count ?? 0;
  const date = formatDate(item.date);
  switch (item.key) {
    case 'answers_left':
      return item.done
        ? t('home.todo.answers_left.done')
        : t('home.todo.answers_left.todo', { count });
    case 'returned':
      return item.done ? t('home.todo.returned.done') : t('home.todo.returned.todo', { count });
    case 'deadline':
      if (item.done) return t('home.todo.deadline.done');
      if (item.date === null || item.date === undefined) return t('home.todo.deadline.none');
      return count < 0
        ? t('home.todo.deadline.late', { count: -count, date })
        : t('home.todo.deadline.ahead', { count, date });
    case 'submit':
      if (item.done) return t('home.todo.submit.done');
      return count === 0 ? t('home.todo.submit.ready') : t('home.todo.submit.todo', { count });
    case 'to_review':
      return item.done ? t('home.todo.to_review.done') : t('home.todo.to_review.todo', { count });
    case 'awaiting_units':
      return item.done
        ? t('home.todo.awaiting_units.done')
        : t('home.todo.awaiting_units.todo', { count });
    case 'late_units':
      return item.done ? t('home.todo.late_units.done') : t('home.todo.late_units.todo', { count });
    case 'runs_waiting':
      return item.done
        ? t('home.todo.runs_waiting.done')
        : t('home.todo.runs_waiting.todo', { count });
    case 'rounds_to_publish':
      return item.done
        ? t('home.todo.rounds_to_publish.done')
        : t('home.todo.rounds_to_publish.todo', { count });
    case 'framework_active':
      return item.done
        ? t('home.todo.framework_active.done', { count })
        : t('home.todo.framework_active.todo', { count });
    case 'units':
      return item.done
        ? t('home.todo.units.done', { count })
        : t('home.todo.units.todo', { count });
    case 'accounts':
      return item.done ? t('home.todo.accounts.done') : t('home.todo.accounts.todo', { count });
    case 'api_clients':
      return item.done
        ? t('home.todo.api_clients.done', { count })
        : t('home.todo.api_clients.todo', { count });
    case 'round':
      return item.done ? t('home.todo.round.done', { year: count }) : t('home.todo.round.todo');
    case 'schedule':
      return item.done ? t('home.todo.schedule.done', { date }) : t('home.todo.schedule.todo');
    default:
      return item.key;
  }
}

/** Where an item is acted on: an existing screen (the admin's ones are the admin screens). */
export function itemLink(section: TodoSection, item: TodoItem): string {
  switch (item.key) {
    case 'answers_left':
    case 'returned':
    case 'deadline':
    case 'submit':
      return section.round_id && section.unit_code
        ? assessmentPath(section.round_id, section.unit_code)
        : PATHS.assessment;
    case 'to_review':
    case 'awaiting_units':
      return PATHS.review;
    case 'late_units':
      return PATHS.progress;
    case 'runs_waiting':
    case 'rounds_to_publish':
      return PATHS.publish;
    case 'framework_active':
      return PATHS.frameworks;
    case 'units':
      return PATHS.unitAdmin;
    case 'accounts':
      return PATHS.users;
    case 'api_clients':
      return PATHS.apiClients;
    default:
      return PATHS.roundSetup; // round, schedule
  }
}

/** The to-do list: a titled list per section, each item done or to do, with its link. */
export function TodoList({ sections }: { sections: readonly TodoSection[] }) {
  const { t } = useTranslation();
  const language = useLanguage();

  const heading = (section: TodoSection) => {
    const round = localized(language, section.round_title_vi ?? '', section.round_title_en ?? '');
    switch (section.section) {
      case 'unit':
        return t('home.todo.sections.unit', { unit: section.unit_code ?? '', round });
      case 'review':
        return t('home.todo.sections.review', { round });
      case 'approve':
        return t('home.todo.sections.approve');
      default:
        return t('home.todo.sections.setup');
    }
  };

  if (sections.length === 0) {
    return <Typography.Paragraph type="secondary">{t('home.todo.empty')}</Typography.Paragraph>;
  }
  return (
    <Flex vertical gap="middle">
      {sections.map((section) => {
        const id = `todo-${section.section}-${section.round_id ?? 'all'}`;
        return (
          <section key={id} aria-labelledby={id} data-testid={id}>
            <h4 id={id} className="card-heading">
              {heading(section)}
            </h4>
            <List
              size="small"
              dataSource={section.items}
              renderItem={(item) => (
                <List.Item
                  data-testid={`todo-item-${item.key}`}
                  data-done={item.done}
                  actions={[
                    <Link
                      key="open"
                      to={itemLink(section, item)}
                      aria-label={`${t('home.todo.open')}: ${itemText(t, item)}`}
                    >
                      {t('home.todo.open')}
                    </Link>,
                  ]}
                >
                  <Flex gap="small" align="baseline">
                    {item.done ? (
                      <CheckCircleFilled
                        style={{ color: '#237804' }}
                        aria-label={t('home.todo.doneLabel')}
                        role="img"
                      />
                    ) : (
                      <ExclamationCircleFilled
                        style={{ color: '#ad4e00' }}
                        aria-label={t('home.todo.todoLabel')}
                        role="img"
                      />
                    )}
                    <Typography.Text strong={!item.done}>{itemText(t, item)}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
            {section.section === 'setup' ? (
              <Link to={PATHS.audit}>{t('home.todo.audit')}</Link>
            ) : null}
          </section>
        );
      })}
    </Flex>
  );
}
