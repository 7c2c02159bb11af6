import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { QueueCounter } from '../kiosk/QueueCommon';
import { ApiError, api } from '../shared/api';
import type { Agency, AgencyList, FieldItem, FieldList } from '../shared/types';
import { ColumnName, PageTitle } from '../shared/ui';

interface FormValues {
  number: number;
  name: string;
  fieldCodes: string[];
  appointmentCapacity: number;
  ownHours: boolean;
  hoursText?: string;
  active: boolean;
}

/** "08:00-11:30, 13:30-16:30" ↔ office-hours sessions. */
const parseHours = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const [start, end] = x.split(/\s*[-–]\s*/);
      return { start: start ?? '', end: end ?? '' };
    });

/** Counters of an agency's desk (Quản trị → Quầy tiếp nhận): number, fields served, booking hours and capacity. */
export function CountersPage() {
  const { message } = App.useApp();
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [agency, setAgency] = useState<string | undefined>();
  const [fields, setFields] = useState<FieldItem[]>([]);
  const [rows, setRows] = useState<QueueCounter[]>([]);
  const [editing, setEditing] = useState<QueueCounter | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<FormValues>();

  useEffect(() => {
    void api.get<AgencyList>('/api/v1/agencies').then((r) => {
      setAgencies(r.items);
      setAgency((a) => a ?? r.items.find((x) => x.code !== '000.00.00.H29')?.id ?? r.items[0]?.id);
    });
    void api.get<FieldList>('/api/v1/fields').then((r) => setFields(r.items));
  }, []);
  const load = useCallback(async () => {
    if (!agency) return;
    setRows((await api.get<{ items: QueueCounter[] }>(`/api/v1/queue/counters?agency=${agency}`)).items);
  }, [agency]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = (c: QueueCounter | 'new') => {
    setError(null);
    setEditing(c);
    form.setFieldsValue(
      c === 'new'
        ? {
            number: (rows.at(-1)?.number ?? 0) + 1,
            name: '',
            fieldCodes: [],
            appointmentCapacity: 0,
            ownHours: false,
            active: true,
          }
        : {
            number: c.number,
            name: c.name,
            fieldCodes: c.fieldCodes,
            appointmentCapacity: c.appointmentCapacity,
            ownHours: c.hours !== null,
            hoursText: c.hours?.sessions.map((s) => `${s.start}-${s.end}`).join(', '),
            active: c.active,
          },
    );
  };

  const save = async (v: FormValues) => {
    const body = {
      number: v.number,
      name: v.name,
      fieldCodes: v.fieldCodes,
      appointmentCapacity: v.appointmentCapacity,
      hours: v.ownHours && v.hoursText ? { sessions: parseHours(v.hoursText) } : null,
      active: v.active,
    };
    try {
      if (editing === 'new') await api.post('/api/v1/queue/counters', { ...body, agencyId: agency });
      else if (editing) await api.patch(`/api/v1/queue/counters/${editing.id}`, body);
      void message.success('Đã lưu quầy.');
      setEditing(null);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const agencyCode = agencies.find((a) => a.id === agency)?.code;
  return (
    <div>
      <PageTitle>Quầy tiếp nhận</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ width: 360 }}
          aria-label="Cơ quan"
          value={agency}
          onChange={setAgency}
          options={agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} disabled={!agency}>
          Thêm quầy
        </Button>
        {agencyCode && (
          <Typography.Text type="secondary">
            Kiosk: <a href={`/kiosk/queue?agency=${agencyCode}`}>/kiosk/queue?agency={agencyCode}</a> · Màn
            hình: <a href={`/display/${agencyCode}`}>/display/{agencyCode}</a>
          </Typography.Text>
        )}
      </Space>
      <Table
        rowKey="id"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: 'Số', dataIndex: 'number', width: 70 },
          { title: 'Tên quầy', dataIndex: 'name' },
          {
            title: 'Lĩnh vực',
            dataIndex: 'fieldCodes',
            render: (codes: string[]) =>
              codes.length
                ? codes.map((c) => <Tag key={c}>{fields.find((f) => f.code === c)?.name ?? c}</Tag>)
                : 'Mọi lĩnh vực',
          },
          {
            title: 'Lịch hẹn / khung 30 phút',
            dataIndex: 'appointmentCapacity',
            render: (n: number, r) =>
              n
                ? `${n} (${r.hours ? r.hours.sessions.map((s) => `${s.start}–${s.end}`).join(', ') : 'giờ làm việc của cơ quan'})`
                : 'Không nhận',
          },
          {
            title: 'Trạng thái',
            render: (_: unknown, r: QueueCounter) =>
              !r.active ? (
                <Tag>Ngừng sử dụng</Tag>
              ) : r.state === 'open' ? (
                <Tag color="green">Mở — {r.officer?.fullName}</Tag>
              ) : (
                <Tag>Đóng</Tag>
              ),
          },
          {
            title: <ColumnName>Thao tác</ColumnName>,
            render: (_: unknown, r: QueueCounter) => <Button onClick={() => open(r)}>Sửa</Button>,
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? 'Thêm quầy' : 'Sửa quầy'}
        okText="Lưu"
        cancelText="Hủy"
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="number" label="Số quầy" rules={[{ required: true, message: 'Nhập số quầy.' }]}>
            <InputNumber min={1} max={99} />
          </Form.Item>
          <Form.Item name="name" label="Tên quầy" rules={[{ required: true, message: 'Nhập tên quầy.' }]}>
            <Input placeholder="Quầy Hộ tịch" />
          </Form.Item>
          <Form.Item name="fieldCodes" label="Lĩnh vực phục vụ" extra="Để trống: quầy nhận mọi lĩnh vực.">
            <Select mode="multiple" options={fields.map((f) => ({ value: f.code, label: f.name }))} />
          </Form.Item>
          <Form.Item
            name="appointmentCapacity"
            label="Số lịch hẹn nhận mỗi khung 30 phút"
            extra="0: quầy không nhận lịch hẹn."
          >
            <InputNumber min={0} max={20} />
          </Form.Item>
          <Form.Item name="ownHours" label="Giờ nhận lịch hẹn riêng" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.ownHours !== b.ownHours}>
            {({ getFieldValue }) =>
              getFieldValue('ownHours') ? (
                <Form.Item name="hoursText" label="Các buổi (HH:MM-HH:MM, cách nhau bằng dấu phẩy)">
                  <Input placeholder="08:00-11:00, 13:30-16:30" />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="active" label="Đang sử dụng" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
