import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ChartConfiguration } from 'chart.js';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type {
  Dashboard,
  DossiersBehind,
  IndicatorInputView,
  IndicatorView,
  ProcessingReport,
  ReportCell,
  Satisfaction,
  ScorecardView,
} from '../../../contract';
import { hasAnyRole } from '../../../domain/identity/permissions';
import { type ApiError, api, qs } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { when } from '../DossiersPage';
import { useFetched } from '../../shared/useFetched';
import { QueueStatsPage } from '../QueueStatsPage';
import { ChartCanvas } from './Chart';

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

const pct = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`;
const SOURCE_TAG = {
  motcua: <Tag color="green">Dữ liệu hệ thống</Tag>,
  entered: <Tag color="blue">Nhập tay</Tag>,
  missing: <Tag color="orange">Chưa có số liệu</Tag>,
};

interface Behind {
  cell: ReportCell;
  title: string;
  rowKey?: string;
}

/** The dossiers behind one number, in a drawer. */
function BehindDrawer({
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

function ScorecardTab({ query, period }: { query: string; period: { from: string; to: string } }) {
  const { user } = useAuth();
  const [open, setOpen] = useState<IndicatorView | null>(null);
  const [behind, setBehind] = useState<Behind | null>(null);
  const [entering, setEntering] = useState<IndicatorInputView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const mayEnter = !!user && hasAnyRole(user.roles, ['leader', 'admin']);
  // `reload` refetches after an input is entered
  const { data: card, error: failed } = useFetched<ScorecardView>(`/api/v1/stats/scorecard${query}`, reload);
  if (failed) return <Alert type="error" showIcon title={failed} />;
  if (!card) return <Card loading />;
  return (
    <div>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Card>
            <Statistic
              title={`Tổng điểm — ${card.agency.name}`}
              value={card.total}
              suffix={`/ ${card.max}`}
            />
          </Card>
        </Col>
        {card.groups.map((g) => (
          <Col xs={12} md={3} key={g.code}>
            <Card
              size="small"
              title={`${g.code}. ${g.name}`}
              styles={{ title: { whiteSpace: 'normal', fontSize: 12 } }}
            >
              <Progress
                type="circle"
                size={64}
                percent={Math.round((g.score / g.max) * 100)}
                format={() => `${g.score}`}
              />
              <div style={{ fontSize: 12, color: '#666' }}>tối đa {g.max}</div>
            </Card>
          </Col>
        ))}
      </Row>
      <Table<IndicatorView>
        style={{ marginTop: 16 }}
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={card.groups.flatMap((g) => g.indicators)}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Chỉ số', dataIndex: 'code', width: 60 },
          { title: 'Tên', dataIndex: 'name' },
          {
            title: 'Tỷ lệ',
            width: 80,
            render: (_, r) => (r.code === '2.2' ? (r.r === null ? '—' : `${r.r} ngày`) : pct(r.r)),
          },
          { title: 'Điểm', width: 110, render: (_, r) => `${r.score} / ${r.max}` },
          {
            title: 'Nguồn số liệu',
            width: 160,
            render: (_, r) =>
              r.incomplete
                ? SOURCE_TAG.missing
                : r.inputs.some((i) => i.source === 'entered')
                  ? SOURCE_TAG.entered
                  : SOURCE_TAG.motcua,
          },
        ]}
      />
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        width={720}
        title={open ? `${open.code}. ${open.name}` : ''}
      >
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label="Công thức">{open.formula}</Descriptions.Item>
              <Descriptions.Item label="Nguồn công thức">{open.source}</Descriptions.Item>
              <Descriptions.Item label="Điểm">{`${open.score} / ${open.max}`}</Descriptions.Item>
            </Descriptions>
            <Table<IndicatorInputView>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={open.inputs}
              columns={[
                { title: 'Số liệu đầu vào', dataIndex: 'label' },
                {
                  title: 'Giá trị',
                  width: 100,
                  render: (_, i) =>
                    card.inputCells[i.key] ? (
                      <Button
                        type="link"
                        style={{ padding: 0 }}
                        onClick={() => setBehind({ cell: card.inputCells[i.key]!, title: i.label })}
                      >
                        {i.value.toLocaleString('vi-VN')}
                      </Button>
                    ) : (
                      i.value.toLocaleString('vi-VN')
                    ),
                },
                {
                  title: 'Nguồn',
                  width: 220,
                  render: (_, i) => (
                    <>
                      {SOURCE_TAG[i.source]}
                      {i.note && <div style={{ fontSize: 12 }}>{i.note}</div>}
                    </>
                  ),
                },
                {
                  title: '',
                  width: 80,
                  render: (_, i) =>
                    i.source !== 'motcua' && mayEnter ? (
                      <Button size="small" onClick={() => setEntering(i)}>
                        Nhập
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Space>
        )}
      </Drawer>
      <Drawer
        open={!!entering}
        onClose={() => setEntering(null)}
        title={`Nhập số liệu: ${entering?.label ?? ''}`}
        width={480}
      >
        {entering && (
          <Form
            layout="vertical"
            initialValues={{ value: entering.value }}
            onFinish={async (v: { value: number; note: string }) => {
              setError(null);
              try {
                await api.put('/api/v1/stats/scorecard/inputs', {
                  agencyId: card.agency.id,
                  ...period,
                  key: entering.key,
                  value: v.value,
                  note: v.note,
                });
                setEntering(null);
                setOpen(null);
                setReload((n) => n + 1);
              } catch (e) {
                setError((e as ApiError).message);
              }
            }}
          >
            <Form.Item
              name="value"
              label="Giá trị"
              rules={[{ required: true, message: 'Hãy nhập giá trị.' }]}
            >
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="note"
              label="Nguồn số liệu (văn bản, trang báo cáo…)"
              rules={[{ required: true, min: 3, message: 'Hãy ghi nguồn số liệu.' }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit">
              Lưu
            </Button>
          </Form>
        )}
      </Drawer>
      <BehindDrawer base={`${query}&by=none`} behind={behind} onClose={() => setBehind(null)} />
    </div>
  );
}

function DashboardTab({ query }: { query: string }) {
  const { data: d, error: failed } = useFetched<Dashboard>(`/api/v1/stats/dashboard${query}`);
  const trend = useMemo<ChartConfiguration | null>(
    () =>
      d && {
        type: 'bar',
        data: {
          labels: d.trend.map((t) => dayjs(`${t.month}-01`).format('MM/YYYY')),
          datasets: [
            { label: 'Tiếp nhận', data: d.trend.map((t) => t.received), backgroundColor: '#1677ff' },
            { label: 'Đã giải quyết', data: d.trend.map((t) => t.resolved), backgroundColor: '#52c41a' },
            { label: 'Giải quyết quá hạn', data: d.trend.map((t) => t.late), backgroundColor: '#ff4d4f' },
          ],
        },
      },
    [d],
  );
  const byAgency = useMemo<ChartConfiguration | null>(
    () =>
      d && {
        type: 'bar',
        data: {
          labels: d.onTimeByAgency.map((a) => a.label),
          datasets: [
            {
              label: 'Tỷ lệ đúng hạn (%)',
              data: d.onTimeByAgency.map((a) =>
                a.onTimeRate === null ? 0 : Math.round(a.onTimeRate * 1000) / 10,
              ),
              backgroundColor: '#13c2c2',
            },
          ],
        },
        options: { indexAxis: 'y', scales: { x: { min: 0, max: 100 } } },
      },
    [d],
  );
  if (failed) return <Alert type="error" showIcon title={failed} />;
  if (!d) return <Card loading />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6}>
        <Card>
          <Statistic title="Hồ sơ phải giải quyết" value={d.total.toHandle ?? 0} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card>
          <Statistic title="Tỷ lệ giải quyết đúng hạn" value={pct(d.total.onTimeRate)} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card>
          <Statistic
            title="Đang quá hạn (hiện tại)"
            value={d.overdueNow.overdue}
            valueStyle={{ color: d.overdueNow.overdue ? '#cf1322' : undefined }}
            suffix={`/ ${d.overdueNow.open}`}
          />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card>
          <Statistic title="Trung bình xử lý (ngày)" value={d.total.averageDays ?? '—'} />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title="Tiếp nhận và giải quyết theo tháng">
          {trend && <ChartCanvas config={trend} label="Biểu đồ tiếp nhận và giải quyết theo tháng" />}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title="Tỷ lệ đúng hạn theo đơn vị">
          {byAgency && <ChartCanvas config={byAgency} label="Biểu đồ tỷ lệ đúng hạn theo đơn vị" />}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="Thủ tục có nhiều hồ sơ trễ hạn nhất">
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={d.topLateProcedures}
            columns={[
              { title: 'Thủ tục', dataIndex: 'label', ellipsis: true },
              { title: 'Giải quyết quá hạn', dataIndex: 'late', width: 110, align: 'right' },
              { title: 'Đang quá hạn', dataIndex: 'overdue', width: 100, align: 'right' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="Tỷ lệ đúng hạn theo cán bộ">
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={d.officers}
            columns={[
              { title: 'Cán bộ', dataIndex: 'label' },
              { title: 'Đã giải quyết', dataIndex: 'resolved', width: 100, align: 'right' },
              { title: 'Đúng hạn', width: 90, align: 'right', render: (_, r) => pct(r.onTimeRate) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function SatisfactionTab({ query }: { query: string }) {
  const { data: s, error: failed } = useFetched<Satisfaction>(`/api/v1/stats/satisfaction${query}`);
  if (failed) return <Alert type="error" showIcon title={failed} />;
  if (!s) return <Card loading />;
  const CRITERIA: Record<keyof Satisfaction['ratings']['averages'], string> = {
    access: 'Tiếp cận dịch vụ',
    procedure: 'Thủ tục hành chính',
    officers: 'Công chức phục vụ',
    result: 'Kết quả giải quyết',
    feedback: 'Tiếp nhận, xử lý góp ý',
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <Card title={`Đánh giá của người dân (${s.ratings.count} lượt)`}>
          <Descriptions column={1} size="small" bordered>
            {Object.entries(CRITERIA).map(([k, label]) => (
              <Descriptions.Item key={k} label={label}>
                {s.ratings.averages[k as keyof typeof CRITERIA] ?? '—'} / 5
              </Descriptions.Item>
            ))}
            <Descriptions.Item label="Hài lòng mọi tiêu chí (4–5 điểm)">
              {pct(s.ratings.satisfiedShare)}
            </Descriptions.Item>
            <Descriptions.Item label="Có tiêu chí không hài lòng (1–2 điểm)">
              {s.ratings.disliked}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title="Phản ánh, kiến nghị">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="Tiếp nhận trong kỳ">{s.feedback.total}</Descriptions.Item>
            <Descriptions.Item label="Phản ánh / kiến nghị">{`${s.feedback.complaints} / ${s.feedback.recommendations}`}</Descriptions.Item>
            <Descriptions.Item label="Đã trả lời (đúng hạn 15 ngày làm việc)">{`${s.feedback.answered} (${s.feedback.answeredOnTime})`}</Descriptions.Item>
            <Descriptions.Item label="Đang xử lý trong hạn">{s.feedback.pendingInTime}</Descriptions.Item>
            <Descriptions.Item label="Quá hạn">{s.feedback.late}</Descriptions.Item>
            <Descriptions.Item label="Đã công khai">{s.feedback.published}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}

/** /desk/thong-ke: dashboard, processing report with drill-down, Decision 766 scorecard, satisfaction. */
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
        <Typography.Title level={3} style={{ margin: 0 }}>
          Thống kê, báo cáo
        </Typography.Title>
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
