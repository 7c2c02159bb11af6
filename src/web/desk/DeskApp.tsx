import {
  BarChartOutlined,
  BookOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  HomeOutlined,
  InboxOutlined,
  MessageOutlined,
  OrderedListOutlined,
  SendOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Typography } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, Navigate, Route, Routes, useSearchParams } from 'react-router';
import type { WorklistCounts } from '../../contract';
import { hasAnyRole } from '../../domain/identity/permissions';
import { type Role, STAFF_ROLES } from '../../domain/identity/role';
import { api } from '../shared/api';
import { useAuth } from '../shared/auth';
import type { NavItem } from '../shared/StaffShell';
import { StaffShell } from '../shared/StaffShell';
import type { Agency } from '../shared/types';
import { PageTitle, UnderConstruction } from '../shared/ui';
import { CounterPage } from './CounterPage';
import { DossierPage } from './DossierPage';
import { DossiersPage } from './DossiersPage';
import { FeedbackPage } from './FeedbackPage';
import { PostalHandoverPage } from './PostalHandoverPage';
import { QueueStatsPage } from './QueueStatsPage';
import { RegisterPage } from './RegisterPage';
import { ReceptionPage } from './reception/ReceptionPage';

// Statistics bring chart.js: their own chunk, loaded when the page is opened.
const StatsPage = lazy(() => import('./stats/StatsPage'));

/** Warnings before deadlines: what is overdue, what falls due within a working day (apology time). */
function Warnings() {
  const [tabs, setTabs] = useState<WorklistCounts | null>(null);
  useEffect(() => {
    void api.get<WorklistCounts>('/api/v1/dossiers/worklists').then(setTabs);
  }, []);
  if (!tabs) return null;
  // Each tab is counted up to 1,000: beyond, "Hơn 1.000".
  const counts = Object.fromEntries(
    Object.entries(tabs.counts).map(([k, n]) => [
      k,
      n && (tabs.more.includes(k as keyof WorklistCounts['counts']) ? `Hơn ${n.toLocaleString('vi-VN')}` : n),
    ]),
  ) as Record<keyof WorklistCounts['counts'], number | string>;
  const items = [
    counts.overdue
      ? {
          type: 'error' as const,
          text: `${counts.overdue} hồ sơ đã quá hạn giải quyết.`,
          to: '/desk/xu-ly?list=overdue',
        }
      : null,
    counts['due-soon']
      ? {
          type: 'warning' as const,
          text: `${counts['due-soon']} hồ sơ đến hạn trong vòng 1 ngày làm việc: nếu không kịp, phải gửi văn bản xin lỗi và hẹn lại (Mẫu 04) trước hạn.`,
          to: '/desk/xu-ly?list=due-soon',
        }
      : null,
    counts.check
      ? {
          type: 'info' as const,
          text: `${counts.check} hồ sơ trực tuyến, bưu chính chờ kiểm tra.`,
          to: '/desk/xu-ly?list=check',
        }
      : null,
    counts.mine
      ? { type: 'info' as const, text: `${counts.mine} hồ sơ bạn đang xử lý.`, to: '/desk/xu-ly?list=mine' }
      : null,
    counts.approval
      ? {
          type: 'info' as const,
          text: `${counts.approval} hồ sơ chờ lãnh đạo phê duyệt.`,
          to: '/desk/xu-ly?list=approval',
        }
      : null,
  ].filter((x) => x !== null);
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 720, marginBottom: 16 }}>
      {items.map((i) => (
        <Alert key={i.to} type={i.type} showIcon title={<Link to={i.to}>{i.text}</Link>} />
      ))}
    </Space>
  );
}

function DeskHome() {
  const { user } = useAuth();
  const [agency, setAgency] = useState<Agency | null>(null);
  useEffect(() => {
    if (user?.agency) void api.get<Agency>(`/api/v1/agencies/${user.agency.id}`).then(setAgency);
  }, [user?.agency]);
  return (
    <div>
      <PageTitle>Xin chào, {user?.fullName}</PageTitle>
      <Warnings />
      <Card
        title={`Bộ phận Tiếp nhận và Trả kết quả — ${user?.agency?.name ?? 'toàn hệ thống'}`}
        style={{ maxWidth: 720 }}
      >
        {agency ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label="Mã định danh">{agency.code}</Descriptions.Item>
            <Descriptions.Item label="Địa chỉ">{agency.address || '—'}</Descriptions.Item>
            <Descriptions.Item label="Giờ làm việc">
              {agency.officeHours.sessions.map((s) => `${s.start}–${s.end}`).join(', ')} (thứ Hai – thứ Sáu)
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">
            Tài khoản quản trị toàn hệ thống, không thuộc cơ quan nào.
          </Typography.Text>
        )}
      </Card>
    </div>
  );
}

