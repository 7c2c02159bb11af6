import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Segmented, Space, Table, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { ProcessingReport, ReportCell } from '../../../contract';
import { type ApiError, api, qs } from '../../shared/api';
import { PageTitle } from '../../shared/ui';
import { QueueStatsPage } from '../QueueStatsPage';
import { type Behind, BehindDrawer, pct } from './BehindDrawer';
import { DashboardTab, SatisfactionTab } from './OverviewTabs';
import { ScorecardTab } from './ScorecardTab';

const DIMENSIONS = [
  { value: 'agency', label: 'Cơ quan' },
  { value: 'field', label: 'Lĩnh vực' },
  { value: 'procedure', label: 'Thủ tục' },
  { value: 'channel', label: 'Hình thức' },
  { value: 'officer', label: 'Cán bộ' },
];

/** Report columns: [cell key, header, group]. Every number opens the dossiers behind it. */
const COLUMNS: [ReportCell & keyof ProcessingReport['total'], string, string][] = [
  ['carriedOver', 'Kỳ trước chuyển qua', 'Nhận giải quyết'],
  ['receivedOnline', 'Trực tuyến', 'Nhận giải quyết'],
  ['receivedCounter', 'Trực tiếp', 'Nhận giải quyết'],
  ['receivedPostal', 'Bưu chính', 'Nhận giải quyết'],
  ['resolvedEarly', 'Trước hạn', 'Đã giải quyết'],
  ['resolvedOnTime', 'Đúng hạn', 'Đã giải quyết'],
  ['resolvedLate', 'Quá hạn', 'Đã giải quyết'],
  ['inProgressWithinTime', 'Trong hạn', 'Đang giải quyết'],
  ['inProgressOverdue', 'Quá hạn', 'Đang giải quyết'],
  ['paused', 'Chờ bổ sung', 'Đang giải quyết'],
  ['refused', 'Từ chối', 'Khác'],
  ['withdrawn', 'Rút hồ sơ', 'Khác'],
  ['stopped', 'Dừng', 'Khác'],
];

