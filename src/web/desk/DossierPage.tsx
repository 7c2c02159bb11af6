import { Alert, Card, Col, Descriptions, Row, Spin, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api } from '../shared/api';
import { DeadlineTag, when } from './DossiersPage';

interface View {
  id: string;
  code: string | null;
  agency: { name: string };
  procedure: { code: string; name: string; versionNo: number };
  channel: string;
  applicant: Record<string, unknown>;
  status: { code: number; name: string };
  acceptedAt: string | null;
  dueAt: string | null;
  appointmentAt: string | null;
  endedAt: string | null;
  timeliness: 'early' | 'on-time' | 'late' | 'overdue' | null;
  remainingMinutes: number | null;
  events: { seq: number; type: string; at: string; actor: string | null; data: Record<string, unknown> }[];
}
interface Explanation {
  summary: string;
  counted: { date: string; from: string; to: string; minutes: number }[];
}

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
};

function remaining(m: number | null): string {
  if (m === null) return '—';
  const abs = Math.abs(m);
  const text = `${Math.floor(abs / 480)} ngày ${Math.floor((abs % 480) / 60)} giờ ${Math.round(abs % 60)} phút làm việc`;
  return m >= 0 ? `Còn ${text}` : `Đã quá ${text}`;
}

/** One dossier: applicant, procedure version, the clock, why the due date is what it is, and its history. */
export function DossierPage() {
  const { id = '' } = useParams();
  const [d, setD] = useState<View | null>(null);
  const [why, setWhy] = useState<Explanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<View>(`/api/v1/dossiers/${id}`)
      .then(setD)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
    void api
      .get<Explanation>(`/api/v1/dossiers/${id}/due-explanation`)
      .then(setWhy)
      .catch(() => setWhy(null));
  }, [id]);
  if (error) return <Alert type="warning" showIcon title={error} />;
  if (!d) return <Spin />;
  const a = d.applicant;
  return (
    <div>
      <Typography.Title level={3}>
        Hồ sơ {d.code} <DeadlineTag dueAt={d.dueAt} timeliness={d.timeliness} />
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="Thủ tục">
              {d.procedure.name} ({d.procedure.code}, phiên bản {d.procedure.versionNo})
            </Descriptions.Item>
            <Descriptions.Item label="Người nộp">
              {String(a.fullName ?? '')}
              {a.idNumber ? ` · Số định danh ${String(a.idNumber)}` : ''}
              {a.phone ? ` · ${String(a.phone)}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="Trạng thái">{d.status.name}</Descriptions.Item>
            <Descriptions.Item label="Tiếp nhận">{when(d.acceptedAt)}</Descriptions.Item>
            <Descriptions.Item label="Hẹn trả kết quả">
              <strong>{when(d.dueAt)}</strong>
              {d.appointmentAt && d.appointmentAt !== d.dueAt
                ? ` (đã hẹn lại: ${when(d.appointmentAt)})`
                : ''}
            </Descriptions.Item>
            <Descriptions.Item label="Thời gian còn lại">{remaining(d.remainingMinutes)}</Descriptions.Item>
          </Descriptions>
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
          <Card size="small" title="Quá trình xử lý">
            <Timeline
              items={d.events.map((e) => ({
                content: (
                  <div>
                    <strong>{EVENT_LABELS[e.type] ?? e.type}</strong> — {when(e.at)}
                    {e.actor && <div>{e.actor}</div>}
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
