import { CameraOutlined, DeleteOutlined, FileOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import {
  componentApplies,
  componentInCase,
  procedureCases,
  requiredFor,
} from '../../../domain/dossier/intake';
import { CasePicker } from '../../shared/CasePicker';
import type { ProcedureDetail } from '../../shared/types';
import { type DraftFile, type DraftList, draftsApi, sizeText } from './draft';
import { TYPE_NAMES } from './values';

/**
 * Step 4, "Giấy tờ": each component of the procedure, photographed or chosen as a file, and what is attached.
 * When the procedure's papers are alternatives, the applicant first picks their case (trường hợp); the list
 * then shows that case's papers and those of every case.
 */
export function ComponentsStep({
  p,
  caseLabel,
  onCase,
  meta,
  draftId,
  files,
  uploading,
  onUpload,
  onRemove,
}: {
  p: ProcedureDetail;
  caseLabel: string | null;
  onCase: (label: string) => void;
  meta: DraftList | null;
  draftId: string;
  files: DraftFile[];
  /** The component whose files are on their way. */
  uploading: string | null;
  onUpload: (component: string, list: FileList | null) => void;
  onRemove: (fileId: string) => void;
}) {
  const limits = meta
    ? `Nhận ảnh chụp hoặc bản quét: ${meta.upload.types.map((t) => TYPE_NAMES[t] ?? t).join(', ')}; tối đa ${sizeText(meta.upload.maxBytes)} mỗi tệp, ${meta.upload.maxFiles} tệp mỗi hồ sơ.`
    : '';
  const cases = procedureCases(p);
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="Trước khi tải lên"
        description={limits}
      />
      {cases.length > 0 && (
        <CasePicker
          id="submit-case-label"
          cases={cases}
          value={caseLabel}
          onChange={onCase}
          hint="Giấy tờ của thủ tục này khác nhau theo từng trường hợp; hãy chọn trường hợp của bạn."
          hintFirst
        />
      )}
      <List
        dataSource={p.components.filter(
          (c) => componentApplies(c, 'online') && componentInCase(c, caseLabel),
        )}
        renderItem={(c, i) => {
          const mine = files.filter((f) => f.component === c.name);
          const slug = `tp-${i}`;
          return (
            <List.Item style={{ display: 'block' }}>
              <div>
                <strong>{i + 1}.</strong> {c.name}{' '}
                {requiredFor(c, 'online') ? (
                  <Tag color="red">bắt buộc</Tag>
                ) : (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: '0.9em' }}>
                    {c.condition ? `Trường hợp: ${c.condition}` : 'Không bắt buộc'}
                  </Typography.Text>
                )}
              </div>
              <Space wrap style={{ marginTop: 8 }}>
                <Button
                  icon={<CameraOutlined />}
                  loading={uploading === c.name}
                  onClick={() => document.getElementById(`${slug}-camera`)?.click()}
                >
                  Chụp ảnh
                </Button>
                <input
                  id={`${slug}-camera`}
                  aria-label={`Chụp ảnh: ${c.name}`}
                  type="file"
                  accept="image/*"
                  capture="environment"
                  hidden
                  onChange={(e) => {
                    onUpload(c.name, e.target.files);
                    e.target.value = '';
                  }}
                />
                <Button
                  icon={<PaperClipOutlined />}
                  onClick={() => document.getElementById(`${slug}-file`)?.click()}
                >
                  Chọn tệp
                </Button>
                <input
                  id={`${slug}-file`}
                  aria-label={`Chọn tệp: ${c.name}`}
                  type="file"
                  accept={meta?.upload.types.join(',')}
                  multiple
                  hidden
                  onChange={(e) => {
                    onUpload(c.name, e.target.files);
                    e.target.value = '';
                  }}
                />
              </Space>
              {mine.map((f) => (
                <div key={f.fileId} style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8 }}>
                  {f.mime.startsWith('image/') && f.mime !== 'image/heic' ? (
                    <img
                      src={draftsApi.fileUrl(draftId, f.fileId)}
                      alt={f.name}
                      width={48}
                      height={48}
                      style={{ objectFit: 'cover', borderRadius: 4 }}
                    />
                  ) : (
                    <FileOutlined style={{ fontSize: 32 }} />
                  )}
                  <span style={{ flex: 1, wordBreak: 'break-all' }}>
                    {f.name} ({sizeText(f.size)})
                  </span>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`Bỏ tệp ${f.name}`}
                    onClick={() => onRemove(f.fileId)}
                  />
                </div>
              ))}
            </List.Item>
          );
        }}
      />
    </>
  );
}
