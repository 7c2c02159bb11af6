import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { maskPhone, normalizePhone, phoneError } from '../../../domain/identity/account';
import { ApiError, api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { PageTitle } from '../../shared/ui';
import { type CodeSent, errorText, pageStyle, rule } from './api';

/** Seconds left before "Gửi lại mã" is allowed, counting down once a second. */
export function useCountdown(initial: number): [number, (s: number) => void] {
  const [left, setLeft] = useState(initial);
  useEffect(() => {
    if (left <= 0) return;
    const t = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(t);
  }, [left]);
  return [left, setLeft];
}

/** The 6-digit code field: digits only, the phone's keypad, one-time-code autofill. */
export function CodeInput(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  return (
    <Input
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange?.(e.target.value.replace(/\D/g, '').slice(0, 6))}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      placeholder="••••••"
      style={{ letterSpacing: '0.4em', fontSize: '1.3em', textAlign: 'center' }}
    />
  );
}

export const codeRule = rule((v) => (/^\d{6}$/.test(v) ? null : 'Mã xác thực gồm 6 chữ số.'));

/**
 * On a demo or development server (no SMS gateway, the development sink in use), shows the last message
 * "sent" to this phone so a newcomer can finish registering; renders nothing where real SMS are sent
 * (the sink's route answers 404 there).
 */
function DevInbox({ phone }: { phone: string }) {
  const [last, setLast] = useState<string | null>(null);
  useEffect(() => {
    void api
      .get<{ items: { text: string }[] }>(`/api/v1/dev/messages?to=${encodeURIComponent(phone)}`)
      .then((r) => setLast(r.items[0]?.text ?? null))
      .catch(() => setLast(null));
  }, [phone]);
  if (!last) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title="Máy chủ thử nghiệm (chưa kết nối tổng đài SMS): tin nhắn vừa gửi"
      description={last}
    />
  );
}

/** /xac-thuc?sdt=…: enter the code sent after registration (or ask for a new one); then signed in. */
export function VerifyPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { refresh } = useAuth();
  const initial = (location.state as CodeSent | null) ?? null;
  const [phone, setPhone] = useState(() => normalizePhone(params.get('sdt') ?? '') ?? '');
  const [sent, setSent] = useState<CodeSent | null>(initial);
  const [left, setLeft] = useCountdown(initial?.resendAfterSeconds ?? 0);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async (v: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/accounts/verify', { phone, code: v.code });
      await refresh();
      navigate('/tai-khoan', { state: { welcome: true } });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const resend = async (channel: 'sms' | 'email' = 'sms') => {
    setError(null);
    setInfo(null);
    try {
      const r = await api.post<CodeSent>('/api/v1/accounts/verify/resend', { phone, channel });
      setSent(r);
      setLeft(r.resendAfterSeconds);
      setInfo(r.sent ? `Đã gửi lại. Nếu số ${r.sentTo} đang chờ xác thực, tin nhắn mới chứa mã mới.` : null);
      if (!r.sent) setError('Chưa gửi được mã. Vui lòng bấm “Gửi lại mã” sau ít phút.');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RESEND_TOO_SOON') {
        const d = e.details as { retryAfterSeconds?: number } | undefined;
        setLeft(d?.retryAfterSeconds ?? 60);
      }
      setError(errorText(e));
    }
  };

  if (!phone) {
    return (
      <div style={pageStyle}>
        <PageTitle>Xác thực tài khoản</PageTitle>
        <Card>
          <Form
            layout="vertical"
            size="large"
            onFinish={(v: { phone: string }) => setPhone(normalizePhone(v.phone) ?? '')}
          >
            <Form.Item name="phone" label="Số điện thoại đã đăng ký" rules={[rule(phoneError)]}>
              <Input type="tel" inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              Tiếp tục
            </Button>
          </Form>
        </Card>
      </div>
    );
  }

  return (
    <div style={pageStyle}>
      <PageTitle style={{ marginTop: 4 }}>Xác thực tài khoản</PageTitle>
      <Card>
        <Typography.Paragraph>
          {sent && !sent.sent
            ? 'Chưa gửi được mã xác thực. Hãy bấm “Gửi lại mã”.'
            : `Tin nhắn đã được gửi tới ${sent?.sentTo ?? maskPhone(phone)}. Nhập mã 6 chữ số trong tin nhắn; mã có hiệu lực 10 phút.`}
        </Typography.Paragraph>
        {/* Registration answers the same when the number is taken (decision 0012); its holder gets a notice. */}
        <Typography.Paragraph type="secondary">
          Nếu số điện thoại này đã có tài khoản, tin nhắn sẽ báo như vậy thay cho mã. Khi đó hãy{' '}
          <Link to="/dang-nhap">đăng nhập</Link>, hoặc dùng{' '}
          <Link to={`/quen-mat-khau?sdt=${encodeURIComponent(phone)}`}>Quên mật khẩu?</Link> nếu không nhớ mật
          khẩu.
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {info && <Alert type="success" showIcon title={info} style={{ marginBottom: 16 }} />}
        {/* Re-read after every (re)send: a new key remounts it. */}
        <DevInbox key={`${sent?.sentTo ?? ''}-${left > 0}`} phone={phone} />
        <Form layout="vertical" size="large" onFinish={verify} requiredMark={false}>
          <Form.Item name="code" label="Mã xác thực" rules={[codeRule]}>
            <CodeInput />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Xác nhận
          </Button>
        </Form>
        <Space wrap style={{ marginTop: 16, justifyContent: 'space-between', width: '100%' }}>
          <Button type="link" disabled={left > 0} onClick={() => void resend('sms')} style={{ padding: 0 }}>
            {left > 0 ? `Gửi lại mã (sau ${left} giây)` : 'Gửi lại mã'}
          </Button>
          <Link to="/dang-ky">Đăng ký bằng số khác</Link>
        </Space>
      </Card>
    </div>
  );
}
