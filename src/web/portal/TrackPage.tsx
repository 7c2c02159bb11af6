import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PublicDossier, PublicDossierByReference } from '../../contract';
import { isTemporaryReference } from '../../domain/dossier/code';
import { ApiError, api } from '../shared/api';
import { PageTitle } from '../shared/ui';
import { RatingForm } from './feedback/RatingForm';
import { FeesBlock } from './payments/FeesBlock';

const when = (iso: string | null) =>
  iso ? `${iso.slice(11, 16)} ngày ${iso.slice(0, 10).split('-').reverse().join('/')}` : '—';

const TIMELINESS: Record<string, { label: string; color: string }> = {
  early: { label: 'Trước hạn', color: 'green' },
  'on-time': { label: 'Đúng hạn', color: 'blue' },
  late: { label: 'Quá hạn', color: 'red' },
  overdue: { label: 'Đang quá hạn', color: 'red' },
};

/** Status 1 (Mới đăng ký) of an online dossier, said as the citizen lives it. */
const WAITING = 1;

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/**
 * Track a dossier without logging in: by the code on the appointment slip (or its QR), or — for a dossier
 * submitted online and not yet accepted — by the temporary reference of the confirmation page together with the
 * last four digits of the phone number given in it (a short reference alone would let anyone walk others'
 * dossiers). Once the desk accepts it, the reference shows the official code that replaced it.
 */
export function TrackPage() {
  const { code } = useParams();
  const navigate = useNavigate();
  const byReference = !!code && isTemporaryReference(code);
  const [d, setD] = useState<PublicDossier | PublicDossierByReference | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setError(null);
    setD(null);
    if (!code || isTemporaryReference(code)) return;
    setLoading(true);
    api
      .get<PublicDossier>(`/api/v1/public/dossiers/${encodeURIComponent(code)}`)
      .then(setD)
      .catch((e) => setError(message(e)))
      .finally(() => setLoading(false));
  }, [code]);
  const lookUpByReference = (phoneLast4: string) => {
    setLoading(true);
    setError(null);
    setD(null);
    api
      .post<PublicDossierByReference>('/api/v1/public/dossiers/by-reference', { reference: code, phoneLast4 })
      .then(setD)
      .catch((e) => setError(message(e)))
      .finally(() => setLoading(false));
  };
  const reference = d && 'reference' in d ? d.reference : null;
  const waiting = d !== null && d.code === null && d.status.code === WAITING;
  return (
    <div>
      <PageTitle style={{ marginTop: 4 }}>Tra cứu hồ sơ</PageTitle>
      <Input.Search
        size="large"
        defaultValue={code}
        key={code}
        allowClear
        placeholder="Mã hồ sơ trên giấy hẹn, hoặc mã tạm khi nộp trực tuyến"
        aria-label="Mã hồ sơ"
        enterButton={<SearchOutlined aria-label="Tra cứu" />}
        onSearch={(v) => v.trim() && navigate(`/tra-cuu/${encodeURIComponent(v.trim().toUpperCase())}`)}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, fontSize: '0.9em' }}>
        Ví dụ mã hồ sơ: 000.01.30.H29-261120-0001. Hồ sơ nộp trực tuyến chưa được tiếp nhận có mã tạm gồm 8 ký
        tự, ví dụ 7335E0A6.
      </Typography.Paragraph>
      {byReference && (
        <Card size="small" style={{ marginTop: 8 }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            <strong>{code}</strong> là mã tạm của hồ sơ nộp trực tuyến. Để bảo vệ thông tin của người nộp, hãy
            nhập thêm 4 chữ số cuối của số điện thoại đã khai khi nộp hồ sơ.
          </Typography.Paragraph>
          <Form
            layout="inline"
            key={code}
            onFinish={(v: { phoneLast4: string }) => lookUpByReference(v.phoneLast4)}
          >
            <Form.Item
              name="phoneLast4"
              label="4 số cuối điện thoại"
              rules={[{ required: true, pattern: /^\d{4}$/, message: 'Nhập đúng 4 chữ số.' }]}
            >
              <Input inputMode="numeric" maxLength={4} style={{ width: 96 }} autoComplete="off" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit">
                Xem hồ sơ
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {loading && <Spin style={{ marginTop: 16 }} />}
      {error && <Alert type="warning" showIcon title={error} style={{ marginTop: 16 }} />}
      {d && reference && d.code && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={`Hồ sơ đã được tiếp nhận. Mã hồ sơ chính thức ${d.code} thay cho mã tạm ${reference}.`}
          description={
            <>
              Từ nay hãy dùng mã hồ sơ này khi tra cứu, nộp phí và liên hệ.{' '}
              <Link to={`/tra-cuu/${encodeURIComponent(d.code)}`}>Tra cứu bằng mã hồ sơ</Link>
            </>
          }
        />
      )}
      {waiting && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title="Hồ sơ đang chờ tiếp nhận"
          description="Bộ phận một cửa đang kiểm tra hồ sơ. Khi hồ sơ được tiếp nhận, bạn nhận mã hồ sơ chính thức và ngày hẹn trả kết quả qua tin nhắn hoặc thư điện tử."
        />
      )}
      {d && (
        <Card style={{ marginTop: 16 }}>
          <Descriptions column={1} size="small" bordered>
            {d.code ? (
              <Descriptions.Item label="Mã hồ sơ">{d.code}</Descriptions.Item>
            ) : (
              <Descriptions.Item label="Mã tạm">{reference}</Descriptions.Item>
            )}
            <Descriptions.Item label="Thủ tục">{d.procedure.name}</Descriptions.Item>
            <Descriptions.Item label="Người nộp">{d.applicant}</Descriptions.Item>
            <Descriptions.Item label="Trạng thái">
              <Tag color={waiting ? 'gold' : 'blue'}>{waiting ? 'Đang chờ tiếp nhận' : d.status.name}</Tag>
              {d.timeliness && (
                <Tag color={TIMELINESS[d.timeliness]?.color}>{TIMELINESS[d.timeliness]?.label}</Tag>
              )}
            </Descriptions.Item>
            {d.code && <Descriptions.Item label="Tiếp nhận lúc">{when(d.acceptedAt)}</Descriptions.Item>}
            {d.code && (
              <Descriptions.Item label="Hẹn trả kết quả">
                <strong>{when(d.dueAt)}</strong>
              </Descriptions.Item>
            )}
            {d.endedAt && (
              <Descriptions.Item label="Giải quyết xong lúc">{when(d.endedAt)}</Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
      {d?.code && <FeesBlock code={d.code} />}
      {d?.code && d.status.code === 10 && <RatingForm code={d.code} />}
    </div>
  );
}
