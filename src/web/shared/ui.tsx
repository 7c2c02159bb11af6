import { DownOutlined, KeyOutlined, LogoutOutlined, ToolOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal, Result, Space, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { ROLE_LABELS_VI } from '../../domain/identity/role-labels';
import { ApiError, api } from './api';
import { useAuth } from './auth';

export function roleNames(roles: readonly string[]): string {
  return roles.map((r) => ROLE_LABELS_VI[r as keyof typeof ROLE_LABELS_VI] ?? r).join(', ');
}

/** The signed-in user's name, agency and roles, with change password and sign out. */
function UserMenuInner({ onLoggedOut }: { onLoggedOut?: () => void }) {
  const { user, logout } = useAuth();
  const [changing, setChanging] = useState(false);
  if (!user) return null;
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'pw', icon: <KeyOutlined />, label: 'Đổi mật khẩu', onClick: () => setChanging(true) },
            {
              key: 'out',
              icon: <LogoutOutlined />,
              label: 'Đăng xuất',
              onClick: async () => {
                await logout();
                onLoggedOut?.();
              },
            },
          ],
        }}
      >
        {/* Its accessible name is what it shows (the name and role): no aria-label that differs from it. */}
        <Button type="text" style={{ height: 'auto', textAlign: 'left' }}>
          <Space>
            <span>
              <Typography.Text strong>{user.fullName}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[roleNames(user.roles), user.agency?.name].filter(Boolean).join(' · ')}
              </Typography.Text>
            </span>
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </>
  );
}

function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    try {
      await api.post('/api/v1/auth/change-password', {
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      });
      message.success('Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.');
      form.resetFields();
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields([
          {
            name:
              e.code === 'WRONG_PASSWORD' || e.code === 'TOO_MANY_ATTEMPTS'
                ? 'currentPassword'
                : 'newPassword',
            errors: [e.message],
          },
        ]);
      } else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title="Đổi mật khẩu"
      onCancel={onClose}
      okText="Lưu"
      cancelText="Hủy"
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="currentPassword" label="Mật khẩu hiện tại" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="Mật khẩu mới"
          rules={[{ required: true }, { min: 8, message: 'Mật khẩu phải có ít nhất 8 ký tự.' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label="Nhập lại mật khẩu mới"
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_r, v) =>
                v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('Hai mật khẩu chưa khớp.')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** An honest placeholder for a function not built yet. */
export function UnderConstruction({ title }: { title: string }) {
  return (
    <Result
      icon={<ToolOutlined />}
      title={<h1 style={{ font: 'inherit', margin: 0 }}>{title}</h1>}
      subTitle="Chức năng đang được xây dựng"
    />
  );
}

/**
 * The name of a table column whose cells say what they are (buttons, a deadline tag): read by screen readers,
 * not shown — a header cell without text is an axe violation ("empty-table-header").
 */
export function ColumnName({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}

/**
 * A page's title: its one `h1` (the page's name for screen readers and in the outline), the size of antd's
 * level-3 title (index.html: `h1.page-title`). The face's name in the header is not a heading.
 */
export function PageTitle({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <Typography.Title level={1} className="page-title" style={style}>
      {children}
    </Typography.Title>
  );
}

/** The signed-in user's menu; brings antd's App (message, modal) where the page has none (the portal). */
export function UserMenu(props: Parameters<typeof UserMenuInner>[0]) {
  return (
    <App component={false}>
      <UserMenuInner {...props} />
    </App>
  );
}
