import { SearchOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Input, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { PublicDossier } from '../../contract';
import { ApiError, api } from '../shared/api';
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

/** Track a dossier by the code on the appointment slip (or its QR), without logging in. */
export function TrackPage() {
  const { code } = useParams();
  const navigate = useNavigate();
  const [d, setD] = useState<PublicDossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!code) return;
    setLoading(true);
    setError(null);
    setD(null);
    api
      .get<PublicDossier>(`/api/v1/public/dossiers/${encodeURIComponent(code)}`)
      .then(setD)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => setLoading(false));
  }, [code]);
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 4 }}>
        Tra cứu hồ sơ
      </Typography.Title>
      <Input.Search
        size="large"
        defaultValue={code}
        key={code}
        allowClear
        placeholder="Mã hồ sơ trên giấy hẹn, ví dụ 000.01.30.H29-261120-0001"
        aria-label="Mã hồ sơ"
        enterButton={<SearchOutlined aria-label="Tra cứu" />}
        onSearch={(v) => v.trim() && navigate(`/tra-cuu/${encodeURIComponent(v.trim().toUpperCase())}`)}
      />
      {loading && <Spin style={{ marginTop: 16 }} />}
      {error && <Alert type="warning" showIcon title={error} style={{ marginTop: 16 }} />}
      {d && (
        <Card style={{ marginTop: 16 }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="Mã hồ sơ">{d.code}</Descriptions.Item>
            <Descriptions.Item label="Thủ tục">{d.procedure.name}</Descriptions.Item>
            <Descriptions.Item label="Người nộp">{d.applicant}</Descriptions.Item>
            <Descriptions.Item label="Trạng thái">
              <Tag color="blue">{d.status.name}</Tag>
              {d.timeliness && (
                <Tag color={TIMELINESS[d.timeliness]?.color}>{TIMELINESS[d.timeliness]?.label}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="Tiếp nhận lúc">{when(d.acceptedAt)}</Descriptions.Item>
            <Descriptions.Item label="Hẹn trả kết quả">
              <strong>{when(d.dueAt)}</strong>
            </Descriptions.Item>
            {d.endedAt && (
              <Descriptions.Item label="Giải quyết xong lúc">{when(d.endedAt)}</Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
      {d && <FeesBlock code={d.code} />}
      {d?.status.code === 10 && <RatingForm code={d.code} />}
    </div>
  );
}
