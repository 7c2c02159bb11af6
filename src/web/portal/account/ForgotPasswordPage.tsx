import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  confirmError,
  maskPhone,
  normalizePhone,
  passwordError,
  phoneError,
} from '../../../domain/identity/account';
import { ApiError, api } from '../../shared/api';
import { PageTitle } from '../../shared/ui';
import { type CodeSent, confirmRule, errorText, fieldErrors, pageStyle, rule } from './api';
import { CodeInput, codeRule, useCountdown } from './VerifyPage';

interface ResetValues {
  code: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * /quen-mat-khau: a code to the account's phone, then a new password; every session of the account ends.
 * The server answers the same for a number without an account, so the page says "if".
 */
export function ForgotPasswordPage() {
  const [params] = useSearchParams();
  const [phone, setPhone] = useState<string | null>(null);
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [left, setLeft] = useCountdown(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [form] = Form.useForm<ResetValues>();

  const ask = async (p: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<CodeSent>('/api/v1/accounts/password/forgot', { phone: p, channel: 'sms' });
      setPhone(r.phone);
      setSent(r);
      setLeft(r.resendAfterSeconds);
      if (!r.sent) setError('Chưa gửi được mã. Vui lòng bấm “Gửi lại mã” sau ít phút.');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RESEND_TOO_SOON') {
        setPhone(normalizePhone(p));
        setLeft((e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60);
      }
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const reset = async (v: ResetValues) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/accounts/password/reset', { phone, ...v });
      setDone(true);
    } catch (e) {
      const fields = fieldErrors(e);
      if (fields) form.setFields(fields as never);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div style={pageStyle}>
        <Result
          status="success"
          title="Đã đặt lại mật khẩu"
          subTitle="Mọi phiên đăng nhập cũ của tài khoản đã kết thúc. Hãy đăng nhập bằng mật khẩu mới."
          extra={
            <Link to="/dang-nhap">
              <Button type="primary" size="large">
                Đăng nhập
              </Button>
            </Link>
          }
        />
      </div>
    );
  }

  return (
    <div style={pageStyle}>
      <PageTitle style={{ marginTop: 4 }}>Quên mật khẩu</PageTitle>
      <Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {!phone ? (
          <Form
            layout="vertical"
            size="large"
            requiredMark={false}
            initialValues={{ phone: params.get('sdt') ?? '' }}
            onFinish={(v: { phone: string }) => ask(v.phone)}
          >
            <Typography.Paragraph>
              Nhập số điện thoại đã đăng ký. Chúng tôi gửi một mã 6 chữ số để bạn đặt mật khẩu mới.
            </Typography.Paragraph>
            <Form.Item name="phone" label="Số điện thoại di động" rules={[rule(phoneError)]}>
              <Input type="tel" inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              Gửi mã
            </Button>
          </Form>
        ) : (
          <Form<ResetValues> form={form} layout="vertical" size="large" requiredMark={false} onFinish={reset}>
            {/* The same answer comes whether or not the number has an account (decision 0012). */}
            <Typography.Paragraph>
              {`Nếu số điện thoại ${sent?.sentTo ?? maskPhone(phone)} đã có tài khoản, mã xác thực đã được gửi tới số đó (có hiệu lực 10 phút). Nhập mã và mật khẩu mới.`}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              Không nhận được tin nhắn sau vài phút? Hãy{' '}
              <Button
                type="link"
                style={{ padding: 0, height: 'auto', verticalAlign: 'baseline' }}
                onClick={() => {
                  setPhone(null);
                  setSent(null);
                  setError(null);
                }}
              >
                kiểm tra lại số điện thoại
              </Button>
              , hoặc <Link to="/dang-ky">đăng ký tài khoản</Link> nếu số này chưa đăng ký.
            </Typography.Paragraph>
            <Form.Item name="code" label="Mã xác thực" rules={[codeRule]}>
              <CodeInput />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label="Mật khẩu mới"
              extra="Ít nhất 8 ký tự."
              rules={[rule(passwordError)]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirmPassword"
              label="Nhập lại mật khẩu mới"
              dependencies={['newPassword']}
              rules={[confirmRule('newPassword', confirmError)]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              Đặt lại mật khẩu
            </Button>
            <Button
              type="link"
              disabled={left > 0}
              onClick={() => phone && void ask(phone)}
              style={{ padding: 0, marginTop: 12 }}
            >
              {left > 0 ? `Gửi lại mã (sau ${left} giây)` : 'Gửi lại mã'}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
