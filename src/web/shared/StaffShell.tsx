import { MenuUnfoldOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Layout, Menu, type MenuProps, Result, Spin, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { hasAnyRole } from '../../domain/identity/permissions';
import type { Role } from '../../domain/identity/role';
import { useAuth } from './auth';
import { LoginForm } from './LoginForm';
import { MAIN_ID, SkipLink } from './SkipLink';
import { PageTitle, UserMenu } from './ui';

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
  // Below antd's `lg` (992 px: a tablet, a small laptop at the counter) the side menu shows its icons only; the
  // header's "Chức năng" opens the menu with its names over the page, and choosing a page closes it.
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);

  if (loading) {
    return (
      <main id={MAIN_ID} tabIndex={-1} style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </main>
    );
  }
  if (!user) {
    return (
      <>
        <SkipLink />
        <main
          id={MAIN_ID}
          tabIndex={-1}
          style={{
            minHeight: '100vh',
            display: 'grid',
            placeItems: 'center',
            background: '#f5f5f5',
            padding: 16,
          }}
        >
          <Card style={{ width: 420, maxWidth: '100%' }}>
            <PageTitle style={{ marginTop: 0 }}>{title}</PageTitle>
            <Typography.Paragraph type="secondary">motcua — Một cửa điện tử</Typography.Paragraph>
            <LoginForm />
          </Card>
        </main>
      </>
    );
  }
  if (!hasAnyRole(user.roles, roles)) {
    return (
      <>
        <SkipLink />
        <main id={MAIN_ID} tabIndex={-1}>
          <Result
            status="403"
            title={<h1 style={{ font: 'inherit', margin: 0 }}>Không có quyền truy cập</h1>}
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
        </main>
      </>
    );
  }

  const rel = pathname.slice(base.length).replace(/^\//, '');
  const mine = nav.filter((n) => !n.roles || hasAnyRole(user.roles, n.roles));
  const selected = mine
    .filter((n) => (n.path === '' ? rel === '' : rel === n.path || rel.startsWith(`${n.path}/`)))
    .map((n) => n.path);
  const items: MenuProps['items'] = mine.map((n) => ({ key: n.path, icon: n.icon, label: n.label }));
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected}
      items={items}
      onClick={(i) => {
        setMenuOpen(false);
        navigate(i.key ? `${base}/${i.key}` : base);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SkipLink />
      <Layout.Sider
        breakpoint="lg"
        collapsible
        collapsed={narrow}
        trigger={null}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          if (!broken) setMenuOpen(false);
        }}
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
          {narrow ? 'mc' : 'motcua'}
        </div>
        <nav aria-label="Chức năng">{menu}</nav>
      </Layout.Sider>
      <Drawer
        title="Chức năng"
        placement="left"
        size={260}
        open={narrow && menuOpen}
        onClose={() => setMenuOpen(false)}
        styles={{ body: { padding: 0 } }}
      >
        <nav aria-label="Chức năng (đầy đủ)">{menuOpen && menu}</nav>
      </Drawer>
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
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
            {narrow && (
              <Button
                type="text"
                icon={<MenuUnfoldOutlined />}
                aria-expanded={menuOpen}
                onClick={() => setMenuOpen(true)}
              >
                Chức năng
              </Button>
            )}
            {/* The face's name, not a heading: each page's title is its h1. */}
            <div style={{ fontSize: 20, fontWeight: 600, color: 'rgba(0, 0, 0, 0.88)' }}>{title}</div>
          </div>
          <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
            <UserMenu onLoggedOut={() => navigate(base)} />
          </div>
        </Layout.Header>
        {/* antd's Content is the `main` landmark. */}
        <Layout.Content id={MAIN_ID} tabIndex={-1} style={{ padding: 16 }}>
          {children}
        </Layout.Content>
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
