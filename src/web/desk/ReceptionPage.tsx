import { CheckCircleOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApplicantLookup, DossierView, QueueTicket } from '../../contract';
import { componentApplies, missingComponents, requiredFor } from '../../domain/dossier/intake';
import { parseCccdQr } from '../../domain/identity/cccd';
import { ApiError, api, qs } from '../shared/api';
import { useAuth } from '../shared/auth';
import { EformFields, eformData, prefillFromApplicant } from '../shared/eform';
import type { ProcedureDetail, ProcedureList } from '../shared/types';
import { CccdCamera } from './CccdCamera';

/** The answer of POST /dossiers. */
type Accepted = DossierView;

type Decision = 'accept' | 'supplement' | 'refuse';

const when = (iso: string) => `${iso.slice(11, 16)} ngày ${iso.slice(0, 10).split('-').reverse().join('/')}`;

/** Counter reception (tiếp nhận trực tiếp): pick the procedure, tick the components, enter the applicant, accept. */
export function ReceptionPage() {
  const { user } = useAuth();
  const [form] = Form.useForm();
  const { modal } = App.useApp();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  const [received, setReceived] = useState<Set<string>>(new Set());
  /** Copies checked against the original at the desk (đối chiếu bản chính). */
  const [seen, setSeen] = useState<Set<string>>(new Set());
  /** Earlier digitised documents of a returning applicant, chosen for reuse. */
  const [reuse, setReuse] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Accepted | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  /** "Công dân không viết": the officer types the procedure's e-form for the applicant. */
  const [typing, setTyping] = useState(false);
  const [decisionText, setDecisionText] = useState({ items: '', reason: '' });
  const [scan, setScan] = useState('');
  const [scanError, setScanError] = useState<string | null>(null);
  const [returning, setReturning] = useState<ApplicantLookup | null>(null);

  /** A returning applicant: their earlier details prefill what is still empty. */
  const lookup = async (idNumber: string | undefined) => {
    setReturning(null);
    if (!idNumber || !/^\d{12}$/.test(idNumber)) return;
    try {
      // The ID number goes in the body, never in the URL (access logs; decision 0012).
      const r = await api.post<ApplicantLookup>('/api/v1/applicants/lookup', { idNumber });
      setReturning(r);
      const current = form.getFieldsValue();
      // The applicant's details as last recorded (a free-form record on the wire): only text is used.
      const given = (k: string) =>
        typeof r.applicant[k] === 'string' ? (r.applicant[k] as string) : undefined;
      const born = given('dateOfBirth');
      form.setFieldsValue({
        fullName: current.fullName || given('fullName'),
        phone: current.phone || given('phone'),
        address: current.address || given('address'),
        dateOfBirth: current.dateOfBirth || (born ? dayjs(born) : undefined),
      });
    } catch {
      // Not found: a first-time applicant.
    }
  };
  const key = useRef(crypto.randomUUID());
  const latest = useRef('');
  // Opened from a queue ticket (/desk/tiep-nhan?ticket=…): its field narrows the procedures.
  const ticketId = useSearchParams()[0].get('ticket');
  const [ticket, setTicket] = useState<QueueTicket | null>(null);
  useEffect(() => {
    if (ticketId) void api.get<QueueTicket>(`/api/v1/queue/tickets/${ticketId}`).then(setTicket);
  }, [ticketId]);

  const search = useCallback(
    async (q: string) => {
      latest.current = q;
      const r = await api.get<ProcedureList>(
        `/api/v1/procedures${qs({ q, agency: user?.agency?.id, field: ticket?.fieldCode, pageSize: 30 })}`,
      );
      if (latest.current === q)
        setOptions(r.items.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })));
    },
    [user?.agency?.id, ticket?.fieldCode],
  );
  useEffect(() => {
    void search('');
  }, [search]);
  const [frequent, setFrequent] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    void api
      .get<{ code: string; name: string }[]>('/api/v1/dossiers/frequent-procedures')
      .then(setFrequent)
      .catch(() => setFrequent([]));
  }, []);

  const choose = async (code: string) => {
    setProcedure(await api.get<ProcedureDetail>(`/api/v1/procedures/${code}`));
    setReceived(new Set());
    setSeen(new Set());
    setReuse(new Set());
    setError(null);
    setTyping(false);
  };

  /** A handheld scanner types the CCCD QR string and Enter; a webcam reader fills the same field. */
  const readCccd = (raw: string) => {
    const r = parseCccdQr(raw);
    if (!r.ok) {
      setScanError(r.message);
      return;
    }
    setScanError(null);
    setScan('');
    form.setFieldsValue({
      fullName: r.value.fullName,
      idNumber: r.value.idNumber,
      dateOfBirth: dayjs(r.value.dateOfBirth),
      address: r.value.address,
    });
    void lookup(r.value.idNumber);
  };

  const missing = procedure
    ? missingComponents(procedure, (name) => received.has(name), 'counter').map((c) => c.name)
    : [];

  const submit = async (
    v: {
      fullName: string;
      idNumber?: string;
      dateOfBirth?: { format(f: string): string };
      phone?: string;
      address?: string;
      formData?: Record<string, unknown>;
    },
    how: Decision,
  ) => {
    if (!procedure) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Accepted>(
        '/api/v1/dossiers',
        {
          procedureCode: procedure.code,
          applicant: {
            kind: 'citizen',
            fullName: v.fullName,
            ...(v.idNumber ? { idNumber: v.idNumber } : {}),
            ...(v.dateOfBirth ? { dateOfBirth: v.dateOfBirth.format('YYYY-MM-DD') } : {}),
            ...(v.phone ? { phone: v.phone } : {}),
            address: v.address ?? '',
          },
          ...(typing ? { formData: eformData(procedure.eform, v.formData) } : {}),
          components: procedure.components.map((c) => ({
            name: c.name,
            received: received.has(c.name),
            originalSeen: seen.has(c.name),
          })),
          decision: how,
          ...(how === 'supplement'
            ? {
                supplement: {
                  items: decisionText.items
                    .split('\n')
                    .map((x) => x.trim())
                    .filter(Boolean),
                  reason: decisionText.reason,
                },
              }
            : {}),
          ...(how === 'refuse' ? { refusal: { reason: decisionText.reason } } : {}),
        },
        { 'idempotency-key': key.current },
      );
      if (ticketId) {
        // The ticket records the dossier; a ticket already holding another one keeps it.
        await api
          .post(`/api/v1/queue/tickets/${ticketId}/dossier`, { dossierId: r.id })
          .catch(() => undefined);
      }
      if (how === 'accept' && reuse.size > 0) {
        await api.post(`/api/v1/dossiers/${r.id}/files/reuse`, { fileIds: [...reuse] });
      }
      setDone(r);
      setDecision(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  /** The supplement request (Mẫu 02), prefilled with what is missing. */
  const askSupplement = () => {
    setDecisionText({
      items: missing.join('\n'),
      reason: 'Hồ sơ chưa đầy đủ thành phần theo quy định.',
    });
    setDecision('supplement');
  };

  /**
   * "Tiếp nhận hồ sơ": a dossier missing a component the procedure requires is not accepted (the server refuses
   * it, COMPONENTS_MISSING): the officer is told which, before anything is sent, and led to the supplement
   * request instead.
   */
  const accept = () => {
    if (missing.length === 0) {
      form.submit();
      return;
    }
    modal.confirm({
      title: 'Hồ sơ chưa đủ thành phần bắt buộc',
      content: (
        <div>
          <p>Chưa nhận:</p>
          <ul style={{ paddingLeft: 18 }}>
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          <p>
            Hồ sơ thiếu thành phần bắt buộc không được tiếp nhận. Đánh dấu giấy tờ đã nhận nếu người nộp có
            đủ, hoặc hướng dẫn người nộp bổ sung, hoàn thiện hồ sơ (Mẫu 02).
          </p>
        </div>
      ),
      okText: 'Hướng dẫn bổ sung',
      cancelText: 'Quay lại kiểm tra',
      width: 560,
      onOk: askSupplement,
    });
  };

  const reset = () => {
    setDone(null);
    setProcedure(null);
    setReceived(new Set());
    setSeen(new Set());
    setReuse(new Set());
    setTyping(false);
    form.resetFields();
    key.current = crypto.randomUUID();
  };

  if (done) {
    const accepted = done.status.code === 2;
    const slip = accepted ? 'receipt' : done.status.code === 5 ? 'supplement-request' : 'refusal';
    return (
      <Result
        status={accepted ? 'success' : 'warning'}
        title={
          accepted
            ? `Đã tiếp nhận hồ sơ ${done.code}`
            : done.status.code === 5
              ? 'Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'
              : 'Đã lập phiếu từ chối tiếp nhận hồ sơ'
        }
        subTitle={
          accepted && done.dueAt ? `Hẹn trả kết quả: ${when(done.dueAt)}` : 'Trao phiếu cho người nộp.'
        }
        extra={[
          <a
            key="print"
            href={`/api/v1/dossiers/${done.id}/forms/${slip}.pdf`}
            target="_blank"
            rel="noreferrer"
          >
            <Button type="primary">
              {accepted
                ? 'In giấy tiếp nhận và hẹn trả (Mẫu 01)'
                : slip === 'refusal'
                  ? 'In phiếu từ chối (Mẫu 03)'
                  : 'In phiếu yêu cầu bổ sung (Mẫu 02)'}
            </Button>
          </a>,
          <Link key="view" to={`/desk/ho-so/${done.id}`}>
            <Button>Xem hồ sơ</Button>
          </Link>,
          <Button key="next" onClick={reset}>
            Tiếp nhận hồ sơ khác
          </Button>,
        ]}
      >
        {accepted && (
          <Upload.Dragger
            multiple
            accept="application/pdf,image/*"
            action={`/api/v1/dossiers/${done.id}/files?kind=component`}
            listType="picture"
            style={{ maxWidth: 640, margin: '0 auto' }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">
              Kéo thả bản quét thành phần hồ sơ vào đây (PDF, ảnh), hoặc bấm để chọn
            </p>
            <p className="ant-upload-hint">Có thể chọn nhiều tệp một lúc; xem lại trên trang hồ sơ.</p>
          </Upload.Dragger>
        )}
      </Result>
    );
  }

  return (
    <div>
      <Typography.Title level={3}>Tiếp nhận hồ sơ</Typography.Title>
      {ticket && (
        <Alert
          type="info"
          showIcon
          title={`Số thứ tự ${ticket.label} — lĩnh vực ${ticket.fieldName}`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Select
        showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
        aria-label="Thủ tục hành chính"
        placeholder="Gõ tên hoặc mã thủ tục (không dấu cũng được)"
        style={{ width: '100%', maxWidth: 720, marginBottom: 16 }}
        size="large"
        options={options}
        value={procedure?.code}
        onChange={(c: string) => void choose(c)}
      />
      {!procedure && frequent.length > 0 && (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">Thủ tục thường dùng: </Typography.Text>
          <Space wrap size={[8, 8]}>
            {frequent.map((f) => (
              <Button key={f.code} size="small" onClick={() => void choose(f.code)}>
                {f.name}
              </Button>
            ))}
          </Space>
        </div>
      )}
      {procedure && (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title="Thành phần hồ sơ"
              extra={<Tag color="gold">Thời hạn: {procedure.processingTimeText}</Tag>}
              style={{ marginBottom: 16 }}
            >
              {procedure.components
                .filter((c) => componentApplies(c, 'counter'))
                .map((c) => (
                  <div key={c.name} style={{ marginBottom: 8 }}>
                    <Checkbox
                      checked={received.has(c.name)}
                      onChange={(e) => {
                        const next = new Set(received);
                        if (e.target.checked) next.add(c.name);
                        else next.delete(c.name);
                        setReceived(next);
                      }}
                    >
                      {c.name}{' '}
                      <Typography.Text type="secondary">
                        ({c.originals} bản chính, {c.copies} bản sao
                        {requiredFor(c, 'counter')
                          ? ', bắt buộc'
                          : c.condition
                            ? `, trường hợp: ${c.condition}`
                            : ''}
                        )
                      </Typography.Text>
                    </Checkbox>
                    {received.has(c.name) && c.copies > 0 && (
                      <div style={{ marginLeft: 24 }}>
                        <Checkbox
                          checked={seen.has(c.name)}
                          onChange={(e) => {
                            const next = new Set(seen);
                            if (e.target.checked) next.add(c.name);
                            else next.delete(c.name);
                            setSeen(next);
                          }}
                        >
                          <Typography.Text type="secondary">
                            Đã đối chiếu bản sao với bản chính
                          </Typography.Text>
                        </Checkbox>
                      </div>
                    )}
                  </div>
                ))}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="Người nộp hồ sơ">
              <Form.Item
                label="Quét mã QR trên căn cước (CCCD)"
                layout="vertical"
                help={scanError ?? 'Dùng máy quét cầm tay: đặt con trỏ vào ô này rồi quét thẻ.'}
                validateStatus={scanError ? 'error' : undefined}
                style={{ marginBottom: 16 }}
              >
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    aria-label="Mã QR căn cước"
                    value={scan}
                    onChange={(e) => setScan(e.target.value)}
                    onPressEnter={() => readCccd(scan)}
                    placeholder="079190001234||Nguyễn Thị …|15081990|Nữ|…|01072021"
                  />
                  <CccdCamera onRead={readCccd} />
                </Space.Compact>
              </Form.Item>
              <Form
                form={form}
                layout="vertical"
                onFinish={(v) => submit(v, 'accept')}
                requiredMark="optional"
              >
                <Form.Item
                  name="fullName"
                  label="Họ và tên"
                  rules={[{ required: true, message: 'Hãy nhập họ và tên.' }]}
                >
                  <Input />
                </Form.Item>
                <Space wrap>
                  <Form.Item
                    name="idNumber"
                    label="Số định danh cá nhân"
                    rules={[{ pattern: /^\d{12}$/, message: 'Gồm đúng 12 chữ số.' }]}
                  >
                    <Input
                      style={{ width: 200 }}
                      inputMode="numeric"
                      onBlur={(e) => void lookup(e.target.value.trim())}
                    />
                  </Form.Item>
                  <Form.Item name="dateOfBirth" label="Ngày sinh">
                    <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                  <Form.Item
                    name="phone"
                    label="Điện thoại"
                    rules={[{ pattern: /^(\+84|0)\d{9,10}$/, message: 'Số điện thoại không hợp lệ.' }]}
                  >
                    <Input style={{ width: 160 }} inputMode="tel" />
                  </Form.Item>
                </Space>
                <Form.Item name="address" label="Địa chỉ">
                  <Input />
                </Form.Item>
                {returning && (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={`Người nộp đã có ${returning.dossiers.length} hồ sơ tại cơ quan; thông tin đã được điền sẵn.`}
                    description={
                      <div>
                        {returning.dossiers
                          .slice(0, 3)
                          .map((d) => `${d.code ?? 'chưa cấp mã'} — ${d.procedureName}`)
                          .join('; ')}
                        {returning.documents.length > 0 && (
                          <div style={{ marginTop: 8 }}>
                            Giấy tờ đã số hóa, dùng lại không cần quét:
                            {returning.documents.map((doc) => (
                              <div key={doc.fileId}>
                                <Checkbox
                                  checked={reuse.has(doc.fileId)}
                                  onChange={(e) => {
                                    const next = new Set(reuse);
                                    if (e.target.checked) next.add(doc.fileId);
                                    else next.delete(doc.fileId);
                                    setReuse(next);
                                  }}
                                >
                                  {doc.name} ({doc.kind === 'result' ? 'kết quả' : 'thành phần'} của hồ sơ{' '}
                                  {doc.code ?? '—'})
                                </Checkbox>
                              </div>
                            ))}
                          </div>
                        )}
                      </div>
                    }
                  />
                )}
                {procedure.eform.length > 0 && (
                  <Card
                    size="small"
                    type="inner"
                    title="Tờ khai điện tử"
                    style={{ marginBottom: 12 }}
                    extra={
                      <Space size={6}>
                        <Switch
                          size="small"
                          aria-label="Công dân không viết"
                          checked={typing}
                          onChange={(on) => {
                            setTyping(on);
                            if (!on) return;
                            const a = form.getFieldsValue();
                            const from = {
                              ...a,
                              dateOfBirth: a.dateOfBirth ? a.dateOfBirth.format('YYYY-MM-DD') : undefined,
                            };
                            const filled = prefillFromApplicant(procedure.eform, a.formData, from);
                            form.setFieldsValue({ formData: { ...a.formData, ...filled } });
                          }}
                        />
                        Công dân không viết
                      </Space>
                    }
                  >
                    {typing ? (
                      <EformFields fields={procedure.eform} name={['formData']} />
                    ) : (
                      <Typography.Text type="secondary">
                        Công dân nộp tờ khai giấy. Bật “Công dân không viết” để cán bộ điền tờ khai thay công
                        dân.
                      </Typography.Text>
                    )}
                  </Card>
                )}
                {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
                <Space wrap>
                  {/* Not a submit button: Enter in a field must never accept the dossier (issue 25). */}
                  <Button
                    type="primary"
                    onClick={accept}
                    loading={busy}
                    icon={<CheckCircleOutlined />}
                    size="large"
                  >
                    Tiếp nhận hồ sơ
                  </Button>
                  <Button size="large" onClick={askSupplement}>
                    Hướng dẫn bổ sung
                  </Button>
                  <Button
                    size="large"
                    danger
                    onClick={() => {
                      setDecisionText({ items: '', reason: '' });
                      setDecision('refuse');
                    }}
                  >
                    Từ chối tiếp nhận
                  </Button>
                </Space>
              </Form>
              <Modal
                open={decision !== null && decision !== 'accept'}
                title={
                  decision === 'supplement'
                    ? 'Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)'
                    : 'Từ chối tiếp nhận hồ sơ (Mẫu 03)'
                }
                okText="Lập phiếu"
                cancelText="Hủy"
                confirmLoading={busy}
                onCancel={() => setDecision(null)}
                onOk={() =>
                  // The applicant's details are checked first; their messages show under the fields.
                  form.validateFields().then(
                    (v) => submit(v, decision!),
                    () => setDecision(null),
                  )
                }
              >
                {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
                {decision === 'supplement' && (
                  <Form.Item
                    label="Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một loại; hướng dẫn một lần, đầy đủ)"
                    layout="vertical"
                  >
                    <Input.TextArea
                      aria-label="Giấy tờ cần bổ sung"
                      rows={4}
                      value={decisionText.items}
                      onChange={(e) => setDecisionText({ ...decisionText, items: e.target.value })}
                    />
                  </Form.Item>
                )}
                <Form.Item label={decision === 'refuse' ? 'Lý do từ chối' : 'Lý do'} layout="vertical">
                  <Input.TextArea
                    aria-label="Lý do"
                    rows={3}
                    value={decisionText.reason}
                    onChange={(e) => setDecisionText({ ...decisionText, reason: e.target.value })}
                  />
                </Form.Item>
              </Modal>
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
