import { Alert, Card, Col, Descriptions, Row, Statistic, Table } from 'antd';
import type { ChartConfiguration } from 'chart.js';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import type { Dashboard, Satisfaction } from '../../../contract';
import { useFetched } from '../../shared/useFetched';
import { pct } from './BehindDrawer';
import { ChartCanvas } from './Chart';

/** The dashboard of a period: the monthly trend and the figures by agency. */
export function DashboardTab({ query }: { query: string }) {
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

/** The citizens' ratings and feedback of a period. */
export function SatisfactionTab({ query }: { query: string }) {
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
