import { Badge, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DossierList, DossierListItem as Item, WorklistCounts } from '../../contract';
import { api, qs } from '../shared/api';
import { ColumnName, PageTitle } from '../shared/ui';

export const when = (iso: string | null) =>
  iso ? `${iso.slice(11, 16)} ${iso.slice(0, 10).split('-').reverse().join('/')}` : '—';

/** Deadline colour: red when overdue or late, orange when due within a working day, green otherwise. */
export function DeadlineTag({
  dueAt,
  timeliness,
  urgency,
}: {
  dueAt: string | null;
  timeliness: Item['timeliness'];
  urgency: Item['urgency'];
}) {
  if (!dueAt) return null;
  if (timeliness === 'late') return <Tag color="red">Trễ hạn</Tag>;
  if (timeliness === 'overdue' || urgency === 'overdue') return <Tag color="red">Quá hạn</Tag>;
  if (timeliness === 'early') return <Tag color="green">Trước hạn</Tag>;
  if (timeliness === 'on-time') return <Tag color="blue">Đúng hạn</Tag>;
  // Computed by the server in legal working time: due within one working day.
  if (urgency === 'due-soon') return <Tag color="orange">Sắp đến hạn</Tag>;
  return urgency === 'normal' ? <Tag color="green">Trong hạn</Tag> : null;
}

/** The desk's worklists (tabs), with live counts from the server. */
const LISTS: { key: string; label: string }[] = [
  { key: 'all', label: 'Tất cả' },
  { key: 'check', label: 'Chờ kiểm tra' },
  { key: 'mine', label: 'Tôi đang xử lý' },
  { key: 'unassigned', label: 'Chưa phân công' },
  { key: 'supplement', label: 'Chờ bổ sung' },
  { key: 'due-soon', label: 'Sắp đến hạn' },
  { key: 'overdue', label: 'Quá hạn' },
  { key: 'at-risk', label: 'Cần xin lỗi, hẹn lại' },
  { key: 'approval', label: 'Chờ phê duyệt' },
  { key: 'to-return', label: 'Chờ trả kết quả' },
];

const PAGE = 50;

/** The agency's dossiers by worklist, with search by code or name (no diacritics needed). */
export function DossiersPage({ initialList = 'all' }: { initialList?: string }) {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [list, setList] = useState(initialList);
  const [counts, setCounts] = useState<Partial<WorklistCounts['counts']>>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: Item[]; total: number; totalExact: boolean } | null>(null);
  useEffect(() => setList(initialList), [initialList]);
  // a new search or tab starts at its first page
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on change of q or list
  useEffect(() => setPage(1), [q, list]);
  useEffect(() => {
    setData(null);
    let latest = true; // a slower answer to an earlier search, tab or page must not replace this one
    void api
      .get<DossierList>(
        `/api/v1/dossiers${qs({ q, limit: PAGE, offset: (page - 1) * PAGE, list: list === 'all' ? undefined : list })}`,
      )
      .then((r) => {
        if (latest) setData(r);
      });
    void api.get<WorklistCounts>('/api/v1/dossiers/worklists').then((t) => {
      if (latest) setCounts(t.counts);
    });
    return () => {
      latest = false;
    };
  }, [q, list, page]);
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <PageTitle style={{ margin: 0 }}>Hồ sơ</PageTitle>
        <Input.Search
          allowClear
          aria-label="Tìm hồ sơ theo mã hoặc tên người nộp"
          placeholder="Mã hồ sơ hoặc tên người nộp"
          style={{ width: 340 }}
          onSearch={setQ}
        />
      </Space>
      <Tabs
        className="tabs-wrap"
        activeKey={list}
        onChange={setList}
        items={LISTS.map((l) => ({
          key: l.key,
          label:
            l.key === 'all' ? (
              l.label
            ) : (
              <span>
                {l.label}{' '}
                <Badge
                  count={counts[l.key as keyof WorklistCounts['counts']] ?? 0}
                  // counted up to 1,000 on the server: "999+" beyond
                  overflowCount={999}
                  showZero
                  color={
                    l.key === 'overdue' || l.key === 'at-risk'
                      ? 'red'
                      : l.key === 'due-soon'
                        ? 'orange'
                        : '#1677ff'
                  }
                />
              </span>
            ),
        }))}
      />
      {data && (q || !data.totalExact) && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {data.totalExact
            ? `Tìm thấy ${data.total.toLocaleString('vi-VN')} hồ sơ.`
            : q
              ? `Tìm thấy hơn ${data.total.toLocaleString('vi-VN')} hồ sơ — gõ thêm (cả họ tên, số định danh hoặc mã hồ sơ) để thu hẹp.`
              : `Hơn ${data.total.toLocaleString('vi-VN')} hồ sơ; các trang hiển thị ${data.total.toLocaleString('vi-VN')} hồ sơ đầu tiên — tìm theo mã, tên hoặc số định danh để thấy các hồ sơ khác.`}
        </Typography.Paragraph>
      )}
      <Table<Item>
        rowKey="id"
        size="middle"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        onRow={(d) => ({ onClick: () => navigate(`/desk/ho-so/${d.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Mã hồ sơ', width: 230, render: (_, d) => d.code ?? '(chưa cấp mã)' },
          { title: 'Thủ tục', dataIndex: 'procedureName' },
          { title: 'Người nộp', dataIndex: 'applicantName', width: 180 },
          { title: 'Trạng thái', width: 160, render: (_, d) => d.status.name },
          { title: 'Hẹn trả', width: 150, render: (_, d) => when(d.dueAt) },
          {
            title: <ColumnName>Thời hạn</ColumnName>,
            width: 120,
            render: (_, d) => <DeadlineTag dueAt={d.dueAt} timeliness={d.timeliness} urgency={d.urgency} />,
          },
        ]}
      />
    </div>
  );
}
