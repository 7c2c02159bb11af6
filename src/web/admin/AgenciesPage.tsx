import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  AGENCY_LEVEL_LABELS_VI,
  type AgencyLevel,
  DEFAULT_OFFICE_HOURS,
  DEFAULT_SAME_DAY_CUTOFF,
} from '../../domain/agency/agency';
import { ApiError, api } from '../shared/api';
import { useAuth } from '../shared/auth';
import { FormDrawer } from '../shared/FormDrawer';
import type { Agency, AgencyList } from '../shared/types';
import { ColumnName, PageTitle } from '../shared/ui';

type TreeRow = Agency & { children?: TreeRow[] };

/** Builds the agency tree from the flat list, children in Vietnamese order. */
export function buildTree(items: Agency[]): TreeRow[] {
  const byParent = new Map<string | null, Agency[]>();
  const ids = new Set(items.map((a) => a.id));
  for (const a of items) {
    const p = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), a]);
  }
  const collator = new Intl.Collator('vi');
  const make = (parent: string | null): TreeRow[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((a) => {
        const children = make(a.id);
        return children.length > 0 ? { ...a, children } : { ...a };
      });
  return make(null);
}

interface FormValues {
  parentId: string | null;
  code: string;
  name: string;
  level: AgencyLevel;
  address: string;
  phone?: string;
  email?: string;
  sessions: { start: string; end: string }[];
  /** Giờ chốt nhận hồ sơ giải quyết trong ngày; empty = the default 15:00. */
  sameDayCutoff?: string;
  active: boolean;
}

