import { DollarOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { FeesView, PaymentView } from '../../contract';
import { PAYMENT_METHOD, PAYMENT_STATUS, vnd } from '../portal/payments/FeesBlock';
import { ApiError, api } from '../shared/api';
import { useAuth } from '../shared/auth';
import { ENDED_WITHOUT_RESULT, statusIn } from '../../domain/dossier/lifecycle';

interface Choice {
  include: boolean;
  amountVnd: number | null;
  exempt: boolean;
  exemptReason: string;
}

const when = (iso: string | null) =>
  iso ? `${iso.slice(11, 16)} ${iso.slice(0, 10).split('-').reverse().join('/')}` : '';

/** The request form: which fees, at what amount (province-set ones typed in), who is exempt and why. */
function RequestForm({ fees, onDone }: { fees: FeesView; onDone: (v: FeesView) => void }) {
  const [choices, setChoices] = useState<Choice[]>(() =>
    fees.lines.map((l) => ({ include: l.owed, amountVnd: l.amountVnd, exempt: false, exemptReason: '' })),
  );
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (i: number, patch: Partial<Choice>) =>
    setChoices((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const total = choices.reduce((s, c) => s + (c.include && !c.exempt ? (c.amountVnd ?? 0) : 0), 0);
  const send = async () => {
    setBusy(true);
    setError(null);
    const lines = choices
      .map((c, index) => ({ c, index }))
      .filter(({ c }) => c.include)
      .map(({ c, index }) =>
        c.exempt
          ? { index, exemptReason: c.exemptReason }
          : { index, ...(c.amountVnd === null ? {} : { amountVnd: c.amountVnd }) },
      );
    try {
      onDone(
        await api.post<FeesView>(`/api/v1/dossiers/${fees.dossier.id}/payments`, {
          lines,
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={6}>
      {fees.lines.map((l, i) => {
        const c = choices[i]!;
        return (
          <div key={l.index} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}>
            <Checkbox checked={c.include} onChange={(e) => set(i, { include: e.target.checked })}>
              {l.name}
              {l.otherChannel && <Tag style={{ marginLeft: 4 }}>kênh khác</Tag>}
              {l.optional && <Tag style={{ marginLeft: 4 }}>nếu có yêu cầu</Tag>}
            </Checkbox>
            {c.include && (
              <Space wrap style={{ marginTop: 4, marginLeft: 24 }}>
                <InputNumber<number>
                  aria-label={`Số tiền: ${l.name}`}
                  min={0}
                  step={1000}
                  value={c.amountVnd}
                  disabled={c.exempt}
                  placeholder="Số tiền"
                  formatter={(v) => (v === undefined || v === null ? '' : Number(v).toLocaleString('vi-VN'))}
                  parser={(v) => Number((v ?? '').replace(/\D/g, '')) || 0}
                  onChange={(v) => set(i, { amountVnd: v ?? null })}
                  suffix="đồng"
                  style={{ width: 170 }}
                />
                <Checkbox checked={c.exempt} onChange={(e) => set(i, { exempt: e.target.checked })}>
                  Miễn
                </Checkbox>
                {c.exempt && (
                  <Input
                    aria-label={`Lý do miễn: ${l.name}`}
                    placeholder="Đối tượng được miễn, giấy tờ chứng minh"
                    value={c.exemptReason}
                    onChange={(e) => set(i, { exemptReason: e.target.value })}
                    style={{ width: 260 }}
                  />
                )}
              </Space>
            )}
            {(l.rule || l.exemptions) && (
              <div style={{ marginLeft: 24, fontSize: 12, color: '#666' }}>
                {l.rule}
                {l.exemptions && ` Miễn: ${l.exemptions}`}
              </div>
            )}
          </div>
        );
      })}
      <Input placeholder="Ghi chú (không bắt buộc)" value={note} onChange={(e) => setNote(e.target.value)} />
      {error && <Alert type="error" showIcon title={error} />}
      <Button type="primary" loading={busy} onClick={send} disabled={total <= 0}>
        Gửi yêu cầu nộp {vnd(total)}
      </Button>
    </Space>
  );
}

function PaymentRow({
  p,
  desk,
  onChange,
}: {
  p: PaymentView;
  desk: boolean;
  onChange: (v: FeesView) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [cancelReason, setCancelReason] = useState('');
  const [cancelOpen, setCancelOpen] = useState(false);
  const act = async (path: string, body: unknown) => {
    setError(null);
    try {
      onChange(await api.post<FeesView>(`/api/v1/payments/${p.id}/${path}`, body));
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      return false;
    }
  };
  return (
    <div style={{ marginBottom: 8 }} data-testid={`payment-${p.reference}`}>
      <Space wrap size={4}>
        <strong>{vnd(p.amountVnd)}</strong>
        <Tag color={PAYMENT_STATUS[p.status].color}>{PAYMENT_STATUS[p.status].label}</Tag>
        <Typography.Text copyable>{p.reference}</Typography.Text>
      </Space>
      {p.lines.map((l) => (
        <div key={l.name} style={{ fontSize: 12, color: '#555' }}>
          {l.name}: {l.exemptReason ? `miễn (${l.exemptReason})` : vnd(l.amountVnd)}
        </div>
      ))}
      {p.status === 'paid' && (
        <div style={{ fontSize: 12 }}>
          Đã nộp ({PAYMENT_METHOD[p.method ?? ''] ?? '—'}) lúc {when(p.confirmedAt)}
          {p.confirmedBy
            ? ` — xác nhận: ${p.confirmedBy}`
            : p.gatewayTxn
              ? ` — giao dịch ${p.gatewayTxn}`
              : ''}
        </div>
      )}
      {p.status === 'pending' && desk && (
        <Space wrap style={{ marginTop: 4 }}>
          <Popconfirm
            title={`Xác nhận đã thu ${vnd(p.amountVnd)} tiền mặt?`}
            okText="Đã thu"
            cancelText="Không"
            onConfirm={() => act('confirm', { method: 'cash' })}
          >
            <Button size="small" type="primary">
              Đã thu tiền mặt
            </Button>
          </Popconfirm>
          <Popconfirm
            title={`Tài khoản cơ quan đã nhận ${vnd(p.amountVnd)} với nội dung ${p.reference}?`}
            okText="Đã nhận"
            cancelText="Không"
            onConfirm={() => act('confirm', { method: 'transfer' })}
          >
            <Button size="small">Đã nhận chuyển khoản</Button>
          </Popconfirm>
          <Button size="small" danger onClick={() => setCancelOpen(true)}>
            Hủy yêu cầu
          </Button>
        </Space>
      )}
      <Modal
        title={`Hủy yêu cầu thanh toán ${p.reference}`}
        open={cancelOpen}
        okText="Hủy yêu cầu"
        cancelText="Đóng"
        onCancel={() => setCancelOpen(false)}
        onOk={async () => {
          if (await act('cancel', { reason: cancelReason })) setCancelOpen(false);
        }}
      >
        <Input.TextArea
          aria-label="Lý do hủy"
          placeholder="Lý do (sai số tiền, người nộp được miễn…)"
          value={cancelReason}
          onChange={(e) => setCancelReason(e.target.value)}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      </Modal>
      {error && !cancelOpen && <Alert type="error" showIcon title={error} style={{ marginTop: 4 }} />}
    </div>
  );
}

/** "Phí, lệ phí" on the desk's dossier page: ask for payment, confirm cash or transfer, cancel. */
export function PaymentPanel({ dossierId }: { dossierId: string }) {
  const { user } = useAuth();
  const desk = !!user?.roles.includes('reception');
  const [fees, setFees] = useState<FeesView | null>(null);
  const [asking, setAsking] = useState(false);
  const load = useCallback(() => {
    api
      .get<FeesView>(`/api/v1/dossiers/${dossierId}/fees`)
      .then(setFees)
      .catch(() => setFees(null));
  }, [dossierId]);
  useEffect(load, [load]);
  if (!fees) return null;
  const pending = fees.payments.some((p) => p.status === 'pending');
  const closed = statusIn(ENDED_WITHOUT_RESULT, fees.dossier.status);
  return (
    <Card
      size="small"
      title={
        <span>
          <DollarOutlined aria-hidden /> Phí, lệ phí
        </span>
      }
      style={{ marginBottom: 12 }}
      data-testid="payment-panel"
    >
      {fees.lines.length === 0 && (
        <Typography.Text type="secondary">Thủ tục không thu phí, lệ phí.</Typography.Text>
      )}
      {fees.lines.length > 0 && fees.payments.length === 0 && !asking && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {fees.needsDesk
            ? 'Có khoản do tỉnh quy định mức thu: hãy nhập số tiền khi tạo yêu cầu.'
            : `Phải nộp theo danh mục: ${vnd(fees.knownTotalVnd)}.`}
        </Typography.Paragraph>
      )}
      {fees.payments.map((p) => (
        <PaymentRow key={p.id} p={p} desk={desk} onChange={setFees} />
      ))}
      {desk && fees.lines.length > 0 && !pending && !closed && !asking && (
        <Button onClick={() => setAsking(true)}>Tạo yêu cầu nộp phí, lệ phí</Button>
      )}
      {asking && (
        <RequestForm
          fees={fees}
          onDone={(v) => {
            setFees(v);
            setAsking(false);
          }}
        />
      )}
    </Card>
  );
}