function WorklistRoute() {
  const [params] = useSearchParams();
  return <DossiersPage initialList={params.get('list') ?? 'all'} />;
}

/**
 * Who works on each page of the desk: the roles the server lets do the page's work (queue: DESK in
 * queue/routes/context.ts; counter intake and returning results: the desk's reception officers; statistics
 * and feedback: STAFF of their routes). The menu shows each officer only their pages; a page opened by its
 * address without the role says so instead of failing on every request.
 */
const DESK_WORK: readonly Role[] = ['reception', 'leader', 'admin'];
const OFFICERS: readonly Role[] = ['reception', 'specialist', 'leader', 'admin'];
const PAGE_ROLES: Record<string, readonly Role[]> = {
  quay: DESK_WORK,
  'tiep-nhan': ['reception'],
  'tra-ket-qua': ['reception'],
  'giao-buu-chinh': DESK_WORK,
  'phan-anh': OFFICERS,
  'thong-ke': OFFICERS,
  'thong-ke-xep-hang': DESK_WORK,
};

function Allowed({ page, children }: { page: string; children: ReactNode }) {
  const { user } = useAuth();
  const roles = PAGE_ROLES[page];
  if (roles && !hasAnyRole(user?.roles ?? [], roles)) {
    return (
      <Alert
        type="warning"
        showIcon
        title="Trang này dành cho cán bộ có vai trò khác"
        description="Tài khoản của bạn không có vai trò thực hiện chức năng này; hãy chọn chức năng trong danh mục bên trái."
      />
    );
  }
  return <>{children}</>;
}

/** The officers' desk (/desk). */
export default function DeskApp() {
  const nav: NavItem[] = [
    { path: '', label: 'Trang chủ', icon: <HomeOutlined /> },
    { path: 'quay', label: 'Quầy của tôi', icon: <OrderedListOutlined /> },
    { path: 'tiep-nhan', label: 'Tiếp nhận hồ sơ', icon: <InboxOutlined /> },
    { path: 'xu-ly', label: 'Hồ sơ cần xử lý', icon: <SolutionOutlined /> },
    { path: 'tra-ket-qua', label: 'Trả kết quả', icon: <FileDoneOutlined /> },
    { path: 'giao-buu-chinh', label: 'Giao bưu chính', icon: <SendOutlined /> },
    { path: 'so-theo-doi', label: 'Sổ theo dõi hồ sơ', icon: <BookOutlined /> },
    { path: 'phan-anh', label: 'Phản ánh, kiến nghị', icon: <MessageOutlined /> },
    { path: 'thong-ke', label: 'Thống kê', icon: <BarChartOutlined /> },
    { path: 'thong-ke-xep-hang', label: 'Thống kê xếp hàng', icon: <FieldTimeOutlined /> },
  ].map((n) => ({ ...n, roles: PAGE_ROLES[n.path] }));
  const guarded = (page: string, element: ReactNode) => <Allowed page={page}>{element}</Allowed>;
  return (
    <StaffShell base="/desk" title="Bàn làm việc một cửa" roles={STAFF_ROLES} nav={nav}>
      <Routes>
        <Route index element={<DeskHome />} />
        <Route path="quay" element={guarded('quay', <CounterPage />)} />
        <Route path="thong-ke-xep-hang" element={guarded('thong-ke-xep-hang', <QueueStatsPage />)} />
        <Route path="tiep-nhan" element={guarded('tiep-nhan', <ReceptionPage />)} />
        <Route path="xu-ly" element={<WorklistRoute />} />
        {/* The dossiers' address without one dossier: the list of dossiers. */}
        <Route path="ho-so" element={<Navigate to="/desk/xu-ly" replace />} />
        <Route path="ho-so/:id" element={<DossierPage />} />
        <Route
          path="tra-ket-qua"
          element={guarded('tra-ket-qua', <DossiersPage initialList="to-return" />)}
        />
        <Route path="giao-buu-chinh" element={guarded('giao-buu-chinh', <PostalHandoverPage />)} />
        <Route path="so-theo-doi" element={<RegisterPage />} />
        <Route path="phan-anh" element={guarded('phan-anh', <FeedbackPage />)} />
        <Route
          path="thong-ke"
          element={guarded(
            'thong-ke',
            <Suspense fallback={<Card loading />}>
              <StatsPage />
            </Suspense>,
          )}
        />
        <Route path="*" element={<UnderConstruction title="Không tìm thấy trang" />} />
      </Routes>
    </StaffShell>
  );
}