function ReportTab({
  query,
  by,
  setBy,
  onAgency,
}: {
  query: string;
  by: string;
  setBy: (b: string) => void;
  onAgency: (id: string) => void;
}) {
  const [report, setReport] = useState<ProcessingReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [behind, setBehind] = useState<Behind | null>(null);
  const base = `${query}&by=${by}`;
  useEffect(() => {
    setReport(null);
    setError(null);
    api
      .get<ProcessingReport>(`/api/v1/stats/processing${base}`)
      .then(setReport)
      .catch((e: ApiError) => setError(e.message));
  }, [base]);
  const number = (cell: ReportCell, title: string, rowKey?: string) => (v: number | null) =>
    v ? (
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        aria-label={`${title}: ${v} hồ sơ`}
        onClick={() => setBehind({ cell, title, rowKey })}
      >
        {v.toLocaleString('vi-VN')}
      </Button>
    ) : (
      <span style={{ color: '#999' }}>0</span>
    );
  type RowT = ProcessingReport['rows'][number];
  const groups = [...new Set(COLUMNS.map((c) => c[2]))];
  const columns = [
    {
      title: DIMENSIONS.find((d) => d.value === by)?.label ?? 'Đơn vị',
      dataIndex: 'label',
      fixed: 'left' as const,
      width: 260,
      render: (label: string, r: RowT) =>
        by === 'agency' && r.key !== report?.agency.id ? (
          <Button
            type="link"
            style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => onAgency(r.key)}
          >
            {label}
          </Button>
        ) : (
          label
        ),
    },
    ...groups.map((g) => ({
      title: g,
      children: COLUMNS.filter((c) => c[2] === g).map(([cell, header]) => ({
        title: header,
        key: cell,
        width: 90,
        align: 'right' as const,
        render: (_: unknown, r: RowT) =>
          r.key === '__total'
            ? number(cell, `${header} — tổng cộng`)(r.figures[cell])
            : number(cell, `${header} — ${r.label}`, r.key)(r.figures[cell]),
      })),
    })),
    {
      title: 'Tỷ lệ đúng hạn',
      key: 'rate',
      width: 90,
      align: 'right' as const,
      render: (_: unknown, r: RowT) => pct(r.figures.onTimeRate),
    },
  ];
  return (
    <div>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          aria-label="Thống kê theo"
          value={by}
          onChange={(v) => setBy(String(v))}
          options={DIMENSIONS}
        />
        <Space>
          <a href={`/api/v1/stats/processing.xlsx${base}`}>
            <Button icon={<DownloadOutlined />}>Tải báo cáo (.xlsx)</Button>
          </a>
          <a href={`/api/v1/stats/processing.pdf${base}`} target="_blank" rel="noreferrer">
            <Button icon={<PrinterOutlined />}>In báo cáo (PDF)</Button>
          </a>
        </Space>
      </Space>
      {error && <Alert type="error" title={error} showIcon />}
      {report && (
        <Typography.Paragraph type="secondary">
          Số hồ sơ đang giải quyết tính đến hết ngày {dayjs(report.asOf).format('DD/MM/YYYY')}. Bấm vào một
          con số để xem danh sách hồ sơ.
        </Typography.Paragraph>
      )}
      <Table<RowT>
        rowKey="key"
        size="small"
        bordered
        loading={!report && !error}
        dataSource={
          report ? [...report.rows, { key: '__total', label: 'Tổng cộng', figures: report.total }] : []
        }
        columns={columns}
        scroll={{ x: 1500 }}
        pagination={false}
        rowClassName={(r) => (r.key === '__total' ? 'stats-total-row' : '')}
      />
      <BehindDrawer base={base} behind={behind} onClose={() => setBehind(null)} />
    </div>
  );
}

export function StatsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [agencyId, setAgencyId] = useState<string | undefined>();
  const [by, setBy] = useState('agency');
  const [tab, setTab] = useState('dashboard');
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const query = qs({ from, to, agencyId });
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <PageTitle style={{ margin: 0 }}>Thống kê, báo cáo</PageTitle>
        <Space wrap>
          {agencyId && <Button onClick={() => setAgencyId(undefined)}>Về đơn vị của tôi</Button>}
          <DatePicker.RangePicker
            aria-label="Kỳ báo cáo"
            format="DD/MM/YYYY"
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            presets={[
              { label: 'Tháng này', value: [dayjs().startOf('month'), dayjs()] },
              {
                label: 'Quý này',
                value: [
                  dayjs()
                    .startOf('month')
                    .subtract(dayjs().month() % 3, 'month'),
                  dayjs(),
                ],
              },
              { label: 'Năm nay', value: [dayjs().startOf('year'), dayjs()] },
              {
                label: 'Năm trước',
                value: [
                  dayjs().subtract(1, 'year').startOf('year'),
                  dayjs().subtract(1, 'year').endOf('year'),
                ],
              },
            ]}
          />
        </Space>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'dashboard', label: 'Bảng điều hành', children: <DashboardTab query={query} /> },
          {
            key: 'report',
            label: 'Báo cáo giải quyết hồ sơ',
            children: <ReportTab query={query} by={by} setBy={setBy} onAgency={(id) => setAgencyId(id)} />,
          },
          {
            key: 'scorecard',
            label: 'Bộ chỉ số 766',
            children: <ScorecardTab query={query} period={{ from, to }} />,
          },
          { key: 'satisfaction', label: 'Hài lòng, phản ánh', children: <SatisfactionTab query={query} /> },
          // Waiting and service times at the desk's counters (queue tickets), for the same period.
          { key: 'queue', label: 'Xếp hàng tại quầy', children: <QueueStatsPage period={{ from, to }} /> },
        ]}
      />
    </div>
  );
}

export default StatsPage;
