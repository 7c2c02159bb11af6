import { Drawer, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { DossiersBehind, ReportCell } from '../../../contract';
import { api, qs } from '../../shared/api';
import { when } from '../DossiersPage';

/** A rate (0–1) as a Vietnamese percentage, "—" when there is none. */
export const pct = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`;
export interface Behind {
  cell: ReportCell;
  title: string;
  rowKey?: string;
}

/** The dossiers behind one number, in a drawer. */
export function BehindDrawer({
  base,
  behind,
  onClose,
}: {
  base: string;
  behind: Behind | null;
  onClose: () => void;
}) {
  const [data, setData] = useState<DossiersBehind | null>(null);
  const [page, setPage] = useState(1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new number starts at its first page
  useEffect(() => {
    setPage(1);
  }, [behind]);
  useEffect(() => {
    if (!behind) return;
    setData(null);
    void api
      .get<DossiersBehind>(
        `/api/v1/stats/processing/dossiers${base}&${qs({ cell: behind.cell, rowKey: behind.rowKey, limit: 20, offset: (page - 1) * 20 }).slice(1)}`,
      )
      .then(setData);
  }, [base, behind, page]);
  return (
    <Drawer open={!!behind} onClose={onClose} width={900} title={behind?.title}>
      <Table<DossiersBehind['items'][number]>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: 'Mã hồ sơ',
            render: (_, r) => <Link to={`/desk/ho-so/${r.id}`}>{r.code ?? '(chưa có mã)'}</Link>,
          },
          { title: 'Người nộp', dataIndex: 'applicantName' },
          { title: 'Thủ tục', dataIndex: 'procedureName', ellipsis: true },
          { title: 'Trạng thái', dataIndex: 'statusName' },
          { title: 'Tiếp nhận', render: (_, r) => when(r.acceptedAt) },
          { title: 'Hạn giải quyết', render: (_, r) => when(r.dueAt) },
          { title: 'Kết thúc', render: (_, r) => when(r.endedAt) },
        ]}
      />
    </Drawer>
  );
}
