import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { AdoptionList, DecisionImported, ImportProblem } from '../../../contract';
import { formatProcessingTime, type TimeUnit } from '../../../domain/catalogue/procedure';
import { ApiError, api } from '../../shared/api';
import type {
  Agency,
  AgencyList,
  FieldItem,
  FieldList,
  ProcedureList,
  ProcedureSummary,
} from '../../shared/types';
import { ColumnName, PageTitle } from '../../shared/ui';
import { ReadOnlyNotice, useMayChange } from '../permissions';

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

/** Which procedures an agency implements, with a shorter committed time where it promises one. */
export function AdoptionPage() {
  const { message } = App.useApp();
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [all, setAll] = useState<ProcedureSummary[]>([]);
  const [chosen, setChosen] = useState<Map<string, { amount: number; unit: TimeUnit } | null>>(new Map());
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.get<AgencyList>('/api/v1/agencies').then((r) => setAgencies(r.items));
    void api.get<ProcedureList>('/api/v1/procedures?pageSize=100').then(async (first) => {
      const pages = Math.ceil(first.total / 100);
      const rest = await Promise.all(
        Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
          api.get<ProcedureList>(`/api/v1/procedures?pageSize=100&page=${i + 2}`),
        ),
      );
      setAll([first, ...rest].flatMap((p) => p.items));
    });
  }, []);
  useEffect(() => {
    if (!agencyId) return;
    void api
      .get<AdoptionList>(`/api/v1/agencies/${agencyId}/procedures`)
      .then((r) => setChosen(new Map(r.items.map((i) => [i.procedureCode, i.committedTime]))));
  }, [agencyId]);
  const agency = agencies.find((a) => a.id === agencyId);
  const rows = useMemo(
    () => all.filter((p) => !agency || p.level === agency.level || chosen.has(p.code)),
    [all, agency, chosen],
  );

  const save = async () => {
    if (!agencyId) return;
    setBusy(true);
    try {
      await api.put(`/api/v1/agencies/${agencyId}/procedures`, {
        items: [...chosen].map(([procedureCode, committedTime]) => ({ procedureCode, committedTime })),
      });
      message.success('Đã lưu danh sách thủ tục của cơ quan.');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageTitle>Thủ tục của cơ quan</PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="Cơ quan"
          placeholder="Chọn cơ quan"
          style={{ width: 360 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={agencies.map((a) => ({ value: a.id, label: a.name }))}
          onChange={setAgencyId}
        />
        <Button type="primary" onClick={save} loading={busy} disabled={!agencyId}>
          Lưu
        </Button>
        {agencyId && <Typography.Text type="secondary">{chosen.size} thủ tục đang thực hiện</Typography.Text>}
      </Space>
      {agencyId && (
        <Table
          rowKey="code"
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 50 }}
          columns={[
            {
              title: 'Thực hiện',
              width: 90,
              render: (_, p) => (
                <Checkbox
                  aria-label={`Thực hiện ${p.code}`}
                  checked={chosen.has(p.code)}
                  onChange={(e) => {
                    const next = new Map(chosen);
                    if (e.target.checked) next.set(p.code, null);
                    else next.delete(p.code);
                    setChosen(next);
                  }}
                />
              ),
            },
            { title: 'Mã', dataIndex: 'code', width: 100 },
            { title: 'Tên thủ tục', dataIndex: 'name' },
            {
              title: 'Thời hạn luật định',
              width: 150,
              render: (_, p) => formatProcessingTime(p.processingTime),
            },
            {
              title: 'Cam kết rút ngắn',
              width: 230,
              render: (_, p) =>
                chosen.has(p.code) && p.processingTime.unit !== 'calendar-days' ? (
                  <Space.Compact>
                    <InputNumber
                      aria-label={`Cam kết ${p.code}`}
                      min={0}
                      step={0.5}
                      value={chosen.get(p.code)?.amount ?? null}
                      placeholder="—"
                      onChange={(v) => {
                        const next = new Map(chosen);
                        next.set(
                          p.code,
                          v === null
                            ? null
                            : { amount: v, unit: chosen.get(p.code)?.unit ?? 'working-hours' },
                        );
                        setChosen(next);
                      }}
                      style={{ width: 90 }}
                    />
                    <Select
                      value={chosen.get(p.code)?.unit ?? 'working-hours'}
                      style={{ width: 130 }}
                      onChange={(u: TimeUnit) => {
                        const c = chosen.get(p.code);
                        if (!c) return;
                        const next = new Map(chosen);
                        next.set(p.code, { ...c, unit: u });
                        setChosen(next);
                      }}
                      options={[
                        { value: 'working-hours', label: 'giờ làm việc' },
                        { value: 'working-days', label: 'ngày làm việc' },
                      ]}
                    />
                  </Space.Compact>
                ) : null,
            },
          ]}
        />
      )}
    </div>
  );
}
