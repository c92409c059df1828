import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Evidence } from '@/api/types';

import { mockApi } from '@/test/api-mock';

import { EvidencePanel } from './EvidencePanel';

/** A stand-in for XMLHttpRequest: the test decides when bytes go out and what the API answers. */
class FakeXhr {
  static last: FakeXhr | null = null;
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  responseType = '';
  status = 0;
  responseText = '';
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.last = this;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const stored: Evidence = {
  id: 7,
  sha256: 'ab'.repeat(32),
  filename: 'quyet-dinh.pdf',
  size: 2048,
  content_type: 'application/pdf',
  indicator_code: '1.1',
  uploaded_at: '2025-03-01T02:00:00Z',
  uploaded_by: 'q1.editor',
};

function renderPanel(files: Evidence[] = [], editable = true) {
  const reload = vi.fn(() => Promise.resolve(undefined));
  const editor = { write: <T,>(task: () => Promise<T>) => task(), reload };
  render(
    <EvidencePanel
      roundId={1}
      unitCode="Q1"
      indicatorCode="1.1"
      files={files}
      editable={editable}
      editor={editor}
    />,
  );
  return { reload, user: userEvent.setup() };
}

afterEach(() => {
  FakeXhr.last = null;
});

describe('evidence panel', () => {
  it('uploads a file with a progress bar, then reads the assessment again', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const { reload, user } = renderPanel();
    expect(screen.getByText('Chưa có tài liệu nào.')).toBeInTheDocument();

    const file = new File(['%PDF-1.4\n'], 'bien-ban.pdf', { type: 'application/pdf' });
    await user.upload(screen.getByLabelText('Chọn tài liệu kiểm chứng cho chỉ số 1.1'), file);
    const request = FakeXhr.last;
    if (!request) throw new Error('no upload sent');
    expect(request.method).toBe('POST');
    expect(request.url).toMatch(/\/api\/v1\/rounds\/1\/units\/Q1\/evidence$/);
    expect(request.headers['Accept-Language']).toBe('vi');
    expect(request.body?.get('indicator_code')).toBe('1.1');
    expect((request.body?.get('file') as File).name).toBe('bien-ban.pdf');

    act(() => request.progress(50, 100));
    const bar = screen.getByRole('progressbar', { name: 'Đang tải lên bien-ban.pdf' });
    expect(bar).toHaveAttribute('aria-valuenow', '50');

    act(() => request.answer(201, { ...stored, filename: 'bien-ban.pdf' }));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(reload).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument());
  });

  it("shows the API's reason when a file is refused", async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const { reload, user } = renderPanel();
    await user.upload(
      screen.getByLabelText('Chọn tài liệu kiểm chứng cho chỉ số 1.1'),
      new File(['MZ'], 'virus.pdf', { type: 'application/pdf' }),
    );
    act(() =>
      FakeXhr.last?.answer(415, {
        type: 'about:blank',
        title: 'Unsupported',
        status: 415,
        detail: 'Loại tệp không được chấp nhận.',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Không tải lên được: Loại tệp không được chấp nhận.',
    );
    expect(reload).not.toHaveBeenCalled();
  });

  it('lists the files, with download, and no upload once read-only', () => {
    renderPanel([stored], false);
    const list = screen.getByRole('list', { name: 'Tài liệu kiểm chứng của chỉ số 1.1' });
    expect(
      within(list).getByRole('button', { name: 'Tải xuống quyet-dinh.pdf' }),
    ).toBeInTheDocument();
    expect(
      within(list).getByText(/^2 KB · \d\d\/\d\d\/2025 \d\d:\d\d · q1\.editor$/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tải tài liệu lên' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Gỡ tài liệu quyet-dinh.pdf' }),
    ).not.toBeInTheDocument();
  });

  it('shows a PDF in place, fetched with the token, and offers no preview for other types', async () => {
    const { fetchMock } = mockApi({
      'GET /api/v1/evidence/7': { body: undefined, headers: { 'Content-Type': 'application/pdf' } },
    });
    const createObjectURL = vi.fn(() => 'blob:preview-7');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const docx: Evidence = {
      ...stored,
      id: 8,
      filename: 'bao-cao.docx',
      content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    };
    const { user } = renderPanel([stored, docx], false);
    expect(screen.queryByRole('button', { name: 'Xem bao-cao.docx' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Xem quyet-dinh.pdf' }));
    await waitFor(() =>
      expect(document.querySelector('iframe.evidence-frame')).toHaveAttribute(
        'src',
        'blob:preview-7',
      ),
    );
    expect(document.querySelector('iframe.evidence-frame')).toHaveAttribute(
      'title',
      'Xem quyet-dinh.pdf',
    );
    expect(fetchMock).toHaveBeenCalled();
  });
});
