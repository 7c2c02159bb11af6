import { Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, qs } from '../shared/api';

interface Item {
  id: string;
  code: string | null;
  procedureName: string;
  applicantName: string;
  status: { code: number; name: string };
  acceptedAt: string | null;
  dueAt: string | null;
  timeliness: 'early' | 'on-time' | 'late' | 'overdue' | null;
}

export const when = (iso: string | null) =>
  iso ? `${iso.slice(11, 16)} ${iso.slice(0, 10).split('-').reverse().join('/')}` : '—';

/** Deadline colour: red when overdue or late, orange when due within a working day, green otherwise. */
export function DeadlineTag({ dueAt, timeliness }: { dueAt: string | null; timeliness: Item['timeliness'] }) {
  if (!dueAt) return null;
  if (timeliness === 'overdue' || timeliness === 'late') return <Tag color="red">Quá hạn</Tag>;
  if (timeliness === 'early') return <Tag color="green">Trước hạn</Tag>;
  if (timeliness === 'on-time') return <Tag color="blue">Đúng hạn</Tag>;
  const hours = (Date.parse(dueAt) - Date.now()) / 3_600_000;
  return hours < 24 ? <Tag color="orange">Sắp đến hạn</Tag> : <Tag color="green">Trong hạn</Tag>;
}

/** The agency's dossiers, newest first, with search by code or name (no diacritics needed). */
export function DossiersPage() {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [data, setData] = useState<{ items: Item[]; total: number } | null>(null);
  useEffect(() => {
    void api.get<{ items: Item[]; total: number }>(`/api/v1/dossiers${qs({ q, limit: 100 })}`).then(setData);
  }, [q]);
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Hồ sơ
        </Typography.Title>
        <Input.Search
          allowClear
          aria-label="Tìm hồ sơ theo mã hoặc tên người nộp"
          placeholder="Mã hồ sơ hoặc tên người nộp"
          style={{ width: 340 }}
          onSearch={setQ}
        />
      </Space>
      <Table<Item>
        rowKey="id"
        size="middle"
        loading={!data}
        dataSource={data?.items ?? []}
        onRow={(d) => ({ onClick: () => navigate(`/desk/ho-so/${d.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Mã hồ sơ', dataIndex: 'code', width: 230 },
          { title: 'Thủ tục', dataIndex: 'procedureName' },
          { title: 'Người nộp', dataIndex: 'applicantName', width: 180 },
          { title: 'Trạng thái', width: 160, render: (_, d) => d.status.name },
          { title: 'Hẹn trả', width: 150, render: (_, d) => when(d.dueAt) },
          {
            title: '',
            width: 120,
            render: (_, d) => <DeadlineTag dueAt={d.dueAt} timeliness={d.timeliness} />,
          },
        ]}
      />
    </div>
  );
}
