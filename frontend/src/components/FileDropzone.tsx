/**
 * The drop zone of every import screen (index set, units, accounts, agencies' figures): one file,
 * dropped or picked, handed to `onChoose`, which returns false so that the screen sends it itself.
 */
import { InboxOutlined } from '@ant-design/icons';
import type { UploadProps } from 'antd';
import { Upload } from 'antd';

interface FileDropzoneProps {
  /** The file types offered by the picker, e.g. ".xlsx" or ".csv,.xlsx". */
  accept: string;
  disabled: boolean;
  onChoose: NonNullable<UploadProps['beforeUpload']>;
  text: string;
  hint: string;
}

export function FileDropzone({ accept, disabled, onChoose, text, hint }: FileDropzoneProps) {
  return (
    <Upload.Dragger
      accept={accept}
      multiple={false}
      showUploadList={false}
      disabled={disabled}
      beforeUpload={onChoose}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined aria-hidden />
      </p>
      <p className="ant-upload-text">{text}</p>
      <p className="ant-upload-hint">{hint}</p>
    </Upload.Dragger>
  );
}
