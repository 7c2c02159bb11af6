import { CalendarOutlined, HeartOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, ConfigProvider, Input, Row, Select, Switch, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgencyList } from '../../contract';
import { ApiError, api } from '../shared/api';
import { MAIN_ID, SkipLink } from '../shared/SkipLink';
import { dmy, hhmm, Qr, type QueueTicket, useBoard } from './QueueCommon';

const AGENCY_KEY = 'motcua.kiosk.agency';

/**
 * The agency a kiosk serves: `?agency=000.01.30.H29` once in the address, or chosen on the kiosk's first start
 * (AgencyChooser), remembered by the device. `?print=0` turns automatic printing off (a kiosk without a printer).
 */
function kioskSettings(): { agency: string | null; print: boolean } {
  const p = new URLSearchParams(window.location.search);
  const a = p.get('agency');
  if (a) localStorage.setItem(AGENCY_KEY, a);
  if (p.get('print')) localStorage.setItem('motcua.kiosk.print', p.get('print')!);
  return {
    agency: localStorage.getItem(AGENCY_KEY),
    print: localStorage.getItem('motcua.kiosk.print') !== '0',
  };
}

/**
 * A kiosk not yet assigned: the operator setting it up picks the agency whose desk it stands at, once; the device
 * remembers it (the same as opening /kiosk/queue?agency=<mã định danh>).
 */
