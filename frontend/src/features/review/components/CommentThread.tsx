import { CommentOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem-message';

import { useAddComment, useComments } from '../api/review';

interface CommentThreadProps {
  roundId: number;
  unitCode: string;
  indicatorCode: string;
  /** How many messages the thread holds (from the assessment), shown while it is closed. */
  count: number;
  /** Called after a message is sent (the page refreshes the count). */
  onSent?: () => unknown;
}

/** The thread on one answer between the unit and DIC: opened on demand, oldest message first. */
export function CommentThread({
  roundId,
  unitCode,
  indicatorCode,
  count,
  onSent,
}: CommentThreadProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const comments = useComments(roundId, unitCode, indicatorCode, open);
  const send = useAddComment(roundId, unitCode, indicatorCode, { onSuccess: () => setText('') });
  const inputId = `comment-${indicatorCode}`;
  if (!open) {
    return (
      <Button
        size="small"
        type="link"
        icon={<CommentOutlined aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t('review.thread', { count })}
      </Button>
    );
  }
  return (
    <section
      className="comment-thread"
      aria-label={t('review.threadLabel', { code: indicatorCode })}
    >
      <Typography.Text strong>{t('review.threadTitle')}</Typography.Text>
      {comments.isError ? (
        <Alert type="error" showIcon title={problemMessage(comments.error, t)} />
      ) : null}
      <ol className="comment-list">
        {(comments.data ?? []).map((comment) => (
          <li key={comment.id} className={`comment comment-${comment.author_side}`}>
            <div className="comment-meta">
              <Typography.Text strong>{comment.author_name ?? comment.author}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {t(comment.author_side === 'dic' ? 'review.sideDic' : 'review.sideUnit')} ·{' '}
                {formatDateTime(comment.created_at)}
              </Typography.Text>
            </div>
            <p className="comment-body">{comment.body}</p>
          </li>
        ))}
        {comments.data && comments.data.length === 0 ? (
          <li>
            <Typography.Text type="secondary">{t('review.noComments')}</Typography.Text>
          </li>
        ) : null}
      </ol>
      <label htmlFor={inputId} className="sr-only">
        {t('review.newComment')}
      </label>
      <Input.TextArea
        id={inputId}
        placeholder={t('review.newComment')}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={4000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {send.isError ? (
        <Alert type="error" showIcon role="alert" title={problemMessage(send.error, t)} />
      ) : null}
      <Space className="comment-actions">
        <Button
          type="primary"
          size="small"
          disabled={!text.trim()}
          loading={send.isPending}
          onClick={() => send.mutate(text, { onSuccess: () => onSent?.() })}
        >
          {t('review.send')}
        </Button>
        <Button size="small" onClick={() => setOpen(false)}>
          {t('common.close')}
        </Button>
      </Space>
    </section>
  );
}
