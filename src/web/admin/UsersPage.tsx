import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Switch, Table, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS_VI, type Role } from '../../domain/identity/role';
import { CommunityHelperSwitch } from '../portal/account/CommunityHelperSwitch';
import { ApiError, api, qs } from '../shared/api';
import { FormDrawer } from '../shared/FormDrawer';
import type { Agency, AgencyList, User, UserList } from '../shared/types';
import { ColumnName, PageTitle } from '../shared/ui';
import { useMayChange } from './permissions';

interface FormValues {
  username: string;
  fullName: string;
  password?: string;
  roles: Role[];
  agencyId: string | null;
  email?: string;
  phone?: string;
  active: boolean;
}

const ROLE_OPTIONS = (Object.keys(ROLE_LABELS_VI) as Role[]).map((r) => ({
  value: r,
  label: ROLE_LABELS_VI[r],
}));

export function UsersPage() {
  const { message } = App.useApp();
  const [items, setItems] = useState<User[]>([]);
  const [total, setTotal] = useState(0);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [filter, setFilter] = useState<{ q?: string; agencyId?: string; role?: Role; page: number }>({
    page: 1,
  });
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FormValues>();
  // Only a system administrator grants the role or edits the account of a system administrator.
  const mayGrantSysadmin = useMayChange('systemAdmins');
  const roleChoices = mayGrantSysadmin ? ROLE_OPTIONS : ROLE_OPTIONS.filter((o) => o.value !== 'sysadmin');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.get<UserList>(
        `/api/v1/users${qs({ q: filter.q, agencyId: filter.agencyId, role: filter.role, limit: 50, offset: (filter.page - 1) * 50 })}`,
      );
      setItems(r.items);
      setTotal(r.total);
    } finally {
      setLoading(false);
    }
  }, [filter]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void api.get<AgencyList>('/api/v1/agencies').then((r) => setAgencies(r.items));
  }, []);
  const agencyName = useMemo(() => new Map(agencies.map((a) => [a.id, a.name])), [agencies]);
  const agencyOptions = agencies.map((a) => ({ value: a.id, label: a.name }));

  const open = (u: User | 'new') => {
    setEditing(u);
    form.resetFields();
    if (u === 'new') form.setFieldsValue({ roles: [], agencyId: null, active: true });
    else
      form.setFieldsValue({
        username: u.username,
        fullName: u.fullName,
        roles: u.roles,
        agencyId: u.agencyId,
        email: u.email ?? '',
        phone: u.phone ?? '',
        active: u.active,
      });
  };

  const save = async (v: FormValues) => {
    setSaving(true);
    try {
      const common = {
        fullName: v.fullName,
        roles: v.roles,
        agencyId: v.agencyId ?? null,
        email: v.email || null,
        phone: v.phone || null,
      };
      if (editing === 'new') {
        await api.post('/api/v1/users', { ...common, username: v.username, password: v.password });
      } else if (editing) {
        await api.patch(`/api/v1/users/${editing.id}`, {
          ...common,
          active: v.active,
          ...(v.password ? { password: v.password } : {}),
        });
      }
      message.success('Đã lưu.');
      setEditing(null);
      await load();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const byCode: Record<string, keyof FormValues> = {
        USERNAME_TAKEN: 'username',
        AGENCY_REQUIRED: 'agencyId',
        AGENCY_NOT_ALLOWED: 'agencyId',
        OUT_OF_SCOPE: 'agencyId',
        INVALID_ROLES: 'roles',
      };
      const details = Array.isArray(e.details) ? (e.details as { path: string[]; message: string }[]) : [];
      const field = byCode[e.code] ?? (details[0]?.path[0] as keyof FormValues | undefined);
      if (field) form.setFields([{ name: field, errors: [details[0]?.message ?? e.message] }]);
      else message.error(e.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <Space style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle style={{ margin: 0 }}>Người dùng</PageTitle>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          Thêm người dùng
        </Button>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="Tìm theo tên, tên đăng nhập, điện thoại"
          aria-label="Tìm theo tên, tên đăng nhập, điện thoại"
          style={{ width: 320 }}
          onSearch={(q) => setFilter((f) => ({ ...f, q, page: 1 }))}
        />
        <Select
          allowClear
          placeholder="Cơ quan"
          aria-label="Lọc theo cơ quan"
          style={{ width: 280 }}
          options={agencyOptions}
          onChange={(agencyId) => setFilter((f) => ({ ...f, agencyId, page: 1 }))}
        />
        <Select
          allowClear
          placeholder="Vai trò"
          aria-label="Lọc theo vai trò"
          style={{ width: 200 }}
          options={ROLE_OPTIONS}
          onChange={(role) => setFilter((f) => ({ ...f, role, page: 1 }))}
        />
      </Space>
      <Table<User>
        rowKey="id"
        loading={loading}
        dataSource={items}
        size="middle"
        pagination={{
          current: filter.page,
          pageSize: 50,
          total,
          showSizeChanger: false,
          onChange: (page) => setFilter((f) => ({ ...f, page })),
        }}
        columns={[
          { title: 'Họ và tên', dataIndex: 'fullName' },
          { title: 'Tên đăng nhập', dataIndex: 'username', width: 180 },
          {
            title: 'Vai trò',
            dataIndex: 'roles',
            render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{ROLE_LABELS_VI[r]}</Tag>),
          },
          {
            title: 'Cơ quan',
            dataIndex: 'agencyId',
            render: (id: string | null) => (id ? (agencyName.get(id) ?? '—') : '—'),
          },
          {
            title: 'Trạng thái',
            dataIndex: 'active',
            width: 130,
            render: (a: boolean) => (a ? <Tag color="green">Đang hoạt động</Tag> : <Tag>Đã khóa</Tag>),
          },
          {
            title: <ColumnName>Thao tác</ColumnName>,
            width: 80,
            render: (_, u) =>
              u.roles.includes('sysadmin') && !mayGrantSysadmin ? (
                <Tooltip title="Chỉ quản trị hệ thống sửa được tài khoản quản trị hệ thống.">
                  <Button size="small" disabled>
                    Sửa
                  </Button>
                </Tooltip>
              ) : (
                <Button size="small" onClick={() => open(u)}>
                  Sửa
                </Button>
              ),
          },
        ]}
      />
      <FormDrawer
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onSave={() => form.submit()}
        saving={saving}
        title={editing === 'new' ? 'Thêm người dùng' : `Sửa: ${editing?.fullName ?? ''}`}
        size={480}
      >
        <Form form={form} layout="vertical" onFinish={save} requiredMark="optional">
          <Form.Item
            name="username"
            label="Tên đăng nhập"
            rules={[
              { required: true, message: 'Hãy nhập tên đăng nhập.' },
              {
                pattern: /^[a-zA-Z0-9._-]{3,50}$/,
                message: '3–50 ký tự: chữ không dấu, số, dấu chấm, gạch.',
              },
            ]}
          >
            <Input disabled={editing !== 'new'} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="fullName"
            label="Họ và tên"
            rules={[{ required: true, message: 'Hãy nhập họ và tên.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={editing === 'new' ? 'Mật khẩu' : 'Mật khẩu mới (để trống nếu không đổi)'}
            rules={[
              { required: editing === 'new', message: 'Hãy nhập mật khẩu.' },
              { min: 8, message: 'Mật khẩu phải có ít nhất 8 ký tự.' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="roles"
            label="Vai trò"
            tooltip="Quản trị viên của cơ quan cấp tỉnh quản lý lịch nghỉ chính thức và danh mục thủ tục của tỉnh; của cơ quan cấp xã chỉ quản lý cơ quan mình. Quản trị hệ thống quản lý thêm danh mục lĩnh vực."
            rules={[{ required: true, message: 'Hãy chọn ít nhất một vai trò.' }]}
          >
            <Select mode="multiple" options={roleChoices} />
          </Form.Item>
          <Form.Item
            name="agencyId"
            label="Cơ quan"
            tooltip="Cán bộ phải thuộc một cơ quan; tài khoản công dân thì không (quản trị hệ thống có thể không thuộc cơ quan nào)."
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={agencyOptions}
              placeholder="Không thuộc cơ quan nào"
            />
          </Form.Item>
          <Form.Item
            name="email"
            label="Thư điện tử"
            rules={[{ type: 'email', message: 'Thư điện tử không hợp lệ.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="phone" label="Điện thoại">
            <Input />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label="Đang hoạt động" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
          {editing && editing !== 'new' && editing.roles.includes('citizen') && (
            <CommunityHelperSwitch userId={editing.id} />
          )}
        </Form>
      </FormDrawer>
    </div>
  );
}
