import {
  BarChartOutlined,
  FileDoneOutlined,
  HomeOutlined,
  InboxOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Card, Descriptions, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { STAFF_ROLES } from '../../domain/identity/role';
import { api } from '../shared/api';
import { useAuth } from '../shared/auth';
import { StaffShell } from '../shared/StaffShell';
import type { Agency } from '../shared/types';
import { UnderConstruction } from '../shared/ui';
import { DossierPage } from './DossierPage';
import { DossiersPage } from './DossiersPage';
import { ReceptionPage } from './ReceptionPage';

function DeskHome() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [agency, setAgency] = useState<Agency | null>(null);
  useEffect(() => {
    if (user?.agency) void api.get<Agency>(`/api/v1/agencies/${user.agency.id}`).then(setAgency);
  }, [user?.agency]);
  return (
    <div>
      <Typography.Title level={3}>
        {t('Xin chào')}, {user?.fullName}
      </Typography.Title>
      <Card
        title={`Bộ phận Tiếp nhận và Trả kết quả — ${user?.agency?.name ?? 'toàn hệ thống'}`}
        style={{ maxWidth: 720 }}
      >
        {agency ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('Mã định danh')}>{agency.code}</Descriptions.Item>
            <Descriptions.Item label={t('Địa chỉ')}>{agency.address || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('Giờ làm việc')}>
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

/** The officers' desk (/desk). */
export default function DeskApp() {
  const { t } = useTranslation();
  return (
    <StaffShell
      base="/desk"
      title={t('Bàn làm việc một cửa')}
      roles={STAFF_ROLES}
      nav={[
        { path: '', label: t('Trang chủ'), icon: <HomeOutlined /> },
        { path: 'tiep-nhan', label: t('Tiếp nhận hồ sơ'), icon: <InboxOutlined /> },
        { path: 'xu-ly', label: t('Hồ sơ cần xử lý'), icon: <SolutionOutlined /> },
        { path: 'tra-ket-qua', label: t('Trả kết quả'), icon: <FileDoneOutlined /> },
        { path: 'thong-ke', label: t('Thống kê'), icon: <BarChartOutlined /> },
      ]}
    >
      <Routes>
        <Route index element={<DeskHome />} />
        <Route path="tiep-nhan" element={<ReceptionPage />} />
        <Route path="xu-ly" element={<DossiersPage />} />
        <Route path="ho-so/:id" element={<DossierPage />} />
        <Route path="tra-ket-qua" element={<DossiersPage initialList="to-return" />} />
        <Route path="thong-ke" element={<UnderConstruction title={t('Thống kê')} />} />
        <Route path="*" element={<UnderConstruction title="Không tìm thấy trang" />} />
      </Routes>
    </StaffShell>
  );
}
