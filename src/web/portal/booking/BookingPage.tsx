import { Alert, Button, Card, Empty, Form, Input, Result, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { Agency, BookingView, SlotsView } from '../../../contract';
import { dmy, hhmm, Qr } from '../../kiosk/QueueCommon';
import { ApiError, api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { PageTitle } from '../../shared/ui';

type AgencyItem = Agency;
type SlotDay = SlotsView['days'][number];
type Booking = BookingView;

const WEEKDAY = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const weekday = (day: string) => WEEKDAY[new Date(`${day}T00:00:00Z`).getUTCDay()];

/** A booking with its QR code, to show at the kiosk (/dat-lich/:code). */
export function BookingSlip({ b, onCancelled }: { b: Booking; onCancelled?: (b: Booking) => void }) {
  const [error, setError] = useState<string | null>(null);
  const cancel = async () => {
    try {
      onCancelled?.(await api.post<Booking>(`/api/v1/queue/bookings/${b.code}/cancel`));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card>
      <Space direction="vertical" align="center" style={{ width: '100%', textAlign: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          Phiếu hẹn {b.code}
        </Typography.Title>
        {b.status === 'booked' ? (
          <Qr text={b.code} size={200} />
        ) : (
          <Tag>{b.status === 'cancelled' ? 'Đã hủy' : 'Đã lấy số'}</Tag>
        )}
        <div>
          <b>
            {hhmm(b.slotStart)}–{hhmm(b.slotEnd)} {weekday(b.slotStart.slice(0, 10))}, {dmy(b.slotStart)}
          </b>
        </div>
        <div>{b.field.name}</div>
        <div>
          {b.agency.name}
          <br />
          {b.agency.address}
        </div>
        <div>Người đến: {b.name}</div>
        <Typography.Text type="secondary">
          Đến nơi, quét mã QR này (hoặc nhập mã {b.code}) tại máy lấy số để nhận số theo lịch hẹn.
        </Typography.Text>
        {error && <Alert type="error" showIcon title={error} />}
        {b.status === 'booked' && onCancelled && (
          <Button danger onClick={cancel}>
            Hủy lịch hẹn
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** Book a time at a desk (/dat-lich): agency, field, a free slot, name and phone. */
export function BookingPage() {
  const { user } = useAuth();
  const { code: bookingCode } = useParams();
  const [agencies, setAgencies] = useState<AgencyItem[]>([]);
  const [agency, setAgency] = useState<string | undefined>();
  const [fields, setFields] = useState<{ code: string; name: string }[]>([]);
  const [field, setField] = useState<string | undefined>();
  const [days, setDays] = useState<SlotDay[] | null>(null);
  const [slot, setSlot] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [booking, setBooking] = useState<Booking | null>(null);

  useEffect(() => {
    if (bookingCode)
      void api.get<Booking>(`/api/v1/queue/bookings/${bookingCode}`).then(setBooking, () => setBooking(null));
  }, [bookingCode]);
  useEffect(() => {
    void api
      .get<{ items: AgencyItem[] }>('/api/v1/agencies')
      .then((r) => setAgencies(r.items.filter((a) => a.level !== 'province')));
  }, []);
  useEffect(() => {
    setField(undefined);
    setDays(null);
    if (!agency) return;
    let latest = true; // a slower answer to an earlier choice must not replace this one
    void api
      .get<{ fields: { code: string; name: string }[] }>(`/api/v1/queue/agencies/${agency}/board`)
      .then((b) => {
        if (latest) setFields(b.fields);
      });
    return () => {
      latest = false;
    };
  }, [agency]);
  useEffect(() => {
    setSlot(null);
    if (!agency || !field) return;
    let latest = true; // a slower answer to an earlier choice must not replace this one
    void api
      .get<{ days: SlotDay[] }>(`/api/v1/queue/agencies/${agency}/slots?field=${field}&days=10`)
      .then((r) => {
        if (latest) setDays(r.days);
      });
    return () => {
      latest = false;
    };
  }, [agency, field]);

  const submit = async (v: { name: string; phone: string }) => {
    if (!agency || !field || !slot) return;
    setBusy(true);
    setError(null);
    try {
      const b = await api.post<Booking>(`/api/v1/queue/agencies/${agency}/bookings`, {
        fieldCode: field,
        slotStart: slot,
        ...v,
      });
      setBooking(b);
      window.history.replaceState(null, '', `/dat-lich/${b.code}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (booking) {
    return (
      <div style={{ maxWidth: 480, margin: '0 auto' }}>
        {booking.status === 'booked' && !bookingCode && (
          <Result status="success" title="Đã đặt lịch hẹn" style={{ padding: 16 }} />
        )}
        <BookingSlip b={booking} onCancelled={setBooking} />
      </div>
    );
  }
  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <PageTitle>Đặt lịch hẹn tại bộ phận một cửa</PageTitle>
      <Typography.Paragraph>
        Chọn nơi, lĩnh vực và giờ đến; khi đến, quét mã QR trên phiếu hẹn tại máy lấy số để được gọi đúng giờ
        hẹn.
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Select
          style={{ width: '100%' }}
          size="large"
          aria-label="Cơ quan"
          placeholder="Chọn cơ quan"
          value={agency}
          onChange={setAgency}
          options={agencies.map((a) => ({ value: a.code, label: a.name }))}
        />
        <Select
          style={{ width: '100%' }}
          size="large"
          aria-label="Lĩnh vực"
          placeholder="Chọn lĩnh vực"
          value={field}
          onChange={setField}
          disabled={!agency}
          options={fields.map((f) => ({ value: f.code, label: f.name }))}
        />
        {days &&
          (days.every((d) => d.slots.length === 0) ? (
            <Empty description="Không còn khung giờ nhận lịch hẹn trong những ngày tới." />
          ) : (
            days
              .filter((d) => d.working && d.slots.length > 0)
              .map((d) => (
                <Card key={d.day} size="small" title={`${weekday(d.day)}, ${dmy(d.day)}`}>
                  <Space wrap>
                    {d.slots.map((s) => (
                      <Button
                        key={s.start}
                        type={slot === s.start ? 'primary' : 'default'}
                        disabled={s.left === 0}
                        onClick={() => setSlot(s.start)}
                        aria-label={`${hhmm(s.start)} ngày ${dmy(d.day)}, còn ${s.left} chỗ`}
                      >
                        {hhmm(s.start)}
                      </Button>
                    ))}
                  </Space>
                </Card>
              ))
          ))}
        {slot && (
          <Card title={`Giờ hẹn: ${hhmm(slot)} ngày ${dmy(slot)}`}>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Form
              layout="vertical"
              onFinish={submit}
              initialValues={{ name: user?.fullName ?? '', phone: user?.phone ?? '' }}
            >
              <Form.Item
                name="name"
                label="Họ và tên"
                rules={[{ required: true, message: 'Nhập họ và tên người đến.' }]}
              >
                <Input autoComplete="name" />
              </Form.Item>
              <Form.Item
                name="phone"
                label="Điện thoại"
                rules={[
                  {
                    required: true,
                    pattern: /^(0|\+84)\d{9,10}$/,
                    message: 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.',
                  },
                ]}
              >
                <Input inputMode="tel" autoComplete="tel" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} size="large" block>
                Đặt lịch hẹn
              </Button>
            </Form>
          </Card>
        )}
      </Space>
    </div>
  );
}
