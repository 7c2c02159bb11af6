import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import type { IndicatorInputView, IndicatorView, ScorecardView } from '../../../contract';
import { hasAnyRole } from '../../../domain/identity/permissions';
import { type ApiError, api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { ColumnName } from '../../shared/ui';
import { useFetched } from '../../shared/useFetched';
import { type Behind, BehindDrawer, pct } from './BehindDrawer';

const SOURCE_TAG = {
  motcua: <Tag color="green">Dữ liệu hệ thống</Tag>,
  entered: <Tag color="blue">Nhập tay</Tag>,
  missing: <Tag color="orange">Chưa có số liệu</Tag>,
};

/** The Decision 766 scorecard of a unit: its groups, the dossiers behind a number, the inputs an officer enters. */
export function ScorecardTab({ query, period }: { query: string; period: { from: string; to: string } }) {
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
                aria-label={`Nhóm ${g.code}: ${g.score} trên ${g.max} điểm`}
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
                  title: <ColumnName>Thao tác</ColumnName>,
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
