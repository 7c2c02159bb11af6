import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from './api';
import { useAuth } from './auth';
import type { Me } from './types';

/** Username and password, with the server's Vietnamese message on failure. */
export function LoginForm({ onDone }: { onDone?: (user: Me) => void }) {
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const u = await login(v.username, v.password);
      onDone?.(u);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      size="large"
      style={{ maxWidth: 380, width: '100%' }}
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <Form.Item
        label="Tên đăng nhập"
        name="username"
        rules={[{ required: true, message: 'Hãy nhập tên đăng nhập.' }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Hãy nhập mật khẩu.' }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        Đăng nhập
      </Button>
    </Form>
  );
}