export function AgenciesPage() {
  const { message } = App.useApp();
  const { user } = useAuth();
  const [items, setItems] = useState<Agency[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await api.get<AgencyList>('/api/v1/agencies')).items);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const tree = useMemo(() => buildTree(items), [items]);

  const open = (a: Agency | 'new', parentId?: string) => {
    setEditing(a);
    form.resetFields();
    if (a === 'new') {
      const parent = items.find((x) => x.id === (parentId ?? user?.agency?.id));
      form.setFieldsValue({
        parentId: parent?.id ?? null,
        level: parent ? 'commune' : 'province',
        active: true,
        sessions: DEFAULT_OFFICE_HOURS.sessions,
        address: '',
      });
    } else {
      form.setFieldsValue({
        parentId: a.parentId,
        code: a.code,
        name: a.name,
        level: a.level,
        address: a.address,
        phone: a.phone ?? '',
        email: a.email ?? '',
        sessions: a.officeHours.sessions,
        sameDayCutoff: a.officeHours.sameDayCutoff ?? '',
        active: a.active,
      });
    }
  };

  const save = async (v: FormValues) => {
    setSaving(true);
    const body = {
      parentId: v.parentId ?? null,
      code: v.code,
      name: v.name,
      level: v.level,
      address: v.address ?? '',
      phone: v.phone || null,
      email: v.email || null,
      officeHours: { sessions: v.sessions, sameDayCutoff: v.sameDayCutoff || undefined },
      active: v.active,
    };
    try {
      if (editing === 'new') await api.post('/api/v1/agencies', body);
      else if (editing) await api.patch(`/api/v1/agencies/${editing.id}`, body);
      message.success('Đã lưu.');
      setEditing(null);
      await load();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const field =
        e.code === 'AGENCY_CODE_TAKEN' ? 'code' : e.code === 'INVALID_AGENCY_LEVEL' ? 'level' : null;
      const details = Array.isArray(e.details) ? (e.details as { path: string[]; message: string }[]) : [];
      if (field) form.setFields([{ name: field, errors: [e.message] }]);
      else if (details.length > 0 && details[0]?.path[0]) {
        const p = details[0].path;
        form.setFields([
          {
            name:
              p[0] === 'officeHours'
                ? p[1] === 'sameDayCutoff'
                  ? 'sameDayCutoff'
                  : 'sessions'
                : (p[0] as keyof FormValues),
            errors: [details[0].message],
          },
        ]);
      } else message.error(e.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <Space style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle style={{ margin: 0 }}>Cơ quan, đơn vị</PageTitle>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          Thêm cơ quan
        </Button>
      </Space>
      <Table<TreeRow>
        rowKey="id"
        loading={loading}
        dataSource={tree}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        key={tree.length}
        size="middle"
        columns={[
          { title: 'Tên', dataIndex: 'name' },
          { title: 'Mã định danh', dataIndex: 'code', width: 150 },
          {
            title: 'Cấp',
            dataIndex: 'level',
            width: 190,
            render: (l: AgencyLevel) => AGENCY_LEVEL_LABELS_VI[l],
          },
          {
            title: 'Giờ làm việc',
            width: 200,
            render: (_, a) =>
              `${a.officeHours.sessions.map((s) => `${s.start}–${s.end}`).join(', ')}; chốt trong ngày ${a.officeHours.sameDayCutoff ?? DEFAULT_SAME_DAY_CUTOFF}`,
          },
          {
            title: 'Trạng thái',
            width: 140,
            render: (_, a) =>
              a.active ? <Tag color="green">Đang hoạt động</Tag> : <Tag>Ngừng hoạt động</Tag>,
          },
          {
            title: <ColumnName>Thao tác</ColumnName>,
            width: 220,
            render: (_, a) => (
              <Space>
                <Button size="small" onClick={() => open(a)}>
                  Sửa
                </Button>
                {a.level !== 'commune' && (
                  <Button size="small" onClick={() => open('new', a.id)}>
                    Thêm đơn vị trực thuộc
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onSave={() => form.submit()}
        saving={saving}
        title={editing === 'new' ? 'Thêm cơ quan' : `Sửa: ${editing?.name ?? ''}`}
        size={520}
      >
        <Form form={form} layout="vertical" onFinish={save} requiredMark="optional">
          <Form.Item
            name="code"
            label="Mã định danh"
            tooltip="Mã định danh điện tử theo QCVN 102:2016/BTTTT, in trong mã hồ sơ. Nhập đúng mã được cấp."
            rules={[
              { required: true, message: 'Hãy nhập mã định danh.' },
              {
                pattern: /^\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}$/,
                message: 'Dạng 000.00.00.H29 hoặc 000.23.41.H29.',
              },
            ]}
          >
            <Input placeholder="000.23.41.H29" />
          </Form.Item>
          <Form.Item name="name" label="Tên" rules={[{ required: true, message: 'Hãy nhập tên cơ quan.' }]}>
            <Input placeholder="Ủy ban nhân dân Phường …" />
          </Form.Item>
          <Form.Item name="level" label="Cấp" rules={[{ required: true }]}>
            <Select
              options={(Object.keys(AGENCY_LEVEL_LABELS_VI) as AgencyLevel[]).map((l) => ({
                value: l,
                label: AGENCY_LEVEL_LABELS_VI[l],
              }))}
            />
          </Form.Item>
          <Form.Item name="parentId" label="Cơ quan cấp trên">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="Không có (cấp tỉnh)"
              options={items
                .filter((a) => a.level !== 'commune' && (editing === 'new' || a.id !== editing?.id))
                .map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
          <Form.Item name="address" label="Địa chỉ">
            <Input />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="phone" label="Điện thoại" style={{ flex: 1, marginRight: 8 }}>
              <Input />
            </Form.Item>
            <Form.Item
              name="email"
              label="Thư điện tử"
              style={{ flex: 1 }}
              rules={[{ type: 'email', message: 'Thư điện tử không hợp lệ.' }]}
            >
              <Input />
            </Form.Item>
          </Space.Compact>
          <Typography.Text strong>Giờ làm việc</Typography.Text>
          <Form.List name="sessions">
            {(fields, { add, remove }, { errors }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item
                      name={[f.name, 'start']}
                      rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:MM' }]}
                    >
                      <Input aria-label={`Buổi ${i + 1} bắt đầu`} style={{ width: 90 }} placeholder="07:30" />
                    </Form.Item>
                    –
                    <Form.Item
                      name={[f.name, 'end']}
                      rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:MM' }]}
                    >
                      <Input
                        aria-label={`Buổi ${i + 1} kết thúc`}
                        style={{ width: 90 }}
                        placeholder="11:30"
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <MinusCircleOutlined aria-label="Bỏ buổi" onClick={() => remove(f.name)} />
                    )}
                  </Space>
                ))}
                {fields.length < 4 && (
                  <Button
                    type="dashed"
                    size="small"
                    onClick={() => add({ start: '', end: '' })}
                    icon={<PlusOutlined />}
                  >
                    Thêm buổi
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </div>
            )}
          </Form.List>
          <Form.Item
            name="sameDayCutoff"
            label="Giờ chốt nhận hồ sơ giải quyết trong ngày"
            extra={
              'Hồ sơ có thời hạn "trong ngày" tiếp nhận sau giờ này được hẹn trả vào cuối ngày làm việc tiếp theo. Để trống: 15:00.'
            }
            rules={[
              { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'Giờ phải có dạng HH:MM, ví dụ 15:00.' },
            ]}
            style={{ marginTop: 16 }}
          >
            <Input style={{ width: 90 }} placeholder="15:00" />
          </Form.Item>
          <Form.Item name="active" label="Đang hoạt động" valuePropName="checked" style={{ marginTop: 16 }}>
            <Switch />
          </Form.Item>
        </Form>
      </FormDrawer>
    </div>
  );
}
