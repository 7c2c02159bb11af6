import { PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Spin,
  Steps,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { DossierView, Explanation } from '../../contract';
import { workingDurationText } from '../../domain/calendar/text';
import type { FormField } from '../../domain/catalogue/procedure';
import { CLOSED_TO_FILES, IN_PROCESSING, statusIn } from '../../domain/dossier/lifecycle';
import { ApiError, api } from '../shared/api';
import { EformView } from '../shared/eform';
import { PageTitle } from '../shared/ui';
import { DossierActions } from './DossierActions';
import { DeadlineTag, when } from './DossiersPage';
import { PaymentPanel } from './PaymentPanel';

const EVENT_LABELS: Record<string, string> = {
  submitted: 'Nộp hồ sơ',
  accepted: 'Tiếp nhận hồ sơ',
  refused: 'Từ chối tiếp nhận',
  routed: 'Chuyển xử lý',
  claimed: 'Nhận xử lý',
  'supplement-requested': 'Yêu cầu bổ sung',
  'supplement-received': 'Nhận hồ sơ bổ sung',
  'financial-requested': 'Yêu cầu nghĩa vụ tài chính',
  'financial-met': 'Hoàn thành nghĩa vụ tài chính',
  extended: 'Gia hạn',
  apologized: 'Xin lỗi và hẹn lại',
  decided: 'Lãnh đạo quyết định',
  'result-ready': 'Có kết quả',
  returned: 'Trả kết quả',
  withdrawn: 'Rút hồ sơ',
  stopped: 'Dừng xử lý',
  retimed: 'Tính lại ngày hẹn trả',
  warned: 'Cảnh báo sắp trễ hạn',
};

function remaining(m: number | null): string {
  if (m === null) return '—';
  const abs = Math.abs(m);
  const text = `${workingDurationText(abs)} làm việc`;
  return m >= 0 ? `Còn ${text}` : `Đã quá ${text}`;
}

/** The forms this dossier can print now, numbered per the regime it was received under (forms.md). */
function printable(d: DossierView): { slug: string; label: string }[] {
  const has = (t: string) => d.events.some((e) => e.type === t);
  const regime2025 = d.regime !== '2018';
  return [
    d.acceptedAt ? { slug: 'receipt', label: 'Giấy tiếp nhận, hẹn trả (Mẫu 01)' } : null,
    has('supplement-requested')
      ? { slug: 'supplement-request', label: 'Phiếu yêu cầu bổ sung (Mẫu 02)' }
      : null,
    has('refused') ? { slug: 'refusal', label: 'Phiếu từ chối (Mẫu 03)' } : null,
    has('apologized') ? { slug: 'apology', label: 'Văn bản xin lỗi, hẹn lại (Mẫu 04)' } : null,
    has('stopped') && regime2025
      ? { slug: 'stop-notice', label: 'Thông báo dừng giải quyết (Mẫu 05)' }
      : null,
    d.acceptedAt
      ? { slug: 'control-slip', label: `Phiếu kiểm soát (Mẫu ${regime2025 ? '06' : '05'})` }
      : null,
  ].filter((x) => x !== null);
}

/** What the pending supplement request asks for (the last request's items), while the dossier waits for it. */
function requestedItems(d: DossierView): string[] {
  if (d.status.code !== 5) return [];
  const last = [...d.events].reverse().find((e) => e.type === 'supplement-requested');
  return Array.isArray(last?.data.items) ? (last.data.items as string[]) : [];
}

/** What the supplement received at `index` did not bring of what its request asked for. */
function notBrought(d: DossierView, index: number): string[] {
  const got = d.events[index]?.data.components;
  const asked = d.events
    .slice(0, index)
    .reverse()
    .find((e) => e.type === 'supplement-requested')?.data.items;
  if (!Array.isArray(got) || !Array.isArray(asked)) return [];
  return (asked as string[]).filter((x) => !(got as string[]).includes(x));
}

/** One dossier: applicant, procedure version, the clock, why the due date is what it is, and its history. */
export function DossierPage() {
  const { id = '' } = useParams();
  const [d, setD] = useState<DossierView | null>(null);
  const [why, setWhy] = useState<Explanation | null>(null);
  // The e-form of the procedure version the dossier was received under, to show what was declared.
  const [eform, setEform] = useState<FormField[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [messages, setMessages] = useState<
    { topic: string; message: string; to: string; status: string; createdAt: string }[]
  >([]);
  const load = useCallback(() => {
    api
      .get<DossierView>(`/api/v1/dossiers/${id}`)
      .then(setD)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
    void api
      .get<typeof messages>(`/api/v1/dossiers/${id}/messages`)
      .then(setMessages)
      .catch(() => setMessages([]));
    void api
      .get<Explanation>(`/api/v1/dossiers/${id}/due-explanation`)
      .then(setWhy)
      .catch(() => setWhy(null));
  }, [id]);
  useEffect(load, [load]);
  const version = d ? `${d.procedure.code}/versions/${d.procedure.versionNo}` : null;
  useEffect(() => {
    if (!version) return;
    void api
      .get<{ eform: FormField[] }>(`/api/v1/procedures/${version}`)
      .then((p) => setEform(p.eform))
      .catch(() => setEform([]));
  }, [version]);
  if (error) return <Alert type="warning" showIcon title={error} />;
  if (!d) return <Spin />;
  const a = d.applicant;
  const stepKeys = ['tiep-nhan', ...d.workflow.steps.map((s) => s.key), 'tra-ket-qua'];
  const current = Math.max(0, stepKeys.indexOf(d.workflow.current ?? 'tiep-nhan'));
  // The latest late-warning for the current due date, while no apology has been sent (warnings.ts).
  const warning = [...d.events]
    .reverse()
    .find((e) => e.type === 'warned' && e.data.dueAt === d.dueAt && statusIn(IN_PROCESSING, d.status.code));
  const apologized = d.events.some((e) => e.type === 'apologized');
  return (
    <div>
      {warning && !apologized && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            warning.data.level === 'apology-late'
              ? 'Hồ sơ sắp hoặc đã trễ hạn mà chưa có thư xin lỗi, hẹn lại'
              : 'Hồ sơ có nguy cơ trễ hạn'
          }
          description={`Hẹn trả ${when(String(warning.data.dueAt))}. Nếu không giải quyết kịp, cán bộ xử lý phải gửi thư xin lỗi và hẹn lại (thao tác "Xin lỗi và hẹn lại") trước ${when(String(warning.data.apologyBy))}.`}
        />
      )}
      <PageTitle>
        Hồ sơ {d.code ?? '(chưa cấp mã)'}{' '}
        <DeadlineTag dueAt={d.dueAt} timeliness={d.timeliness} urgency={d.urgency} />
        {d.paused && <Tag color="gold">Đang tạm dừng tính thời gian</Tag>}
      </PageTitle>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Steps
          size="small"
          current={d.status.code === 10 ? stepKeys.length : current}
          items={[
            { title: 'Tiếp nhận', description: d.agency.name },
            ...d.workflow.steps.map((s) => ({
              title: s.name,
              description: (
                <>
                  {s.agencyName}
                  {s.deadline && <div>Hạn bước: {when(s.deadline)}</div>}
                </>
              ),
            })),
            { title: 'Trả kết quả', description: d.agency.name },
          ]}
        />
        <div style={{ marginTop: 12 }}>
          <Typography.Text>
            Trạng thái: <strong>{d.status.name}</strong>
            {d.currentAgency && ` · Đang ở: ${d.currentAgency.name}`}
            {d.assignee ? ` · Cán bộ xử lý: ${d.assignee.name}` : ''}
          </Typography.Text>
        </div>
        <Space wrap style={{ marginTop: 12 }}>
          {printable(d).map((f) => (
            <a
              key={f.slug}
              href={`/api/v1/dossiers/${d.id}/forms/${f.slug}.pdf`}
              target="_blank"
              rel="noreferrer"
            >
              <Button icon={<PrinterOutlined />} size="small">
                {f.label}
              </Button>
            </a>
          ))}
        </Space>
        <div style={{ marginTop: 12 }}>
          <DossierActions
            id={d.id}
            actions={d.actions}
            resultFileIds={d.files.filter((f) => f.kind === 'result').map((f) => f.fileId)}
            proposedAppointmentAt={d.proposedAppointmentAt}
            urgent={d.urgency === 'overdue' || d.urgency === 'due-soon'}
            returnAddress={typeof a.address === 'string' ? a.address : undefined}
            applicant={{
              fullName: typeof a.fullName === 'string' ? a.fullName : undefined,
              idNumber: typeof a.idNumber === 'string' ? a.idNumber : undefined,
            }}
            requested={requestedItems(d)}
            onDone={load}
          />
        </div>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="Thủ tục">
              {d.procedure.name} ({d.procedure.code}, phiên bản {d.procedure.versionNo})
            </Descriptions.Item>
            {d.case ? <Descriptions.Item label="Trường hợp">{d.case}</Descriptions.Item> : null}
            <Descriptions.Item label="Người nộp">
              {String(a.fullName ?? '')}
              {a.idNumber ? ` · Số định danh ${String(a.idNumber)}` : ''}
              {a.phone ? ` · ${String(a.phone)}` : ''}
            </Descriptions.Item>
            {d.submitter && (
              <Descriptions.Item label="Người nộp thay">
                {String(d.submitter.fullName ?? '')}
                {d.submitter.organisation ? ` (${String(d.submitter.organisation)})` : ''}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="Kênh nộp">
              {{ counter: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính công ích' }[d.channel] ??
                d.channel}
            </Descriptions.Item>
            <Descriptions.Item label="Thời hạn giải quyết">{d.legalTime?.text ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Tiếp nhận">{when(d.acceptedAt)}</Descriptions.Item>
            <Descriptions.Item label="Hẹn trả kết quả">
              <strong>{when(d.dueAt)}</strong>
              {d.appointmentAt && d.appointmentAt !== d.dueAt
                ? ` (đã hẹn lại: ${when(d.appointmentAt)})`
                : ''}
            </Descriptions.Item>
            <Descriptions.Item label="Thời gian còn lại">
              {remaining(d.remainingMinutes)}
              {d.paused ? ' (tạm dừng, chờ người nộp)' : ''}
            </Descriptions.Item>
            {d.pauses.length > 0 && (
              <Descriptions.Item label="Thời gian tạm dừng">
                {d.pauses
                  .map(
                    (p) =>
                      `${p.kind === 'supplement' ? 'Bổ sung hồ sơ' : 'Nghĩa vụ tài chính'}: ${when(p.from)} → ${p.to ? when(p.to) : 'đang chờ'}`,
                  )
                  .join('; ')}
              </Descriptions.Item>
            )}
            {d.components.length > 0 && (
              <Descriptions.Item label="Thành phần hồ sơ">
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {d.components.map((c) => (
                    <li key={c.name}>
                      {c.name} {c.received ? '✓' : '✗'}
                      {c.originalSeen ? ' (đã đối chiếu bản chính)' : ''}
                    </li>
                  ))}
                </ul>
              </Descriptions.Item>
            )}
          </Descriptions>
          {eform.length > 0 && Object.keys(d.formData ?? {}).length > 0 && (
            <div style={{ marginTop: 12 }}>
              <EformView fields={eform} data={d.formData} title="Tờ khai điện tử" />
            </div>
          )}
          {why && (
            <Card size="small" title="Vì sao hẹn trả ngày này?" style={{ marginTop: 12 }}>
              <Typography.Paragraph>{why.summary}</Typography.Paragraph>
              <Typography.Text type="secondary">
                Các buổi làm việc được tính:{' '}
                {why.counted
                  .map((c) => `${c.date.split('-').reverse().join('/')} ${c.from}–${c.to}`)
                  .join('; ')}
              </Typography.Text>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <PaymentPanel dossierId={d.id} />
          <Card size="small" title="Tệp đính kèm" style={{ marginBottom: 12 }}>
            {d.files.length === 0 && <Typography.Text type="secondary">Chưa có tệp.</Typography.Text>}
            <ul style={{ paddingLeft: 18, margin: 0 }}>
              {d.files.map((f) => (
                <li key={f.id}>
                  <a href={`/api/v1/dossiers/${d.id}/files/${f.fileId}`} target="_blank" rel="noreferrer">
                    {f.name}
                  </a>{' '}
                  <Tag>{f.kind === 'result' ? 'Kết quả' : (f.component ?? 'Thành phần hồ sơ')}</Tag>
                </li>
              ))}
            </ul>
            {!statusIn(CLOSED_TO_FILES, d.status.code) && (
              <Space style={{ marginTop: 8 }} wrap>
                <Upload
                  multiple
                  accept="application/pdf,image/*"
                  showUploadList={false}
                  action={`/api/v1/dossiers/${d.id}/files?kind=component`}
                  onChange={(i) => i.file.status === 'done' && load()}
                >
                  <Button icon={<UploadOutlined />}>Tải bản quét thành phần</Button>
                </Upload>
                <Upload
                  multiple
                  accept="application/pdf,image/*"
                  showUploadList={false}
                  action={`/api/v1/dossiers/${d.id}/files?kind=result`}
                  onChange={(i) => i.file.status === 'done' && load()}
                >
                  <Button icon={<UploadOutlined />}>Tải giấy tờ kết quả</Button>
                </Upload>
              </Space>
            )}
          </Card>
          {messages.length > 0 && (
            <Card size="small" title="Thông báo cho người nộp" style={{ marginBottom: 12 }}>
              {messages.map((m) => (
                <div key={`${m.createdAt}-${m.topic}`} style={{ marginBottom: 6 }}>
                  <Tag color={m.status === 'sent' ? 'green' : m.status === 'failed' ? 'red' : 'default'}>
                    {m.status === 'sent' ? 'Đã gửi' : m.status === 'failed' ? 'Gửi lỗi' : 'Chờ gửi'}
                  </Tag>
                  <Typography.Text type="secondary">{m.to}: </Typography.Text>
                  {m.message}
                </div>
              ))}
            </Card>
          )}
          <Card size="small" title="Quá trình xử lý">
            <Timeline
              items={d.events.map((e, i) => ({
                content: (
                  <div>
                    <strong>{EVENT_LABELS[e.type] ?? e.type}</strong> — {when(e.at)}
                    {e.actor && <div>{e.actor}</div>}
                    {typeof e.data.agencyName === 'string' && e.type === 'routed' && (
                      <div style={{ color: '#666' }}>
                        {e.data.back ? 'Trả lại' : 'Chuyển'} đến {e.data.agencyName}
                        {typeof e.data.note === 'string' && e.data.note ? `: ${e.data.note}` : ''}
                      </div>
                    )}
                    {typeof e.data.assigneeName === 'string' && (
                      <div style={{ color: '#666' }}>Giao cho {e.data.assigneeName}</div>
                    )}
                    {Array.isArray(e.data.items) && (
                      <div style={{ color: '#666' }}>
                        Cần bổ sung: {(e.data.items as string[]).join('; ')}
                      </div>
                    )}
                    {e.type === 'supplement-received' && Array.isArray(e.data.components) && (
                      <div style={{ color: '#666' }}>
                        Đã nhận: {(e.data.components as string[]).join('; ') || '—'}
                        {notBrought(d, i).length > 0 && <div>Chưa nhận: {notBrought(d, i).join('; ')}</div>}
                        {typeof e.data.note === 'string' && e.data.note ? <div>{e.data.note}</div> : null}
                      </div>
                    )}
                    {typeof e.data.newAppointmentAt === 'string' && (
                      <div style={{ color: '#666' }}>Hẹn lại: {when(e.data.newAppointmentAt)}</div>
                    )}
                    {e.type === 'decided' && (
                      <div style={{ color: '#666' }}>
                        {e.data.outcome === 'approved' ? 'Phê duyệt' : 'Từ chối giải quyết'}
                        {e.data.comment ? `: ${String(e.data.comment)}` : ''}
                      </div>
                    )}
                    {e.type === 'warned' && Array.isArray(e.data.recipients) && (
                      <div style={{ color: '#666' }}>
                        Hạn xin lỗi, hẹn lại: {when(String(e.data.apologyBy))} · Đã báo:{' '}
                        {(e.data.recipients as { name: string; role: string }[])
                          .map((r) => `${r.name} (${r.role === 'leader' ? 'lãnh đạo' : 'cán bộ xử lý'})`)
                          .join(', ')}
                      </div>
                    )}
                    {typeof e.data.reason === 'string' && (
                      <div style={{ color: '#666' }}>{e.data.reason}</div>
                    )}
                    {typeof e.data.dueAt === 'string' && (
                      <div style={{ color: '#666' }}>Hẹn trả: {when(e.data.dueAt)}</div>
                    )}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
