import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { useAuth } from '../shared/auth';
import { Icon, PageLoading, Switch } from '../shared/lite';
import { MAIN_ID, SkipLink } from '../shared/SkipLink';
import { withAntd } from '../shared/withAntd';

/**
 * Route-level code splitting: a phone opening one page downloads that page's code only (the portal's
 * budget is 200 KB of JavaScript gzipped for a procedure page; `bench/portal-bundle.ts` measures it).
 * The frame and the procedure page are built without antd; every other page loads antd with itself.
 */
const page = withAntd;
// The signed-in user's menu (with change password) loads only for a signed-in user.
const UserMenu = withAntd(() => import('../shared/ui'), 'UserMenu');
const HomePage = lazy(() => import('./HomePage').then((m) => ({ default: m.HomePage })));
const ProcedurePage = lazy(() => import('./ProcedurePage').then((m) => ({ default: m.ProcedurePage })));
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
  const [on, setOn] = useState(() => localStorage.getItem('motcua.largeText') === '1');
  useEffect(() => {
    document.body.classList.toggle('large-text', on);
    document.documentElement.style.fontSize = on ? '118%' : '';
    localStorage.setItem('motcua.largeText', on ? '1' : '0');
  }, [on]);
  return (
    <span title="Chữ lớn" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <Icon name="text" />
      <Switch checked={on} onChange={setOn} label="Chữ lớn" />
    </span>
  );
}

/** The citizens' portal (/): mobile first, readable by the elderly. */
export default function PortalApp() {
  const { user } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="portal">
      <SkipLink />
      <header className="portal-header">
        <Link to="/">
          <div style={{ fontWeight: 700, fontSize: '1.1em' }}>Cổng dịch vụ công</div>
          <div style={{ fontSize: '0.8em', opacity: 0.9 }}>motcua — Một cửa điện tử</div>
        </Link>
        <div className="portal-tools">
          <LargeTextToggle />
          {user ? (
            <>
              {user.roles.includes('citizen') && <Link to="/ho-so-cua-toi">Hồ sơ của tôi</Link>}
              <Link to="/tai-khoan">Tài khoản</Link>
              <Suspense fallback={null}>
                <UserMenu onLoggedOut={() => navigate('/')} />
              </Suspense>
            </>
          ) : (
            <Link to="/dang-nhap" className="lite-btn lite-btn-link">
              <Icon name="login" />
              Đăng nhập
            </Link>
          )}
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
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
            <Route path="*" element={<h1 style={{ fontSize: '1.5em' }}>Không tìm thấy trang</h1>} />
          </Routes>
        </Suspense>
      </main>
      <footer>
        <div style={{ marginBottom: 4 }}>
          <Link to="/phan-anh-kien-nghi">Phản ánh, kiến nghị</Link>
          {' · '}
          <Link to="/dat-lich">Đặt lịch hẹn</Link>
          {' · '}
          <Link to="/minh-bach">Công khai kết quả giải quyết</Link>
        </div>
        motcua — phần mềm nguồn mở cho Bộ phận Tiếp nhận và Trả kết quả
      </footer>
    </div>
  );
}
