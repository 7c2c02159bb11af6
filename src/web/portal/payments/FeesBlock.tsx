import { CheckCircleTwoTone, CopyOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, List, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { FeesView, PaymentView } from '../../../contract';
import { ApiError, api } from '../../shared/api';

export const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;
const when = (iso: string | null) =>
  iso ? `${iso.slice(11, 16)} ngày ${iso.slice(0, 10).split('-').reverse().join('/')}` : '—';

export const PAYMENT_STATUS: Record<PaymentView['status'], { label: string; color: string }> = {
  pending: { label: 'Chờ thanh toán', color: 'orange' },
  paid: { label: 'Đã nộp', color: 'green' },
  cancelled: { label: 'Đã hủy', color: 'default' },
};
export const PAYMENT_METHOD: Record<string, string> = {
  vietqr: 'chuyển khoản',
  gateway: 'cổng thanh toán trực tuyến',
  counter: 'tiền mặt tại quầy',
};

function Pending({ p, fees }: { p: PaymentView; fees: FeesView }) {
  const [copied, setCopied] = useState(false);
  const a = fees.account;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Typography.Text>
        Số tiền phải nộp: <strong style={{ fontSize: '1.3em' }}>{vnd(p.amountVnd)}</strong>{' '}
        <Tag color={PAYMENT_STATUS[p.status].color}>{PAYMENT_STATUS[p.status].label}</Tag>
      </Typography.Text>
      {p.qr ? (
        <div style={{ textAlign: 'center' }}>
          <img
            src={p.qr.image}
            width={240}
            height={240}
            style={{ maxWidth: '100%', height: 'auto', border: '1px solid #eee' }}
            alt={`Mã VietQR: chuyển ${vnd(p.amountVnd)}, nội dung ${p.reference}`}
          />
          <div style={{ fontSize: '0.9em', color: '#555' }}>
            Mở ứng dụng ngân hàng, chọn quét mã QR: số tiền và nội dung được điền sẵn.
          </div>
        </div>
      ) : (
        <Alert type="info" showIcon title="Nộp tiền mặt tại Bộ phận Một cửa khi đến nhận kết quả." />
      )}
      {a?.illustrative && (
        <Alert
          type="warning"
          showIcon
          title="Tài khoản minh họa của bản chạy thử — không chuyển tiền thật."
        />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="Nội dung chuyển khoản">
          <Space wrap>
            <Typography.Text strong copyable={false} data-testid="payment-reference">
              {p.reference}
            </Typography.Text>
            <Button
              size="small"
              icon={<CopyOutlined />}
              onClick={() =>
                void navigator.clipboard?.writeText(p.reference).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? 'Đã chép' : 'Chép'}
            </Button>
          </Space>
        </Descriptions.Item>
        {a && (
          <>
            <Descriptions.Item label="Ngân hàng">{a.bankName || `Mã BIN ${a.bin}`}</Descriptions.Item>
            <Descriptions.Item label="Số tài khoản">{a.accountNumber}</Descriptions.Item>
            <Descriptions.Item label="Chủ tài khoản">{a.accountName}</Descriptions.Item>
          </>
        )}
      </Descriptions>
    </Space>
  );
}

/**
 * "Lệ phí" on the tracking and my-dossier views: what is owed, the VietQR code of the pending request
 * with its reference, and what was paid. By dossier code (no login) or by id (the applicant's own).
 */
export function FeesBlock({ code, dossierId }: { code?: string; dossierId?: string }) {
  const url = code ? `/api/v1/public/dossiers/${encodeURIComponent(code)}` : `/api/v1/dossiers/${dossierId}`;
  const [fees, setFees] = useState<FeesView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    setError(null);
    api
      .get<FeesView>(`${url}/fees`)
      .then(setFees)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [url]);
  useEffect(load, [load]);

  const request = async () => {
    setBusy(true);
    setError(null);
    try {
      setFees(await api.post<FeesView>(`${url}/payments`, {}));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!fees && !error) return <Spin />;
  const pending = fees?.payments.find((p) => p.status === 'pending');
  const paid = fees?.payments.filter((p) => p.status === 'paid') ?? [];
  const owed = fees?.lines.filter((l) => l.owed || l.optional) ?? [];
  return (
    <Card
      title={
        <span>
          <QrcodeOutlined aria-hidden /> Lệ phí
        </span>
      }
      style={{ marginTop: 16 }}
      data-testid="fees-block"
    >
      {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 12 }} />}
      {fees && (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          {fees.lines.length === 0 ? (
            <Typography.Text>Thủ tục này không thu phí, lệ phí.</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={owed}
              renderItem={(l) => (
                <List.Item>
                  <div style={{ width: '100%' }}>
                    <div>
                      {l.name}
                      {l.optional && <Tag style={{ marginLeft: 6 }}>nếu có yêu cầu</Tag>}
                    </div>
                    <div>
                      <strong>
                        {l.amountVnd === null ? 'Mức thu do cơ quan xác định' : vnd(l.amountVnd)}
                      </strong>
                    </div>
                    {l.exemptions && (
                      <div style={{ fontSize: '0.9em', color: '#555' }}>Được miễn: {l.exemptions}</div>
                    )}
                  </div>
                </List.Item>
              )}
            />
          )}
          {pending && <Pending p={pending} fees={fees} />}
          {paid.map((p) => (
            <Alert
              key={p.id}
              type="success"
              showIcon
              icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
              title={`Đã nộp ${vnd(p.amountVnd)} (${PAYMENT_METHOD[p.method ?? ''] ?? 'đã xác nhận'}) lúc ${when(p.confirmedAt)}`}
              description={`Mã thanh toán ${p.reference}`}
            />
          ))}
          {!pending && fees.canSelfRequest && (
            <Button
              type="primary"
              size="large"
              block
              loading={busy}
              onClick={request}
              icon={<QrcodeOutlined />}
            >
              Tạo mã QR để nộp {vnd(fees.knownTotalVnd)}
            </Button>
          )}
          {!pending && paid.length === 0 && fees.needsDesk && (
            <Typography.Text type="secondary">
              Mức thu do Bộ phận Một cửa xác định; số tiền và mã QR sẽ hiện ở đây khi cán bộ gửi yêu cầu nộp.
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
