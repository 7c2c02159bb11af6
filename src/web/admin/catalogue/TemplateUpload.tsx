import { UploadOutlined } from '@ant-design/icons';
import { Button, Space, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../shared/api';

/** Uploads a form template (PDF, Word, ODT, Excel) and holds its file id. */
export function TemplateUpload({
  value,
  onChange,
  label,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  label: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Space size={4}>
      <Upload
        showUploadList={false}
        accept=".pdf,.doc,.docx,.odt,.xls,.xlsx"
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(null);
          try {
            const fd = new FormData();
            fd.set('file', file as File);
            const r = await api.upload<{ id: string }>('/api/v1/files/templates', fd);
            onChange?.(r.id);
          } catch (e) {
            setError(e instanceof ApiError ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button size="small" icon={<UploadOutlined />} loading={busy} aria-label={label}>
          {value ? 'Thay tệp mẫu' : 'Tải tệp mẫu'}
        </Button>
      </Upload>
      {value && (
        <a href={`/api/v1/files/${value}`} target="_blank" rel="noreferrer">
          Xem
        </a>
      )}
      {value && (
        <Button size="small" type="link" onClick={() => onChange?.(null)}>
          Bỏ
        </Button>
      )}
      {error && <span style={{ color: '#b3261e' }}>{error}</span>}
    </Space>
  );
}
