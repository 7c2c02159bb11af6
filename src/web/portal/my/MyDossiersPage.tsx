import { Alert, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { MyDossierItem, MyDossierList } from '../../../contract';
import { temporaryReference } from '../../../domain/dossier/code';
import { ENDED_BY_AGENCY, PAUSED_STATUSES, statusIn } from '../../../domain/dossier/lifecycle';
import { ApiError, api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { PageTitle } from '../../shared/ui';

/** "09:30 26/11/2026" from a local ISO instant. */
export function when(iso: string | null): string {
  if (!iso) return '—';
  return `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function StatusTag({ status, timeliness }: Pick<MyDossierItem, 'status' | 'timeliness'>) {
  const color = statusIn(PAUSED_STATUSES, status.code)
    ? 'orange'
    : statusIn(ENDED_BY_AGENCY, status.code) || timeliness === 'overdue' || timeliness === 'late'
      ? 'red'
      : status.code >= 9
        ? 'green'
        : 'blue';
  return <Tag color={color}>{status.name}</Tag>;
}

/** /ho-so-cua-toi: what the citizen has handed in, the newest first; those waiting for them on top. */
export function MyDossiersPage() {
  const { user, loading } = useAuth();
  const navigate = useNavigate();
  const [items, setItems] = useState<MyDossierItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (loading) return;
    if (!user) {
      navigate(`/dang-nhap?tiep=${encodeURIComponent('/ho-so-cua-toi')}`, { replace: true });
      return;
    }
    api
      .get<MyDossierList>('/api/v1/my/dossiers')
      .then((r) =>
        setItems([...r.items].sort((a, b) => Number(b.needsSupplement) - Number(a.needsSupplement))),
      )
      .catch((e) => setError(e instanceof ApiError ? e.message : 'Không tải được danh sách hồ sơ.'));
  }, [user, loading, navigate]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!items) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  return (
    <div>
      <PageTitle>Hồ sơ của tôi</PageTitle>
      {items.some((i) => i.needsSupplement) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="Có hồ sơ cần bạn bổ sung giấy tờ. Mở hồ sơ để xem cần gì và nộp bổ sung."
        />
      )}
      <List
        dataSource={items}
        locale={{
          emptyText: (
            <Empty description="Bạn chưa nộp hồ sơ trực tuyến nào.">
              <Link to="/thu-tuc">Tìm thủ tục để nộp hồ sơ</Link>
            </Empty>
          ),
        }}
        renderItem={(d) => (
          <List.Item style={{ padding: 0, border: 'none', display: 'block' }}>
            <Card size="small" style={{ marginBottom: 8 }}>
              <Link to={`/ho-so-cua-toi/${d.id}`} style={{ fontWeight: 600, fontSize: '1.05em' }}>
                {d.procedureName}
              </Link>
              <div style={{ marginTop: 4 }}>
                <Space size={[4, 4]} wrap>
                  <StatusTag status={d.status} timeliness={d.timeliness} />
                  {d.needsSupplement && <Tag color="orange">Cần bổ sung</Tag>}
                  <span>{d.code ?? `Mã tạm ${temporaryReference(d.id)} (chờ tiếp nhận)`}</span>
                </Space>
              </div>
              <Typography.Text type="secondary">
                {d.agencyName} · Nộp lúc {when(d.submittedAt)}
                {d.appointmentAt ? ` · Hẹn trả ${when(d.appointmentAt)}` : ''}
                {d.applicantName && d.applicantName !== user?.fullName
                  ? ` · Người yêu cầu: ${d.applicantName}`
                  : ''}
              </Typography.Text>
            </Card>
          </List.Item>
        )}
      />
    </div>
  );
}
