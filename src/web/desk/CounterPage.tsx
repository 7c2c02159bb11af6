import { Alert, App, Button, Card, Descriptions, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { hhmm, type QueueCounter, type QueueTicket, useBoard } from '../kiosk/QueueCommon';
import { ApiError, api } from '../shared/api';
import { useAuth } from '../shared/auth';
import { PageTitle } from '../shared/ui';

/** "Quầy của tôi" (/desk/quay): open a counter, call the next ticket, recall, skip, transfer, receive a dossier. */
export function CounterPage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [mine, setMine] = useState<QueueCounter | null>(null);
  const [all, setAll] = useState<QueueCounter[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [to, setTo] = useState<string | undefined>();
  const { state } = useBoard(user?.agency?.code);

  const load = useCallback(async () => {
    const r = await api.get<{ counter: QueueCounter | null; counters: QueueCounter[] }>(
      '/api/v1/queue/my-counter',
    );
    setMine(r.counter);
    setAll(r.counters);
  }, []);
  // Reload whenever the desk's state changes (another counter called, the kiosk issued a ticket…).
  const lastEvent = state?.lastEventId;
  useEffect(() => {
    void lastEvent;
    void load().catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [load, lastEvent]);

  const key = useRef(crypto.randomUUID());
  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      if (ok) void message.success(ok);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const callNext = () =>
    run(async () => {
      const r = await api.post<{ ticket: QueueTicket | null }>(
        `/api/v1/queue/counters/${mine!.id}/call-next`,
        {},
        { 'idempotency-key': key.current },
      );
      key.current = crypto.randomUUID();
      if (!r.ticket) void message.info('Không còn ai chờ ở các lĩnh vực của quầy.');
    });

  const t = mine?.current ?? null;
  const cmd = (action: string, body?: unknown) => () =>
    run(() => api.post(`/api/v1/queue/tickets/${t!.id}/${action}`, body ?? {}));

  if (!user?.agency) {
    return <Alert type="info" showIcon title="Tài khoản không thuộc cơ quan nào nên không trực quầy." />;
  }

  return (
    <div style={{ maxWidth: 900 }}>
      <PageTitle>Quầy của tôi</PageTitle>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          closable
          onClose={() => setError(null)}
        />
      )}
      {!mine ? (
        <Card title="Chọn quầy để trực">
          {all.length === 0 ? (
            <Empty description="Cơ quan chưa có quầy nào; quản trị tạo quầy ở trang Quản trị → Quầy tiếp nhận." />
          ) : (
            <List
              dataSource={all}
              renderItem={(c) => (
                <List.Item
                  actions={[
                    <Button
                      key="open"
                      type="primary"
                      disabled={busy || !c.active || c.state === 'open'}
                      onClick={() =>
                        run(
                          () => api.post(`/api/v1/queue/counters/${c.id}/open`),
                          `Đã mở quầy số ${c.number}`,
                        )
                      }
                    >
                      Mở quầy số {c.number}
                    </Button>,
                  ]}
                >
                  {/* Not List.Item.Meta: its title is an h4, a heading out of the page's order (h1, then h4). */}
                  <div>
                    <div style={{ fontWeight: 600 }}>{`Quầy số ${c.number} — ${c.name}`}</div>
                    <Typography.Text type="secondary">
                      {c.state === 'open'
                        ? `Đang do ${c.officer?.fullName ?? ''} trực`
                        : c.active
                          ? `Đang đóng · ${c.waiting} người chờ các lĩnh vực của quầy`
                          : 'Ngừng sử dụng'}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          )}
        </Card>
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Card
            title={`Quầy số ${mine.number} — ${mine.name}`}
            extra={
              <Button
                disabled={busy}
                onClick={() => run(() => api.post(`/api/v1/queue/counters/${mine.id}/close`), 'Đã đóng quầy')}
              >
                Đóng quầy
              </Button>
            }
          >
            <Space size="large" wrap>
              <Button type="primary" size="large" loading={busy} onClick={callNext}>
                Gọi số tiếp theo
              </Button>
              <Typography.Text data-testid="waiting-count">
                {mine.waiting} người đang chờ quầy này
              </Typography.Text>
            </Space>
          </Card>
          <Card title="Đang phục vụ">
            {t ? (
              <>
                <div data-testid="current-ticket" style={{ fontSize: 64, fontWeight: 800, lineHeight: 1 }}>
                  {t.label}
                </div>
                <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
                  <Descriptions.Item label="Lĩnh vực">{t.fieldName}</Descriptions.Item>
                  <Descriptions.Item label="Trạng thái">
                    <Space>
                      {t.statusName}
                      {t.priority && <Tag color="red">Ưu tiên</Tag>}
                      {t.kind === 'booked' && <Tag color="blue">Lịch hẹn {hhmm(t.appointmentAt)}</Tag>}
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label="Lấy số lúc">{hhmm(t.issuedAt)}</Descriptions.Item>
                  <Descriptions.Item label="Số lần gọi">{t.callCount}</Descriptions.Item>
                  {t.dossierCode && <Descriptions.Item label="Hồ sơ">{t.dossierCode}</Descriptions.Item>}
                </Descriptions>
                <Space wrap style={{ marginTop: 12 }}>
                  <Button disabled={busy || t.status !== 'called'} onClick={cmd('recall')}>
                    Gọi lại
                  </Button>
                  <Button disabled={busy || t.status !== 'called'} onClick={cmd('serve')}>
                    Bắt đầu phục vụ
                  </Button>
                  <Button type="primary" onClick={() => navigate(`/desk/tiep-nhan?ticket=${t.id}`)}>
                    Tiếp nhận hồ sơ
                  </Button>
                  <Button disabled={busy} onClick={cmd('done')}>
                    Hoàn thành
                  </Button>
                  <Button danger disabled={busy || t.status !== 'called'} onClick={cmd('skip')}>
                    Vắng mặt
                  </Button>
                </Space>
                <Space style={{ marginTop: 12 }}>
                  <Select
                    style={{ width: 260 }}
                    placeholder="Chuyển sang quầy…"
                    aria-label="Quầy nhận chuyển"
                    value={to}
                    onChange={setTo}
                    options={all
                      .filter((c) => c.id !== mine.id && c.active)
                      .map((c) => ({ value: c.id, label: `Quầy số ${c.number} — ${c.name}` }))}
                  />
                  <Button
                    disabled={busy || !to}
                    onClick={() => void cmd('transfer', { counterId: to })().then(() => setTo(undefined))}
                  >
                    Chuyển quầy
                  </Button>
                </Space>
              </>
            ) : (
              <Empty description='Chưa gọi số nào. Bấm "Gọi số tiếp theo".' />
            )}
          </Card>
        </Space>
      )}
    </div>
  );
}
