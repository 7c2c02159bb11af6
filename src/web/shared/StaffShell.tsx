import { App, Card, Layout, Menu, type MenuProps, Result, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { hasAnyRole } from '../../domain/identity/permissions';
import type { Role } from '../../domain/identity/role';
import { useAuth } from './auth';
import { LoginForm } from './LoginForm';
import { UserMenu } from './ui';

export interface NavItem {
  path: string; // relative to the face's base, '' for its home
  label: string;
  icon: ReactNode;
  /** Only shown to a user holding one of these roles (the roles the server lets do the page's work). */
  roles?: readonly Role[];
}

/**
 * The layout of the officers' and administrators' faces: a sign-in page until a user with one of
 * `roles` is signed in (the system administrator counts as an administrator), then a side menu, a
 * header with the user, and the page.
 */
function StaffShellInner({
  base,
  title,
  roles,
  nav,
  children,
}: {
  base: string;
  title: string;
  roles: readonly Role[];
  nav: NavItem[];
  children: ReactNode;
}) {
  const { user, loading, logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  if (loading) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (!user) {
    return (
      <div
        style={{
          minHeight: '100vh',
          display: 'grid',
          placeItems: 'center',
          background: '#f5f5f5',
          padding: 16,
        }}
      >
        <Card style={{ width: 420, maxWidth: '100%' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          <Typography.Paragraph type="secondary">motcua — Một cửa điện tử</Typography.Paragraph>
          <LoginForm />
        </Card>
      </div>
    );
  }
  if (!hasAnyRole(user.roles, roles)) {
    return (
      <Result
        status="403"
        title="Không có quyền truy cập"
        subTitle={`Tài khoản ${user.username} không có quyền vào ${title.toLowerCase()}.`}
        extra={
          <a
            href={base}
            onClick={async (e) => {
              e.preventDefault();
              await logout();
            }}
          >
            Đăng nhập bằng tài khoản khác
          </a>
        }
      />
    );
  }

  const rel = pathname.slice(base.length).replace(/^\//, '');
  const mine = nav.filter((n) => !n.roles || hasAnyRole(user.roles, n.roles));
  const selected = mine
    .filter((n) => (n.path === '' ? rel === '' : rel === n.path || rel.startsWith(`${n.path}/`)))
    .map((n) => n.path);
  const items: MenuProps['items'] = mine.map((n) => ({ key: n.path, icon: n.icon, label: n.label }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={56}
        width={232}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div
          style={{
            padding: '16px 16px 8px',
            fontWeight: 700,
            color: '#b3261e',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          motcua
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected}
          items={items}
          onClick={(i) => navigate(i.key ? `${base}/${i.key}` : base)}
          style={{ borderInlineEnd: 0 }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
            height: 64,
            lineHeight: 'normal',
          }}
        >
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
            <UserMenu onLoggedOut={() => navigate(base)} />
          </div>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The desk's and the administration's frame, inside antd's App (message and modal contexts). */
export function StaffShell(props: Parameters<typeof StaffShellInner>[0]) {
  return (
    <App>
      <StaffShellInner {...props} />
    </App>
  );
}
