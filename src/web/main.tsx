import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './shared/auth';
import { Spinner } from './shared/lite';
import { withAntd } from './shared/withAntd';

// Each face is its own chunk: the citizens' portal never downloads the desk's or the administration's code.
// The faces built with antd load its theme and locale with them (withAntd); the portal's frame and procedure
// page are built without antd, and its other pages load antd with themselves.
const PortalApp = lazy(() => import('./portal/PortalApp'));
const DeskApp = withAntd(() => import('./desk/DeskApp'), 'default');
const AdminApp = withAntd(() => import('./admin/AdminApp'), 'default');
const KioskLookup = withAntd(() => import('./kiosk/KioskLookup'), 'default');
const QueueKiosk = withAntd(() => import('./kiosk/QueueKiosk'), 'default');
const DisplayBoard = withAntd(() => import('./display/DisplayBoard'), 'default');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider>
      <BrowserRouter>
        {/* Padding, not the spinner's margin: a margin would collapse into the body's and move the whole page
            when the face appears (a layout shift of 0.17). */}
        <Suspense
          fallback={
            <div style={{ paddingTop: '30vh' }}>
              <Spinner style={{ margin: '0 auto' }} />
            </div>
          }
        >
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
  </StrictMode>,
);
