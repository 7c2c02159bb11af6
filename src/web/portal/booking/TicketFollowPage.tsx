import { Alert, Card, Result, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { hhmm, type QueueTicket, useBoard } from '../../kiosk/QueueCommon';
import { ApiError, api } from '../../shared/api';
import { PageTitle } from '../../shared/ui';

/** Following a queue ticket on a phone (/hang-doi/:ticketId, the QR on the printed ticket). */
export function TicketFollowPage() {
  const { ticketId } = useParams();
  const [t, setT] = useState<QueueTicket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { state } = useBoard(t?.agency.code);
  const version = state?.lastEventId;
  useEffect(() => {
    void version;
    if (!ticketId) return;
    api
      .get<QueueTicket>(`/api/v1/queue/tickets/${ticketId}`)
      .then(setT, (e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [ticketId, version]);

  if (error)
    return (
      <Result
        status="404"
        title={<h1 style={{ font: 'inherit', margin: 0 }}>Không tìm thấy số thứ tự</h1>}
        subTitle={error}
      />
    );
  if (!t) return <Spin />;
  const called = t.status === 'called' || t.status === 'serving';
  return (
    <div style={{ maxWidth: 420, margin: '0 auto', textAlign: 'center' }}>
      <PageTitle style={{ marginTop: 4, marginBottom: 4 }}>Theo dõi số thứ tự</PageTitle>
      <Typography.Text type="secondary">{t.agency.name}</Typography.Text>
      <Card style={{ marginTop: 12 }}>
        <div>Số thứ tự</div>
        <div style={{ fontSize: 72, fontWeight: 800, lineHeight: 1.1 }}>{t.label}</div>
        <div>{t.fieldName}</div>
        {t.priority && <Tag color="red">Ưu tiên</Tag>}
        <div style={{ marginTop: 8 }}>Lấy số lúc {hhmm(t.issuedAt)}</div>
      </Card>
      <div role="status" aria-live="polite" style={{ marginTop: 16 }}>
        {called && t.counter ? (
          <Alert
            type="success"
            showIcon
            title={`Mời bạn đến quầy số ${t.counter.number} (${t.counter.name})`}
          />
        ) : t.status === 'waiting' || t.status === 'transferred' ? (
          <Alert
            type="info"
            showIcon
            title={
              t.status === 'transferred' && t.counter
                ? `Bạn được chuyển sang quầy số ${t.counter.number}; vui lòng chờ gọi.`
                : `Còn ${t.ahead ?? 0} người trước bạn.`
            }
            description="Trang này tự cập nhật; giữ điện thoại mở để theo dõi."
          />
        ) : (
          <Alert type="warning" showIcon title={t.statusName} />
        )}
      </div>
    </div>
  );
}
