import { FontSizeOutlined, LoginOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Spin, Switch } from 'antd';
import { type ComponentType, lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { useAuth } from '../shared/auth';
import { LanguageSwitch } from '../shared/LanguageSwitch';

/**
 * Route-level code splitting: a phone opening one page downloads that page's code only (the portal's
 * budget is 200 KB of JavaScript gzipped for a procedure page; `bench/portal-bundle.ts` measures it).
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
// The signed-in user's menu (with change password) loads only for a signed-in user.
const UserMenu = lazy(() => import('../shared/ui').then((m) => ({ default: m.UserMenu })));
const HomePage = page(() => import('./HomePage'), 'HomePage');
const ProcedurePage = page(() => import('./ProcedurePage'), 'ProcedurePage');
const ProceduresPage = page(() => import('./ProceduresPage'), 'ProceduresPage');
const TrackPage = page(() => import('./TrackPage'), 'TrackPage');
const AccountPage = page(() => import('./account/AccountPage'), 'AccountPage');
const ForgotPasswordPage = page(() => import('./account/ForgotPasswordPage'), 'ForgotPasswordPage');
const PortalLoginPage = page(() => import('./account/LoginPage'), 'PortalLoginPage');
const RegisterPage = page(() => import('./account/RegisterPage'), 'RegisterPage');
const VerifyPage = page(() => import('./account/VerifyPage'), 'VerifyPage');
const FeedbackPage = page(() => import('./feedback/FeedbackPage'), 'FeedbackPage');
const SubmitPage = page(() => import('./submit/SubmitPage'), 'SubmitPage');
const SubmittedPage = page(() => import('./submit/SubmittedPage'), 'SubmittedPage');
const MyDossiersPage = page(() => import('./my/MyDossiersPage'), 'MyDossiersPage');
const MyDossierPage = page(() => import('./my/MyDossierPage'), 'MyDossierPage');
const BookingPage = page(() => import('./booking/BookingPage'), 'BookingPage');
const TicketFollowPage = page(() => import('./booking/TicketFollowPage'), 'TicketFollowPage');
const TransparencyPage = page(() => import('./transparency/TransparencyPage'), 'TransparencyPage');

function LargeTextToggle() {
  const { t } = useTranslation();
  const [on, setOn] = useState(() => localStorage.getItem('motcua.largeText') === '1');
  useEffect(() => {
    document.body.classList.toggle('large-text', on);
    document.documentElement.style.fontSize = on ? '118%' : '';
    localStorage.setItem('motcua.largeText', on ? '1' : '0');
  }, [on]);
  return (
    <span title={t('Chữ lớn')}>
      <Space size={4}>
        <FontSizeOutlined aria-hidden />
        <Switch size="small" checked={on} onChange={setOn} aria-label={t('Chữ lớn')} />
      </Space>
    </span>
  );
}

/** The citizens' portal (/): mobile first, readable by the elderly. */
export default function PortalApp() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  return (
    <Layout style={{ minHeight: '100vh', background: '#fafafa' }}>
      <Layout.Header
        style={{
          background: '#b3261e',
          padding: '8px 12px',
          height: 'auto',
          lineHeight: 1.3,
          display: 'flex',
          flexWrap: 'wrap',
          gap: 8,
          alignItems: 'center',
          justifyContent: 'space-between',
        }}
      >
        <Link to="/" style={{ color: '#fff' }}>
          <div style={{ fontWeight: 700, fontSize: '1.1em' }}>{t('Cổng dịch vụ công')}</div>
          <div style={{ fontSize: '0.8em', opacity: 0.9 }}>motcua — Một cửa điện tử</div>
        </Link>
        <Space size={8} wrap style={{ background: '#fff', borderRadius: 6, padding: '2px 8px' }}>
          <LargeTextToggle />
          <LanguageSwitch />
          {user ? (
            <>
              {user.roles.includes('citizen') && <Link to="/ho-so-cua-toi">{t('Hồ sơ của tôi')}</Link>}
              <Link to="/tai-khoan">{t('Tài khoản')}</Link>
              <Suspense fallback={null}>
                <UserMenu onLoggedOut={() => navigate('/')} />
              </Suspense>
            </>
          ) : (
            <Button type="link" icon={<LoginOutlined />} onClick={() => navigate('/dang-nhap')}>
              {t('Đăng nhập')}
            </Button>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content
        style={{ padding: 12, maxWidth: 960, width: '100%', margin: '0 auto', boxSizing: 'border-box' }}
      >
        <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
          <Routes>
            <Route index element={<HomePage />} />
            <Route path="dang-nhap" element={<PortalLoginPage />} />
            <Route path="dang-ky" element={<RegisterPage />} />
            <Route path="xac-thuc" element={<VerifyPage />} />
            <Route path="quen-mat-khau" element={<ForgotPasswordPage />} />
            <Route path="tai-khoan" element={<AccountPage />} />
            <Route path="thu-tuc" element={<ProceduresPage />} />
            <Route path="thu-tuc/:code" element={<ProcedurePage />} />
            <Route path="thu-tuc/:code/nop" element={<SubmitPage />} />
            <Route path="thu-tuc/:code/nop/da-nop/:id" element={<SubmittedPage />} />
            <Route path="ho-so-cua-toi" element={<MyDossiersPage />} />
            <Route path="ho-so-cua-toi/:id" element={<MyDossierPage />} />
            <Route path="tra-cuu" element={<TrackPage />} />
            <Route path="tra-cuu/:code" element={<TrackPage />} />
            <Route path="phan-anh-kien-nghi" element={<FeedbackPage />} />
            <Route path="dat-lich" element={<BookingPage />} />
            <Route path="dat-lich/:code" element={<BookingPage />} />
            <Route path="hang-doi/:ticketId" element={<TicketFollowPage />} />
            <Route path="minh-bach" element={<TransparencyPage />} />
            <Route path="*" element={<p>Không tìm thấy trang.</p>} />
          </Routes>
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', fontSize: 12, padding: 12 }}>
        <div style={{ marginBottom: 4 }}>
          <Link to="/phan-anh-kien-nghi">Phản ánh, kiến nghị</Link>
          {' · '}
          <Link to="/dat-lich">Đặt lịch hẹn</Link>
          {' · '}
          <Link to="/minh-bach">Công khai kết quả giải quyết</Link>
        </div>
        motcua — phần mềm nguồn mở cho Bộ phận Tiếp nhận và Trả kết quả
      </Layout.Footer>
    </Layout>
  );
}
