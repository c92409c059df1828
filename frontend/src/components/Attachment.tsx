/**
 * One optional attached file in a form (a unit's feedback on its results, a proposal for the index
 * set): the picker keeps the last file chosen and never uploads by itself; the form sends it with
 * the rest and shows its progress meanwhile.
 */
import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { Button, Progress, Upload } from 'antd';

/** What such a file may be: documents, sheets and pictures (the API checks the bytes again). */
export const ATTACHMENT_TYPES = '.pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg';

interface AttachmentPickerProps {
  id: string;
  files: UploadFile[];
  onChange: (files: UploadFile[]) => void;
  /** The button's text. */
  label: string;
}

export function AttachmentPicker({ id, files, onChange, label }: AttachmentPickerProps) {
  return (
    <Upload
      id={id}
      accept={ATTACHMENT_TYPES}
      maxCount={1}
      fileList={files}
      beforeUpload={() => false}
      onChange={({ fileList }) => onChange(fileList.slice(-1))}
    >
      <Button icon={<UploadOutlined aria-hidden />}>{label}</Button>
    </Upload>
  );
}

/** The upload's progress, announced to screen readers; nothing before it starts. */
export function AttachmentProgress({ percent, label }: { percent: number | null; label: string }) {
  return percent === null ? null : (
    <div role="status" aria-live="polite">
      <Progress percent={percent} size="small" aria-label={label} />
    </div>
  );
}
