import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { PageTitle } from '../../shared/ui';
import { errorText, pageStyle } from './api';

/**
 * /dang-nhap on the portal: a mobile number (any common spelling) or a username, and the password.
 * An account still waiting for its code is told so, with the way to enter or resend it.
 */
export function PortalLoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { refresh } = useAuth();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/accounts/login', v);
      await refresh();
      const next = params.get('tiep');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/');
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', errorText(e)));
    } finally {
      setBusy(false);
    }
  };

  const unverifiedPhone =
    error?.code === 'ACCOUNT_NOT_VERIFIED'
      ? ((error.details as { phone?: string } | undefined)?.phone ?? '')
      : null;

  return (
    <div style={pageStyle}>
      <PageTitle style={{ marginTop: 4 }}>Đăng nhập</PageTitle>
      <Card>
        {error && (
          <Alert
            type={unverifiedPhone !== null ? 'warning' : 'error'}
            showIcon
            title={error.message}
            style={{ marginBottom: 16 }}
            description={
              unverifiedPhone !== null ? (
                <Link to={`/xac-thuc?sdt=${encodeURIComponent(unverifiedPhone)}`}>
                  Nhập mã hoặc gửi lại mã
                </Link>
              ) : undefined
            }
          />
        )}
        <Form layout="vertical" size="large" requiredMark={false} onFinish={submit}>
          <Form.Item
            name="login"
            label="Số điện thoại hoặc tên đăng nhập"
            rules={[
              { required: true, whitespace: true, message: 'Hãy nhập số điện thoại hoặc tên đăng nhập.' },
            ]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" inputMode="text" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label="Mật khẩu"
            rules={[{ required: true, message: 'Hãy nhập mật khẩu.' }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Đăng nhập
          </Button>
        </Form>
        <Space wrap style={{ marginTop: 16, justifyContent: 'space-between', width: '100%' }}>
          <Link to="/dang-ky">Đăng ký tài khoản</Link>
          <Link to="/quen-mat-khau">Quên mật khẩu?</Link>
        </Space>
      </Card>
    </div>
  );
}
