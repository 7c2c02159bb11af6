/**
 * The drawer where an administrator drafts a publication decision: its number, dates and issuer, and the
 * procedures it adds, amends (edited with the procedure form) or abolishes.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Drawer, Form, Input, List, Row, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { ProcedureContent } from '../../../domain/catalogue/procedure';
import { ApiError, api } from '../../shared/api';
import type { Decision, FieldItem, ProcedureDetail } from '../../shared/types';
import { ACTION, type Item } from './decisionItems';
import { ProcedureForm } from './ProcedureForm';
import { ProcedurePicker } from './ProcedurePicker';
import { EMPTY_PROCEDURE, fromContent, type ProcedureFormValues, toContent } from './procedureValues';

export function DecisionEditor({
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