function AgencyChooser({ onChosen }: { onChosen: (code: string) => void }) {
  const [agencies, setAgencies] = useState<AgencyList['items'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<AgencyList>('/api/v1/agencies')
      .then((r) => setAgencies(r.items))
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);
  return (
    <>
      <SkipLink />
      <main id={MAIN_ID} tabIndex={-1} style={{ minHeight: '100vh', padding: 32, background: '#fff8f6' }}>
        <Card style={{ maxWidth: 720, margin: '48px auto' }}>
          <Typography.Title level={1} style={{ fontSize: 30 }}>
            Thiết lập kiosk lấy số
          </Typography.Title>
          <Typography.Paragraph>
            Kiosk này chưa được gán cơ quan. Cán bộ thiết lập chọn cơ quan có Bộ phận Tiếp nhận và Trả kết quả
            đặt kiosk; thiết bị sẽ ghi nhớ lựa chọn này.
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <label htmlFor="kiosk-agency" style={{ display: 'block', marginBottom: 8, fontWeight: 600 }}>
            Cơ quan
          </label>
          <Select
            id="kiosk-agency"
            size="large"
            showSearch
            optionFilterProp="label"
            loading={agencies === null && !error}
            style={{ width: '100%' }}
            placeholder="Chọn cơ quan"
            value={code}
            onChange={setCode}
            options={(agencies ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
          />
          <Button
            type="primary"
            size="large"
            block
            disabled={!code}
            style={{ marginTop: 24 }}
            onClick={() => {
              if (!code) return;
              localStorage.setItem(AGENCY_KEY, code);
              onChosen(code);
            }}
          >
            Dùng kiosk này cho cơ quan đã chọn
          </Button>
        </Card>
      </main>
    </>
  );
}

/** 80 mm receipt printers: only the ticket is printed, on a narrow page. */
const PRINT_CSS = `
@media print {
  @page { size: 80mm auto; margin: 3mm; }
  body * { visibility: hidden !important; }
  .queue-ticket, .queue-ticket * { visibility: visible !important; }
  .queue-ticket { position: absolute; left: 0; top: 0; width: 74mm; text-align: center; font-family: sans-serif; color: #000; }
  .queue-ticket .number { font-size: 44pt; font-weight: 700; line-height: 1.1; }
}
.queue-ticket .number { font-size: 96px; font-weight: 700; line-height: 1.1; }
`;

function TicketSlip({ t }: { t: QueueTicket }) {
  const follow = `${window.location.origin}/hang-doi/${t.id}`;
  return (
    <div className="queue-ticket" data-testid="queue-ticket" style={{ textAlign: 'center' }}>
      <div style={{ fontWeight: 600 }}>{t.agency.name}</div>
      <div>Bộ phận Tiếp nhận và Trả kết quả</div>
      <div style={{ marginTop: 8 }}>SỐ THỨ TỰ CỦA BẠN</div>
      <div className="number" data-testid="ticket-number">
        {t.label}
      </div>
      <div style={{ fontSize: 20 }}>{t.fieldName}</div>
      {t.priority && <div style={{ fontWeight: 700 }}>ƯU TIÊN</div>}
      {t.kind === 'booked' && <div style={{ fontWeight: 700 }}>THEO LỊCH HẸN {hhmm(t.appointmentAt)}</div>}
      <div>
        Lấy lúc {hhmm(t.issuedAt)} ngày {dmy(t.issuedAt)}
      </div>
      <div data-testid="people-ahead">Số người đang chờ trước bạn: {t.ahead ?? 0}</div>
      {t.openCounters === 0 && (
        <div data-testid="no-counter-open" style={{ fontWeight: 700, margin: '8px 0' }}>
          Hiện chưa có quầy nào mở nhận lĩnh vực này. Số của bạn được giữ đúng thứ tự và sẽ được gọi khi quầy
          mở; vui lòng chờ hoặc hỏi cán bộ hướng dẫn.
        </div>
      )}
      <div style={{ margin: '8px auto', width: 140 }}>
        <Qr text={follow} size={140} />
      </div>
      <div style={{ fontSize: 12 }}>Quét mã để theo dõi lượt của bạn trên điện thoại</div>
    </div>
  );
}

/** The queue kiosk (/kiosk/queue): a citizen touches a field (or scans a booking) and gets a numbered ticket. */
export default function QueueKiosk() {
  const settings = useRef(kioskSettings());
  const [agency, setAgency] = useState(settings.current.agency);
  const { state } = useBoard(agency);
  const [priority, setPriority] = useState(false);
  const [ticket, setTicket] = useState<QueueTicket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [booking, setBooking] = useState(false);
  const [code, setCode] = useState('');

  const reset = useCallback(() => {
    setTicket(null);
    setPriority(false);
    setBooking(false);
    setCode('');
    setError(null);
  }, []);

  // Back to the start 20 seconds after a ticket is shown.
  useEffect(() => {
    if (!ticket) return;
    const t = setTimeout(reset, 20_000);
    return () => clearTimeout(t);
  }, [ticket, reset]);

  const done = (t: QueueTicket) => {
    setTicket(t);
    if (settings.current.print) setTimeout(() => window.print(), 300);
  };

  const take = async (fieldCode: string) => {
    setBusy(true);
    setError(null);
    try {
      done(
        await api.post<QueueTicket>(`/api/v1/queue/agencies/${agency}/tickets`, {
          fieldCode,
          priority,
        }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const checkIn = async () => {
    setBusy(true);
    setError(null);
    try {
      done(
        await api.post<QueueTicket>(`/api/v1/queue/agencies/${agency}/check-in`, {
          bookingCode: code,
        }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!agency) return <AgencyChooser onChosen={setAgency} />;

  return (
    <ConfigProvider theme={{ token: { fontSize: 20, controlHeightLG: 64 } }}>
      <style>{PRINT_CSS}</style>
      <SkipLink />
      <main id={MAIN_ID} tabIndex={-1} style={{ minHeight: '100vh', padding: 32, background: '#fff8f6' }}>
        <Typography.Title level={1} style={{ textAlign: 'center', marginBottom: 0 }}>
          Lấy số thứ tự
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 8, fontSize: 24 }}>
          {state?.agency.name ?? ''}
        </Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon title={error} style={{ margin: '16px auto', maxWidth: 900 }} />
        )}
        {ticket ? (
          <Card style={{ maxWidth: 520, margin: '24px auto' }}>
            <TicketSlip t={ticket} />
            <Row gutter={16} style={{ marginTop: 24 }}>
              <Col span={12}>
                <Button size="large" block onClick={() => window.print()}>
                  In lại phiếu
                </Button>
              </Col>
              <Col span={12}>
                <Button size="large" type="primary" block onClick={reset}>
                  Xong
                </Button>
              </Col>
            </Row>
          </Card>
        ) : booking ? (
          <Card style={{ maxWidth: 720, margin: '24px auto' }} title="Tôi đã đặt lịch hẹn">
            <Typography.Paragraph>
              Đưa mã QR trên phiếu hẹn vào máy quét, hoặc gõ mã lịch hẹn (dạng LH-XXXXXXXX).
            </Typography.Paragraph>
            <Input
              size="large"
              autoFocus
              aria-label="Mã lịch hẹn"
              placeholder="LH-XXXXXXXX"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              onPressEnter={() => code.trim() && void checkIn()}
            />
            <Row gutter={16} style={{ marginTop: 24 }}>
              <Col span={12}>
                <Button size="large" block onClick={reset}>
                  Quay lại
                </Button>
              </Col>
              <Col span={12}>
                <Button
                  size="large"
                  type="primary"
                  block
                  loading={busy}
                  disabled={!code.trim()}
                  onClick={checkIn}
                >
                  Lấy số theo lịch hẹn
                </Button>
              </Col>
            </Row>
          </Card>
        ) : (
          <div style={{ maxWidth: 1100, margin: '0 auto' }}>
            <Card style={{ marginBottom: 24 }}>
              <label
                htmlFor="queue-priority"
                style={{ display: 'flex', alignItems: 'center', gap: 16, fontSize: 22, cursor: 'pointer' }}
              >
                <Switch id="queue-priority" checked={priority} onChange={setPriority} aria-label="Ưu tiên" />
                <HeartOutlined />
                <span>
                  <b>Ưu tiên</b>: người cao tuổi, người khuyết tật, phụ nữ mang thai, người có công với cách
                  mạng
                </span>
              </label>
            </Card>
            {state && state.fields.length > 0 && state.fields.every((f) => f.openCounters === 0) && (
              <Alert
                type="warning"
                showIcon
                data-testid="desk-closed"
                title="Hiện chưa có quầy nào mở."
                description="Bạn vẫn lấy số được: số được giữ đúng thứ tự và sẽ được gọi khi quầy mở."
                style={{ marginBottom: 24 }}
              />
            )}
            <Typography.Title level={2} style={{ fontSize: 24 }}>
              Chạm vào lĩnh vực bạn cần làm thủ tục
            </Typography.Title>
            <Row gutter={[24, 24]}>
              {(state?.fields ?? []).map((f) => (
                <Col key={f.code} xs={24} md={12} lg={8}>
                  <Button
                    block
                    type={priority ? 'primary' : 'default'}
                    disabled={busy}
                    style={{ height: 120, whiteSpace: 'normal', fontSize: 24 }}
                    onClick={() => void take(f.code)}
                  >
                    <span>
                      {f.name}
                      <br />
                      <small style={{ fontSize: 16 }}>
                        {f.waiting} người đang chờ
                        {f.openCounters === 0 ? ' · Chưa có quầy mở' : ''}
                      </small>
                    </span>
                  </Button>
                </Col>
              ))}
            </Row>
            <Button
              size="large"
              icon={<CalendarOutlined />}
              style={{ marginTop: 32, height: 72, fontSize: 22 }}
              block
              onClick={() => setBooking(true)}
            >
              Tôi đã đặt lịch hẹn (quét mã QR)
            </Button>
          </div>
        )}
      </main>
    </ConfigProvider>
  );
}
