import {
  ApartmentOutlined,
  AppstoreOutlined,
  CalendarOutlined,
  FileDoneOutlined,
  FileExcelOutlined,
  OrderedListOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Navigate, Route, Routes } from 'react-router';
import { adminLevel } from '../../domain/identity/permissions';
import { useAuth } from '../shared/auth';
import { StaffShell } from '../shared/StaffShell';
import { UnderConstruction } from '../shared/ui';
import { AgenciesPage } from './AgenciesPage';
import { CalendarPage } from './CalendarPage';
import { CountersPage } from './CountersPage';
import { AdoptionPage, FieldsPage, ImportPage } from './catalogue/CataloguePages';
import { DecisionsPage } from './catalogue/DecisionsPage';
import { UsersPage } from './UsersPage';
import { WorkflowsPage } from './WorkflowsPage';

/** Administration (/admin): agencies, users, and later procedures, workflows, holidays, counters. */
export default function AdminApp() {
  const { user } = useAuth();
  // The header names the administrator's reach: "Quản trị hệ thống" is the system administrator's alone.
  const level = user ? adminLevel(user) : null;
  const title =
    level === 'system'
      ? 'Quản trị hệ thống'
      : level === 'province'
        ? 'Quản trị cấp tỉnh'
        : level === 'agency'
          ? 'Quản trị cơ quan'
          : 'Trang quản trị';
  return (
    <StaffShell
      base="/admin"
      title={title}
      roles={['admin', 'sysadmin']}
      nav={[
        { path: 'co-quan', label: 'Cơ quan, đơn vị', icon: <ApartmentOutlined /> },
        { path: 'nguoi-dung', label: 'Người dùng', icon: <TeamOutlined /> },
        { path: 'lich-lam-viec', label: 'Lịch làm việc', icon: <CalendarOutlined /> },
        { path: 'linh-vuc', label: 'Lĩnh vực', icon: <TagsOutlined /> },
        { path: 'quyet-dinh', label: 'Công bố thủ tục', icon: <FileDoneOutlined /> },
        { path: 'nhap-xuat', label: 'Nhập, xuất danh mục', icon: <FileExcelOutlined /> },
        { path: 'thu-tuc-co-quan', label: 'Thủ tục của cơ quan', icon: <AppstoreOutlined /> },
        { path: 'quy-trinh', label: 'Quy trình xử lý', icon: <ApartmentOutlined /> },
        { path: 'quay', label: 'Quầy tiếp nhận', icon: <OrderedListOutlined /> },
      ]}
    >
      <Routes>
        <Route index element={<Navigate to="co-quan" replace />} />
        <Route path="co-quan" element={<AgenciesPage />} />
        <Route path="nguoi-dung" element={<UsersPage />} />
        <Route path="lich-lam-viec" element={<CalendarPage />} />
        <Route path="linh-vuc" element={<FieldsPage />} />
        <Route path="quyet-dinh" element={<DecisionsPage />} />
        <Route path="nhap-xuat" element={<ImportPage />} />
        <Route path="thu-tuc-co-quan" element={<AdoptionPage />} />
        <Route path="quy-trinh" element={<WorkflowsPage />} />
        <Route path="quay" element={<CountersPage />} />
        <Route path="*" element={<UnderConstruction title="Không tìm thấy trang" />} />
      </Routes>
    </StaffShell>
  );
}
