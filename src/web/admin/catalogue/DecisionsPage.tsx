import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  List,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DecisionList } from '../../../contract';
import type { ProcedureContent } from '../../../domain/catalogue/procedure';
import { ApiError, api, qs } from '../../shared/api';
import type { Decision, FieldItem, FieldList, ProcedureDetail, ProcedureList } from '../../shared/types';
import { PageTitle } from '../../shared/ui';
import { ReadOnlyNotice, useMayChange } from '../permissions';
import { ProcedureForm } from './ProcedureForm';
import { EMPTY_PROCEDURE, fromContent, type ProcedureFormValues, toContent } from './procedureValues';

type Item =
  | { action: 'add' | 'amend'; procedureCode: string; content: ProcedureContent }
  | { action: 'abolish'; procedureCode: string; name: string };

const ACTION: Record<Item['action'], { label: string; color: string }> = {
  add: { label: 'Thêm mới', color: 'green' },
  amend: { label: 'Sửa đổi, bổ sung', color: 'gold' },
  abolish: { label: 'Bãi bỏ', color: 'red' },
};

/** Picks a procedure in effect, by name (without diacritics) or code. */
export function ProcedurePicker({
  onPick,
  label,
}: {
  onPick: (code: string, name: string) => void;
  label: string;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const latest = useRef('');
  const search = useCallback(async (q: string) => {
    latest.current = q;
    const r = await api.get<ProcedureList>(`/api/v1/procedures${qs({ q, pageSize: 20 })}`);
    // Answers can arrive out of order: keep only the one for what is typed now.
    if (latest.current === q)
      setOptions(r.items.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` })));
  }, []);
  useEffect(() => {
    void search('');
  }, [search]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      aria-label={label}
      placeholder={label}
      style={{ width: 420 }}
      options={options}
      value={null}
      onChange={(code: string) =>
        onPick(code, options.find((o) => o.value === code)?.label.split(' — ')[1] ?? code)
      }
    />
  );
}

function DecisionEditor({
  open,
  onClose,
  fields,
}: {
  open: boolean;
  onClose: (saved?: Decision) => void;
  fields: FieldItem[];
}) {
  const { message } = App.useApp();
  const [head] = Form.useForm();
  const [procForm] = Form.useForm<ProcedureFormValues>();
  const [items, setItems] = useState<Item[]>([]);
  const [editing, setEditing] = useState<{
    action: 'add' | 'amend';
    index: number | null;
    /** Where the amended procedure's current text came from (shown beside the form). */
    source?: ProcedureDetail['source'];
  } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setItems([]);
      setProblems([]);
      head.resetFields();
    }
  }, [open, head]);

  const openAdd = () => {
    procForm.resetFields();
    procForm.setFieldsValue(EMPTY_PROCEDURE as ProcedureFormValues);
    setEditing({ action: 'add', index: null });
  };
  const openAmend = async (code: string) => {
    const p = await api.get<ProcedureDetail>(`/api/v1/procedures/${code}`);
    procForm.resetFields();
    const {
      id: _i,
      code: _c,
      field: _f,
      processingTimeText: _t,
      status: _s,
      abolishedOn: _a,
      version: _v,
      upcoming: _u,
      agencies: _g,
      source,
      ...content
    } = p;
    procForm.setFieldsValue(fromContent(code, content as ProcedureContent));
    setEditing({ action: 'amend', index: null, source });
  };
  const saveItem = (v: ProcedureFormValues) => {
    if (!editing) return;
    const item: Item = { action: editing.action, procedureCode: v.code, content: toContent(v) };
    setItems((list) =>
      editing.index === null ? [...list, item] : list.map((x, i) => (i === editing.index ? item : x)),
    );
    setEditing(null);
  };

  const save = async () => {
    const h = await head.validateFields();
    setBusy(true);
    setProblems([]);
    try {
      const d = await api.post<Decision>('/api/v1/decisions', {
        number: h.number,
        signedOn: h.signedOn.format('YYYY-MM-DD'),
        effectiveOn: h.effectiveOn.format('YYYY-MM-DD'),
        issuer: h.issuer,
        title: h.title ?? '',
        items: items.map((i) =>
          i.action === 'abolish'
            ? { action: 'abolish', procedureCode: i.procedureCode }
            : { action: i.action, procedureCode: i.procedureCode, content: i.content },
        ),
      });
      message.success(`Đã lưu dự thảo quyết định ${d.number}.`);
      onClose(d);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const list = Array.isArray(e.details)
        ? (e.details as { message: string; item?: number }[]).map((p) =>
            p.item ? `Mục ${p.item}: ${p.message}` : p.message,
          )
        : [];
      setProblems(list.length > 0 ? list : [e.message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={() => onClose()}
      title="Soạn quyết định công bố"
      size={860}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => onClose()}>Hủy</Button>
          <Button type="primary" loading={busy} onClick={save} disabled={items.length === 0}>
            Lưu dự thảo
          </Button>
        </Space>
      }
    >
      <Form form={head} layout="vertical" requiredMark="optional">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="number"
              label="Số quyết định"
              rules={[{ required: true, message: 'Hãy nhập số quyết định.' }]}
            >
              <Input placeholder="123/QĐ-UBND" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="signedOn" label="Ngày ký" rules={[{ required: true, message: 'Chọn ngày ký.' }]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="effectiveOn"
              label="Ngày có hiệu lực"
              rules={[{ required: true, message: 'Chọn ngày có hiệu lực.' }]}
            >
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="issuer"
          label="Cơ quan ban hành"
          rules={[{ required: true, message: 'Hãy nhập cơ quan ban hành.' }]}
        >
          <Input placeholder="Chủ tịch Ủy ban nhân dân tỉnh …" />
        </Form.Item>
        <Form.Item name="title" label="Trích yếu">
          <Input />
        </Form.Item>
      </Form>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title="Quyết định chưa hợp lệ"
          description={
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Card size="small" title="Các thủ tục trong quyết định">
        <List
          dataSource={items}
          locale={{ emptyText: 'Chưa có thủ tục nào.' }}
          renderItem={(it, i) => (
            <List.Item
              actions={[
                it.action !== 'abolish' && (
                  <Button
                    key="e"
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => {
                      procForm.setFieldsValue(fromContent(it.procedureCode, it.content));
                      setEditing({ action: it.action, index: i });
                    }}
                  >
                    Sửa
                  </Button>
                ),
                <Button
                  key="d"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => setItems((l) => l.filter((_, j) => j !== i))}
                  aria-label="Bỏ khỏi quyết định"
                />,
              ].filter(Boolean)}
            >
              <Tag color={ACTION[it.action].color}>{ACTION[it.action].label}</Tag>
              {it.procedureCode} — {it.action === 'abolish' ? it.name : it.content.name}
            </List.Item>
          )}
        />
        <Space wrap style={{ marginTop: 8 }}>
          <Button icon={<PlusOutlined />} onClick={openAdd}>
            Thêm thủ tục mới
          </Button>
          <ProcedurePicker label="Sửa đổi thủ tục…" onPick={(code) => void openAmend(code)} />
          <ProcedurePicker
            label="Bãi bỏ thủ tục…"
            onPick={(code, name) => setItems((l) => [...l, { action: 'abolish', procedureCode: code, name }])}
          />
        </Space>
      </Card>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={820}
        destroyOnHidden={false}
        title={editing?.action === 'add' ? 'Thủ tục thêm mới' : 'Nội dung sửa đổi, bổ sung'}
        extra={
          <Space>
            <Button onClick={() => setEditing(null)}>Hủy</Button>
            <Button type="primary" onClick={() => procForm.submit()}>
              Đưa vào quyết định
            </Button>
          </Space>
        }
      >
        <ProcedureForm
          form={procForm}
          fields={fields}
          codeLocked={editing?.action === 'amend'}
          source={editing?.source ?? null}
          onFinish={saveItem}
        />
      </Drawer>
    </Drawer>
  );
}

/** Publication decisions (quyết định công bố): draft, review, publish (the province's administrators). */
export function DecisionsPage() {
  const { message } = App.useApp();
  const editable = useMayChange('procedures');
  const [list, setList] = useState<DecisionList['items']>([]);
  const [fields, setFields] = useState<FieldItem[]>([]);
  const [open, setOpen] = useState(false);
  const [viewing, setViewing] = useState<Decision | null>(null);
  const load = useCallback(async () => {
    setList((await api.get<DecisionList>('/api/v1/decisions')).items);
  }, []);
  useEffect(() => {
    void load();
    void api.get<FieldList>('/api/v1/fields').then((r) => setFields(r.items));
  }, [load]);
  const view = async (id: string) => setViewing(await api.get<Decision>(`/api/v1/decisions/${id}`));
  const publish = async (d: Decision) => {
    try {
      await api.post(`/api/v1/decisions/${d.id}/publish`);
      message.success(
        `Đã công bố quyết định ${d.number}; thay đổi áp dụng từ ${dayjs(d.effectiveOn).format('DD/MM/YYYY')}.`,
      );
      setViewing(null);
      await load();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const remove = async (d: Decision) => {
    await api.delete(`/api/v1/decisions/${d.id}`);
    setViewing(null);
    await load();
  };
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <PageTitle style={{ margin: 0 }}>Quyết định công bố thủ tục</PageTitle>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            Soạn quyết định
          </Button>
        )}
      </Space>
      {!editable && <ReadOnlyNotice data="procedures" />}
      <Table
        rowKey="id"
        dataSource={list}
        size="middle"
        onRow={(d) => ({ onClick: () => void view(d.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Số quyết định', dataIndex: 'number' },
          { title: 'Ngày ký', dataIndex: 'signedOn', render: (d: string) => dayjs(d).format('DD/MM/YYYY') },
          {
            title: 'Hiệu lực từ',
            dataIndex: 'effectiveOn',
            render: (d: string) => dayjs(d).format('DD/MM/YYYY'),
          },
          { title: 'Cơ quan ban hành', dataIndex: 'issuer' },
          { title: 'Số thủ tục', dataIndex: 'itemCount', width: 100 },
          {
            title: 'Trạng thái',
            dataIndex: 'status',
            render: (s: string) =>
              s === 'published' ? <Tag color="green">Đã công bố</Tag> : <Tag color="orange">Dự thảo</Tag>,
          },
        ]}
      />
      {editable && (
        <DecisionEditor
          open={open}
          fields={fields}
          onClose={(d) => {
            setOpen(false);
            void load();
            if (d) setViewing(d);
          }}
        />
      )}
      <Drawer
        open={viewing !== null}
        onClose={() => setViewing(null)}
        size={720}
        title={viewing ? `Quyết định ${viewing.number}` : ''}
        extra={
          editable &&
          viewing?.status === 'draft' && (
            <Space>
              <Popconfirm
                title="Xóa dự thảo này?"
                onConfirm={() => viewing && remove(viewing)}
                okText="Xóa"
                cancelText="Không"
              >
                <Button danger icon={<StopOutlined />}>
                  Xóa dự thảo
                </Button>
              </Popconfirm>
              <Popconfirm
                title="Công bố quyết định? Các thay đổi sẽ áp dụng từ ngày có hiệu lực."
                onConfirm={() => viewing && publish(viewing)}
                okText="Công bố"
                cancelText="Không"
              >
                <Button type="primary" icon={<SendOutlined />}>
                  Công bố
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        {viewing && (
          <>
            <Typography.Paragraph>
              {viewing.issuer}, ký ngày {dayjs(viewing.signedOn).format('DD/MM/YYYY')}, có hiệu lực từ{' '}
              {dayjs(viewing.effectiveOn).format('DD/MM/YYYY')}. {viewing.title}
            </Typography.Paragraph>
            <List
              dataSource={viewing.items}
              renderItem={(it) => (
                <List.Item>
                  <Tag color={ACTION[it.action].color}>{ACTION[it.action].label}</Tag>
                  {it.procedureCode} — {it.procedureName}
                  {it.content && (
                    <Typography.Text type="secondary">
                      {' '}
                      · {it.content.processingTime.amount}{' '}
                      {it.content.processingTime.unit === 'working-days'
                        ? 'ngày làm việc'
                        : it.content.processingTime.unit === 'working-hours'
                          ? 'giờ làm việc'
                          : 'ngày'}
                    </Typography.Text>
                  )}
                </List.Item>
              )}
            />
          </>
        )}
      </Drawer>
    </div>
  );
}
