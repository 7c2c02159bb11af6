import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, List, Space, Spin, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { MyDossier } from '../../../contract';
import { temporaryReference } from '../../../domain/dossier/code';
import { ApiError, api } from '../../shared/api';
import { PageTitle } from '../../shared/ui';
import { StatusTag, when } from './MyDossiersPage';

const MAX_MB = 10;

/** /ho-so-cua-toi/:id — progress in plain words; when a supplement is asked for, what and how to send it. */
function MyDossierPageInner() {
  const { id } = useParams();
  const { message } = App.useApp();
  const [d, setD] = useState<MyDossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<File[]>([]);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const load = useCallback(() => {
    api
      .get<MyDossier>(`/api/v1/my/dossiers/${id}`)
      .then(setD)
      .catch((e) => setError(e instanceof ApiError ? e.message : 'Không tải được hồ sơ.'));
  }, [id]);
  useEffect(load, [load]);

  const add = (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    const tooBig = chosen.find((f) => f.size > MAX_MB * 1024 * 1024);
    if (tooBig) {
      message.error(`Tệp ${tooBig.name} lớn hơn ${MAX_MB} MB; hãy chụp lại với độ phân giải thấp hơn.`);
      return;
    }
    setPicked((p) => [...p, ...chosen]);
  };
  const send = async () => {
    const form = new FormData();
    if (note.trim()) form.append('note', note.trim());
    for (const f of picked) form.append('files', f, f.name);
    setSending(true);
    try {
      setD(await api.upload<MyDossier>(`/api/v1/my/dossiers/${id}/supplement`, form));
      setPicked([]);
      setNote('');
      message.success('Đã nộp bổ sung. Cơ quan tiếp tục giải quyết hồ sơ của bạn.');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : 'Chưa nộp được; hãy thử lại.');
    } finally {
      setSending(false);
    }
  };

  if (error)
    return (
      <>
        <PageTitle style={{ marginTop: 8 }}>Hồ sơ của tôi</PageTitle>
        <Alert type="error" showIcon title={error} />
      </>
    );
  if (!d) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return (
    <div>
      <Link to="/ho-so-cua-toi">← Hồ sơ của tôi</Link>
      <PageTitle style={{ marginTop: 8 }}>{d.procedure.name}</PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag status={d.status} timeliness={d.timeliness} />
        {d.code ? <strong>{d.code}</strong> : <span>Mã tạm {temporaryReference(d.id)}</span>}
      </Space>
      {d.supplement && (
        <Card
          title="Cần bổ sung, hoàn thiện hồ sơ"
          style={{ marginBottom: 12, borderColor: '#d46b08' }}
          styles={{ header: { background: '#fff7e6' } }}
        >
          <Typography.Paragraph>Cơ quan cần bạn nộp thêm:</Typography.Paragraph>
          <ul>
            {d.supplement.items.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
          <Typography.Paragraph>
            Lý do: {d.supplement.reason}
            <br />
            Thời gian giải quyết tạm dừng từ {when(d.supplement.requestedAt)} và được tính lại khi bạn nộp đủ.
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            Chụp ảnh rõ nét hoặc chọn tệp PDF; mỗi tệp tối đa {MAX_MB} MB (JPEG, PNG, WebP, HEIC, PDF).
          </Typography.Paragraph>
          <Space wrap>
            <Button icon={<CameraOutlined />} onClick={() => document.getElementById('supp-camera')?.click()}>
              Chụp ảnh
            </Button>
            <input
              id="supp-camera"
              aria-label="Chụp ảnh giấy tờ bổ sung"
              type="file"
              accept="image/*"
              capture="environment"
              hidden
              onChange={(e) => {
                add(e.target.files);
                e.target.value = '';
              }}
            />
            <Button
              icon={<PaperClipOutlined />}
              onClick={() => document.getElementById('supp-file')?.click()}
            >
              Chọn tệp
            </Button>
            <input
              id="supp-file"
              aria-label="Chọn tệp giấy tờ bổ sung"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/heic,application/pdf"
              multiple
              hidden
              onChange={(e) => {
                add(e.target.files);
                e.target.value = '';
              }}
            />
          </Space>
          {picked.length > 0 && (
            <List
              size="small"
              style={{ marginTop: 8 }}
              dataSource={picked}
              renderItem={(f, i) => (
                <List.Item
                  actions={[
                    <Button
                      key="x"
                      size="small"
                      onClick={() => setPicked((p) => p.filter((_, j) => j !== i))}
                    >
                      Bỏ
                    </Button>,
                  ]}
                >
                  {f.name} ({Math.ceil(f.size / 1024)} KB)
                </List.Item>
              )}
            />
          )}
          <Input.TextArea
            aria-label="Ghi chú cho cơ quan (không bắt buộc)"
            placeholder="Ghi chú cho cơ quan (không bắt buộc)"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoSize
            style={{ marginTop: 8 }}
            maxLength={2000}
          />
          <Button
            type="primary"
            block
            size="large"
            style={{ marginTop: 12 }}
            disabled={picked.length === 0}
            loading={sending}
            onClick={() => void send()}
          >
            Nộp bổ sung
          </Button>
        </Card>
      )}
      <Descriptions bordered column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label="Cơ quan tiếp nhận">{d.agencyName}</Descriptions.Item>
        <Descriptions.Item label="Người yêu cầu">{d.applicantName}</Descriptions.Item>
        <Descriptions.Item label="Nộp lúc">{when(d.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="Tiếp nhận lúc">{when(d.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label="Hẹn trả kết quả">
          {d.paused ? 'Tạm dừng, chờ bổ sung' : when(d.appointmentAt ?? d.dueAt)}
        </Descriptions.Item>
        {d.returnedAt && <Descriptions.Item label="Đã trả kết quả">{when(d.returnedAt)}</Descriptions.Item>}
      </Descriptions>
      <Card size="small" title="Quá trình giải quyết">
        <Timeline
          items={d.timeline.map((t) => ({
            content: (
              <div>
                <Typography.Text type="secondary">{when(t.at)}</Typography.Text>
                <div>{t.text}</div>
              </div>
            ),
          }))}
        />
      </Card>
      {d.files.length > 0 && (
        <Card size="small" title="Giấy tờ đã nộp" style={{ marginTop: 12 }}>
          <ul style={{ margin: 0 }}>
            {d.files.map((f) => (
              <li key={`${f.name}-${f.uploadedAt}`}>
                {f.name} — {f.component} ({when(f.uploadedAt)})
              </li>
            ))}
          </ul>
        </Card>
      )}
      {d.code && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          <Link to={`/tra-cuu/${d.code}`}>Tra cứu công khai, lệ phí và đánh giá</Link>
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** Inside antd's App for its message context (the portal's shell does without it). */
export function MyDossierPage() {
  return (
    <App component={false}>
      <MyDossierPageInner />
    </App>
  );
}
