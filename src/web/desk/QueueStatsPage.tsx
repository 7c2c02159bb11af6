import { Alert, Card, DatePicker, Space, Statistic, Table } from 'antd';
import type { ColumnType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { QueueFigures, QueueStats as Stats } from '../../contract';
import { ApiError, api, qs } from '../shared/api';
import { PageTitle } from '../shared/ui';

type Figures = QueueFigures;

const minutes = (v: number | null) => (v === null ? '—' : `${v} phút`);
const figureColumns = [
  { title: 'Số lượt', dataIndex: 'tickets' },
  { title: 'Đã phục vụ', dataIndex: 'served' },
  { title: 'Vắng mặt', dataIndex: 'noShows' },
  { title: 'Chờ trung bình', dataIndex: 'avgWaitMinutes', render: minutes },
  { title: 'Chờ lâu nhất', dataIndex: 'maxWaitMinutes', render: minutes },
  { title: 'Phục vụ trung bình', dataIndex: 'avgServiceMinutes', render: minutes },
];

/** One breakdown (by field, counter, hour or day): its own first column, then the common figures. */
function FigureTable<T extends Figures>(props: {
  title: string;
  rowKey: keyof T & string;
  rows: T[];
  first: ColumnType<T>;
}) {
  return (
    <Card title={props.title}>
      <Table<T>
        rowKey={props.rowKey}
        size="small"
        pagination={false}
        dataSource={props.rows}
        columns={[props.first, ...(figureColumns as ColumnType<T>[])]}
      />
    </Card>
  );
}

/**
 * Queue statistics of the officer's agency (/desk/thong-ke-xep-hang): waiting and service times, no-shows.
 * Also a tab of the desk's statistics (`period` given): then it follows the report's period.
 */
export function QueueStatsPage({ period }: { period?: { from: string; to: string } } = {}) {
  const [own, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'day'), dayjs()]);
  const range: [Dayjs, Dayjs] = period ? [dayjs(period.from), dayjs(period.to)] : own;
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<Stats>(`/api/v1/queue/stats${qs({ from, to })}`)
      .then(setStats, (e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [from, to]);
  return (
    <div>
      {!period && (
        <>
          <PageTitle>Thống kê xếp hàng</PageTitle>
          <DatePicker.RangePicker
            value={range}
            format="DD/MM/YYYY"
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            style={{ marginBottom: 16 }}
          />
        </>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {stats && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Card>
            <Space size="large" wrap>
              <Statistic title="Số lượt lấy số" value={stats.total.tickets} />
              <Statistic title="Đã phục vụ" value={stats.total.served} />
              <Statistic title="Vắng mặt" value={stats.total.noShows} />
              <Statistic title="Chờ trung bình (phút)" value={stats.total.avgWaitMinutes ?? '—'} />
              <Statistic title="Phục vụ trung bình (phút)" value={stats.total.avgServiceMinutes ?? '—'} />
            </Space>
          </Card>
          <FigureTable<Stats['byField'][number]>
            title="Theo lĩnh vực"
            rowKey="fieldCode"
            rows={stats.byField}
            first={{ title: 'Lĩnh vực', dataIndex: 'fieldName' }}
          />
          <FigureTable<Stats['byCounter'][number]>
            title="Theo quầy"
            rowKey="counterId"
            rows={stats.byCounter}
            first={{ title: 'Quầy', render: (_, r) => `Số ${r.counterNumber} — ${r.counterName}` }}
          />
          <FigureTable<Stats['byHour'][number]>
            title="Theo giờ lấy số"
            rowKey="hour"
            rows={stats.byHour}
            first={{ title: 'Giờ', render: (_, r) => `${r.hour}:00–${r.hour + 1}:00` }}
          />
          <FigureTable<Stats['byDay'][number]>
            title="Theo ngày"
            rowKey="day"
            rows={stats.byDay}
            first={{ title: 'Ngày', render: (_, r) => r.day.split('-').reverse().join('/') }}
          />
        </Space>
      )}
    </div>
  );
}
