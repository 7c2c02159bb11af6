import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DecisionImported, ImportProblem } from '../../../contract';
import { ApiError, api } from '../../shared/api';
import type { FieldItem, FieldList } from '../../shared/types';
import { ColumnName, PageTitle } from '../../shared/ui';
import { ReadOnlyNotice, useMayChange } from '../permissions';

// The agency's procedures page lives in its own file; the admin app still imports it from here.
export { AdoptionPage } from './AdoptionPage';

/** Fields (lĩnh vực): list; the system administrator adds and renames them (the national list). */
export function FieldsPage() {
  const { message } = App.useApp();
  const editable = useMayChange('fields');
  const [items, setItems] = useState<FieldItem[]>([]);
  const [editing, setEditing] = useState<FieldItem | 'new' | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(async () => setItems((await api.get<FieldList>('/api/v1/fields')).items), []);
  useEffect(() => {
    void load();
  }, [load]);
  const save = async (v: { code: string; name: string; sector: string }) => {
    try {
      if (editing === 'new')
        await api.post('/api/v1/fields', { code: v.code, name: v.name, sector: v.sector ?? '' });
      else if (editing)
        await api.patch(`/api/v1/fields/${editing.code}`, { name: v.name, sector: v.sector ?? '' });
      message.success('Đã lưu.');
      setEditing(null);
      await load();
    } catch (e) {
      if (e instanceof ApiError)
        form.setFields([{ name: e.code === 'FIELD_CODE_TAKEN' ? 'code' : 'name', errors: [e.message] }]);
      else throw e;
    }
  };
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <PageTitle style={{ margin: 0 }}>Lĩnh vực</PageTitle>
        {editable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setEditing('new');
            }}
          >
            Thêm lĩnh vực
          </Button>
        )}
      </Space>
      {!editable && <ReadOnlyNotice data="fields" />}
      <Table
        rowKey="code"
        dataSource={items}
        size="middle"
        pagination={false}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 120 },
          { title: 'Tên lĩnh vực', dataIndex: 'name' },
          { title: 'Ngành', dataIndex: 'sector' },
          { title: 'Số thủ tục', dataIndex: 'procedureCount', width: 110 },
          ...(editable
            ? [
                {
                  title: <ColumnName>Thao tác</ColumnName>,
                  width: 80,
                  render: (_: unknown, f: FieldItem) => (
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue(f);
                        setEditing(f);
                      }}
                    >
                      Sửa
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? 'Thêm lĩnh vực' : 'Sửa lĩnh vực'}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="Lưu"
        cancelText="Hủy"
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="code"
            label="Mã lĩnh vực"
            rules={[
              {
                required: true,
                pattern: /^[A-Za-z0-9._-]{1,20}$/,
                message: 'Mã gồm chữ, số, dấu chấm, gạch.',
              },
            ]}
          >
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label="Tên lĩnh vực" rules={[{ required: true, message: 'Hãy nhập tên.' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="sector" label="Ngành">
            <Input placeholder="Tư pháp" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

type Problem = ImportProblem;

/** Import the catalogue from an .xlsx (into a draft decision) and export it. */
export function ImportPage() {
  const navigate = useNavigate();
  const editable = useMayChange('procedures');
  const addsFields = useMayChange('fields');
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<DecisionImported | null>(null);

  const submit = async (v: {
    number: string;
    signedOn: { format(f: string): string };
    effectiveOn: { format(f: string): string };
    issuer: string;
    title?: string;
  }) => {
    if (!file) {
      setError('Hãy chọn tệp bảng tính .xlsx.');
      return;
    }
    const fd = new FormData();
    fd.set('number', v.number);
    fd.set('signedOn', v.signedOn.format('YYYY-MM-DD'));
    fd.set('effectiveOn', v.effectiveOn.format('YYYY-MM-DD'));
    fd.set('issuer', v.issuer);
    fd.set('title', v.title ?? '');
    fd.set('file', file);
    setBusy(true);
    setProblems(null);
    setError(null);
    try {
      setDone(await api.upload<DecisionImported>('/api/v1/decisions/import', fd));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.message);
      if (e.code === 'IMPORT_INVALID' && Array.isArray(e.details)) setProblems(e.details as Problem[]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageTitle>Nhập, xuất danh mục thủ tục</PageTitle>
      <Card size="small" title="Xuất danh mục" style={{ marginBottom: 12 }}>
        <Typography.Paragraph>
          Tệp .xlsx gồm trang "Thủ tục" (mỗi dòng một thủ tục; ô nhiều mục ghi mỗi mục một dòng, các phần cách
          nhau bằng dấu |) và trang "Lĩnh vực". Dùng tệp này làm mẫu để nhập.
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined />} href="/api/v1/catalogue/export.xlsx">
          Tải danh mục hiện hành (.xlsx)
        </Button>
      </Card>
      {!editable && <ReadOnlyNotice data="procedures" />}
      {editable && (
        <Card size="small" title="Nhập từ bảng tính">
          <Typography.Paragraph type="secondary">
            Thủ tục mới được thêm, thủ tục đã có mà nội dung khác được sửa đổi — tất cả vào một dự thảo quyết
            định công bố để xem lại trước khi công bố. Nếu có dòng lỗi, không dữ liệu nào được nhập.
            {addsFields
              ? ' Lĩnh vực mới trong trang "Lĩnh vực" được thêm vào danh mục lĩnh vực.'
              : ' Thủ tục phải thuộc lĩnh vực đã có trong danh mục: chỉ quản trị hệ thống thêm được lĩnh vực mới.'}
          </Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            requiredMark="optional"
            style={{ maxWidth: 640 }}
          >
            <Form.Item label="Tệp bảng tính">
              <Upload
                accept=".xlsx"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  return false;
                }}
                onRemove={() => setFile(null)}
              >
                <Button icon={<UploadOutlined />}>Chọn tệp .xlsx</Button>
              </Upload>
            </Form.Item>
            <Space wrap>
              <Form.Item
                name="number"
                label="Số quyết định"
                rules={[{ required: true, message: 'Hãy nhập số quyết định.' }]}
              >
                <Input style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="signedOn" label="Ngày ký" rules={[{ required: true, message: 'Chọn ngày.' }]}>
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
              <Form.Item
                name="effectiveOn"
                label="Ngày có hiệu lực"
                rules={[{ required: true, message: 'Chọn ngày.' }]}
              >
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
            </Space>
            <Form.Item
              name="issuer"
              label="Cơ quan ban hành"
              rules={[{ required: true, message: 'Hãy nhập cơ quan ban hành.' }]}
            >
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} icon={<UploadOutlined />}>
              Nhập thành dự thảo quyết định
            </Button>
          </Form>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
          {problems && (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
              dataSource={problems}
              pagination={false}
              columns={[
                { title: 'Dòng', dataIndex: 'row', width: 70 },
                { title: 'Cột', dataIndex: 'column', width: 220 },
                { title: 'Lỗi', dataIndex: 'reason' },
              ]}
            />
          )}
          {done && (
            <Alert
              type="success"
              showIcon
              style={{ marginTop: 12 }}
              title={`Đã tạo dự thảo quyết định ${done.number}: ${done.items.filter((i) => i.action === 'add').length} thủ tục thêm mới, ${
                done.items.filter((i) => i.action === 'amend').length
              } thủ tục sửa đổi, ${done.skipped} thủ tục không thay đổi.`}
              action={<Button onClick={() => navigate('/admin/quyet-dinh')}>Xem và công bố</Button>}
            />
          )}
        </Card>
      )}
    </div>
  );
}
