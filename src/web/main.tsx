import { ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './shared/auth';
import './shared/i18n';

// Each face is its own chunk: the citizens' portal never downloads the desk's or the administration's code.
const PortalApp = lazy(() => import('./portal/PortalApp'));
const DeskApp = lazy(() => import('./desk/DeskApp'));
const AdminApp = lazy(() => import('./admin/AdminApp'));
const KioskLookup = lazy(() => import('./kiosk/KioskLookup'));
const QueueKiosk = lazy(() => import('./kiosk/QueueKiosk'));
const DisplayBoard = lazy(() => import('./display/DisplayBoard'));

/**
 * Colours that keep WCAG AA contrast (4.5:1) on white for the elderly and for sunlit phone screens:
 * antd's default link blue and secondary/placeholder greys fall below it.
 */
const THEME_TOKENS = {
  colorPrimary: '#b3261e',
  borderRadius: 6,
  colorLink: '#0b50b5',
  colorLinkHover: '#1f6fd6',
  colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
  colorTextDescription: 'rgba(0, 0, 0, 0.66)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
};

function Providers({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'vi');
  return (
    <ConfigProvider locale={en ? enUS : viVN} theme={{ token: THEME_TOKENS }}>
      {/* antd's App (message, modal contexts) wraps each face that needs it, not the portal's first load. */}
      {children}
    </ConfigProvider>
  );
}

const loading = (
  <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
    <Spin size="large" />
  </div>
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <AuthProvider>
        <BrowserRouter>
          <Suspense fallback={loading}>
            <Routes>
              <Route path="/desk/*" element={<DeskApp />} />
              <Route path="/admin/*" element={<AdminApp />} />
              <Route path="/kiosk/lookup/*" element={<KioskLookup />} />
              <Route path="/kiosk/queue" element={<QueueKiosk />} />
              <Route path="/display/:agencyCode" element={<DisplayBoard />} />
              <Route path="/*" element={<PortalApp />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AuthProvider>
    </Providers>
  </StrictMode>,
);
