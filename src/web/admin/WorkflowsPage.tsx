import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { WorkflowStepView, WorkflowView } from '../../contract';
import { ApiError, api, qs } from '../shared/api';
import { useAuth } from '../shared/auth';
import type { Agency, AgencyList } from '../shared/types';
import { ColumnName, PageTitle } from '../shared/ui';
import { ProcedurePicker } from './catalogue/DecisionsPage';
import { ReadOnlyNotice, useMayChange } from './permissions';

type Step = WorkflowStepView;
type View = WorkflowView;

const SOURCE: Record<View['source'], string> = {
  agency: 'Quy trình riêng của cơ quan',
  procedure: 'Quy trình chung của thủ tục',
  default: 'Quy trình mặc định (chưa cấu hình)',
};

const agencyValue = (a: Step['agency']) => (typeof a === 'string' ? a : `code:${a.code}`);
const fromAgencyValue = (v: string): Step['agency'] =>
  v.startsWith('code:') ? { code: v.slice(5) } : (v as 'receiving' | 'parent');

/** Administrators set each procedure's workflow: steps, who holds them, where, and their share of the time. */
export function WorkflowsPage() {
  const { user } = useAuth();
  // The procedure-wide workflow is the province's; a commune administrator starts from their own agency's.
  const sharedEditable = useMayChange('sharedWorkflow');
  const [procedure, setProcedure] = useState<{ code: string; name: string } | null>(null);
  const [agencyCode, setAgencyCode] = useState<string | undefined>(() =>
    sharedEditable ? undefined : user?.agency?.code,
  );
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [view, setView] = useState<View | null>(null);
  const [steps, setSteps] = useState<Step[]>([]);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void api.get<AgencyList>('/api/v1/agencies').then((r) => setAgencies(r.items));
  }, []);
  useEffect(() => {
    if (!procedure) return;
    let latest = true; // the workflow of the procedure and agency chosen last, not a slower earlier answer
    void api.get<View>(`/api/v1/procedures/${procedure.code}/workflow${qs({ agencyCode })}`).then((v) => {
      if (!latest) return;
      setView(v);
      setSteps(v.workflow.steps);
    });
    return () => {
      latest = false;
    };
  }, [procedure, agencyCode]);

  const update = (i: number, patch: Partial<Step>) =>
    setSteps((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const move = (i: number, d: -1 | 1) =>
    setSteps((s) => {
      const t = [...s];
      [t[i], t[i + d]] = [t[i + d]!, t[i]!];
      return t;
    });
  const total = steps.reduce((n, s) => n + (s.quotaPercent || 0), 0);
  const save = async () => {
    if (!procedure) return;
    setMessage(null);
    try {
      // The last step decides (the law's leader approval); mark it so.
      const workflow = { steps: steps.map((s, i) => ({ ...s, decides: i === steps.length - 1 })) };
      const v = await api.put<View>(`/api/v1/procedures/${procedure.code}/workflow`, {
        agencyCode,
        workflow,
        note: note || undefined,
      });
      setView(v);
      setSteps(v.workflow.steps);
      setMessage({
        type: 'success',
        text: `Đã lưu phiên bản ${v.versionNo}; áp dụng cho hồ sơ tiếp nhận từ nay.`,
      });
    } catch (e) {
      setMessage({ type: 'error', text: e instanceof ApiError ? e.message : String(e) });
    }
  };

  return (
    <div>
      <PageTitle>Quy trình xử lý</PageTitle>
      <Typography.Paragraph type="secondary">
        Các bước từ khi Bộ phận một cửa chuyển hồ sơ đến khi có kết quả: ai xử lý, ở cơ quan nào (liên thông
        lên cấp trên), và phần thời gian của từng bước. Hồ sơ đã tiếp nhận giữ quy trình tại thời điểm tiếp
        nhận.
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <ProcedurePicker label="Chọn thủ tục…" onPick={(code, name) => setProcedure({ code, name })} />
        <Select
          allowClear
          aria-label="Cơ quan áp dụng"
          placeholder="Áp dụng chung cho mọi cơ quan"
          style={{ width: 320 }}
          value={agencyCode}
          onChange={setAgencyCode}
          options={agencies.map((a) => ({ value: a.code, label: a.name }))}
        />
      </Space>
      {procedure && view && (
        <Card
          title={`${procedure.code} — ${procedure.name}`}
          extra={
            <Tag color={view.source === 'default' ? 'default' : 'blue'}>
              {SOURCE[view.source]}
              {view.versionNo ? `, phiên bản ${view.versionNo}` : ''}
            </Tag>
          }
        >
          <Table<Step>
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={false}
            dataSource={steps}
            columns={[
              { title: 'Bước', width: 50, render: (_, __, i) => i + 1 },
              {
                title: 'Tên bước',
                render: (_, s, i) => (
                  <Input
                    aria-label={`Tên bước ${i + 1}`}
                    value={s.name}
                    onChange={(e) => update(i, { name: e.target.value })}
                  />
                ),
              },
              {
                title: 'Mã bước',
                width: 150,
                render: (_, s, i) => (
                  <Input
                    aria-label={`Mã bước ${i + 1}`}
                    value={s.key}
                    onChange={(e) => update(i, { key: e.target.value })}
                  />
                ),
              },
              {
                title: 'Vai trò',
                width: 140,
                render: (_, s, i) => (
                  <Select
                    value={s.role}
                    style={{ width: 130 }}
                    onChange={(role) => update(i, { role })}
                    options={[
                      { value: 'specialist', label: 'Chuyên viên' },
                      { value: 'leader', label: 'Lãnh đạo' },
                    ]}
                  />
                ),
              },
              {
                title: 'Cơ quan thực hiện',
                width: 260,
                render: (_, s, i) => (
                  <Select
                    value={agencyValue(s.agency)}
                    style={{ width: 250 }}
                    onChange={(v) => update(i, { agency: fromAgencyValue(v) })}
                    options={[
                      { value: 'receiving', label: 'Cơ quan tiếp nhận' },
                      { value: 'parent', label: 'Cấp trên (liên thông)' },
                      ...agencies.map((a) => ({ value: `code:${a.code}`, label: a.name })),
                    ]}
                  />
                ),
              },
              {
                title: '% thời gian',
                width: 110,
                render: (_, s, i) => (
                  <InputNumber
                    aria-label={`Phần trăm thời gian bước ${i + 1}`}
                    min={1}
                    max={100}
                    value={s.quotaPercent}
                    onChange={(v) => update(i, { quotaPercent: Number(v ?? 1) })}
                  />
                ),
              },
              {
                title: <ColumnName>Thao tác</ColumnName>,
                width: 120,
                render: (_, __, i) => (
                  <Space size={0}>
                    <Button
                      type="text"
                      icon={<ArrowUpOutlined />}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      aria-label="Lên"
                    />
                    <Button
                      type="text"
                      icon={<ArrowDownOutlined />}
                      disabled={i === steps.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label="Xuống"
                    />
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={steps.length === 1}
                      onClick={() => setSteps((s) => s.filter((_, j) => j !== i))}
                      aria-label="Xóa bước"
                    />
                  </Space>
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 12 }} wrap>
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                setSteps((s) => [
                  ...s.slice(0, -1),
                  {
                    key: `buoc-${s.length + 1}`,
                    name: 'Bước mới',
                    role: 'specialist',
                    agency: 'receiving',
                    quotaPercent: 10,
                    decides: false,
                  },
                  ...s.slice(-1),
                ])
              }
            >
              Thêm bước
            </Button>
            <Typography.Text type={total > 100 ? 'danger' : 'secondary'}>
              Tổng thời gian các bước: {total}% (phần còn lại dành cho tiếp nhận và trả kết quả). Bước cuối là
              bước lãnh đạo phê duyệt.
            </Typography.Text>
          </Space>
          <Space style={{ marginTop: 12, width: '100%' }} direction="vertical">
            <Input
              aria-label="Căn cứ thay đổi"
              placeholder="Căn cứ, ghi chú thay đổi (ví dụ: Quyết định số …)"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            {message && <Alert type={message.type} showIcon title={message.text} />}
            {agencyCode || sharedEditable ? (
              <Button type="primary" onClick={() => void save()}>
                Lưu quy trình
              </Button>
            ) : (
              <ReadOnlyNotice data="sharedWorkflow" />
            )}
          </Space>
          {view.history.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              Lịch sử:{' '}
              {view.history
                .map(
                  (h) =>
                    `phiên bản ${h.versionNo}${h.agencyCode ? ` (${h.agencyCode})` : ''}${h.note ? `: ${h.note}` : ''}`,
                )
                .join('; ')}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </div>
  );
}
