import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { Assignee } from '../../contract';
import { ApiError, api } from '../shared/api';

/** Vietnamese labels of the commands (domain ACTION_LABELS_VI), in the order the desk shows them. */
const LABELS: Record<string, string> = {
  accept: 'Tiếp nhận',
  claim: 'Nhận xử lý',
  forward: 'Chuyển bước tiếp',
  decide: 'Phê duyệt / từ chối',
  return: 'Trả kết quả',
  'receive-supplement': 'Nhận hồ sơ bổ sung',
  'confirm-financial': 'Đã nộp nghĩa vụ tài chính',
  'request-supplement': 'Yêu cầu bổ sung',
  'request-financial': 'Yêu cầu nghĩa vụ tài chính',
  'send-back': 'Trả lại bước trước',
  assign: 'Phân công',
  extend: 'Gia hạn',
  apologize: 'Xin lỗi, hẹn lại',
  refuse: 'Từ chối tiếp nhận',
  withdraw: 'Rút hồ sơ',
  stop: 'Dừng xử lý',
};
const PRIMARY = new Set([
  'accept',
  'claim',
  'forward',
  'decide',
  'return',
  'receive-supplement',
  'confirm-financial',
]);
/** Shown without unfolding "Thao tác khác": the primary actions and the everyday ones. */
const EVERYDAY = new Set([...PRIMARY, 'request-supplement', 'send-back', 'refuse']);
const DANGER = new Set(['refuse', 'withdraw', 'stop']);
/** Commands that need no form: sent at the click, like any other, with a success message after. */
const NO_FORM = new Set(['claim']);
/** What the desk says once the server has accepted the command. */
const DONE: Record<string, string> = {
  accept: 'Đã tiếp nhận hồ sơ.',
  claim: 'Đã nhận xử lý hồ sơ.',
  forward: 'Đã chuyển hồ sơ sang bước tiếp theo.',
  decide: 'Đã ghi quyết định của lãnh đạo.',
  return: 'Đã trả kết quả.',
  'receive-supplement': 'Đã nhận hồ sơ bổ sung.',
  'confirm-financial': 'Đã xác nhận nộp nghĩa vụ tài chính.',
  'request-supplement': 'Đã gửi yêu cầu bổ sung hồ sơ.',
  'request-financial': 'Đã gửi yêu cầu thực hiện nghĩa vụ tài chính.',
  'send-back': 'Đã trả hồ sơ về bước trước.',
  assign: 'Đã phân công cán bộ xử lý.',
  extend: 'Đã gia hạn giải quyết hồ sơ.',
  apologize: 'Đã lập văn bản xin lỗi, hẹn lại.',
  refuse: 'Đã từ chối tiếp nhận hồ sơ.',
  withdraw: 'Đã ghi nhận rút hồ sơ.',
  stop: 'Đã dừng xử lý hồ sơ.',
};
/** The leader's confirm button says what was chosen. */
const DECIDE_OK: Record<string, string> = { approved: 'Phê duyệt', rejected: 'Từ chối giải quyết' };

type Values = Record<string, unknown>;

function Assignees({ id }: { id: string }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    void api
      .get<Assignee[]>(`/api/v1/dossiers/${id}/assignees`)
      .then((us) => setOptions(us.map((u) => ({ value: u.id, label: u.fullName }))));
  }, [id]);
  return (
    <Form.Item name="assigneeId" label="Cán bộ được phân công" rules={[{ required: true }]}>
      <Select options={options} showSearch optionFilterProp="label" />
    </Form.Item>
  );
}

function Fields({
  action,
  id,
  proposed,
  returnAddress,
  receiver,
  requested,
}: {
  action: string;
  id: string;
  proposed: Dayjs;
  returnAddress?: string;
  receiver?: { fullName?: string; idNumber?: string };
  requested: string[];
}) {
  const reason = (label: string) => (
    <Form.Item name="reason" label={label} rules={[{ required: true, min: 3, message: 'Hãy ghi rõ lý do.' }]}>
      <Input.TextArea rows={3} />
    </Form.Item>
  );
  switch (action) {
    case 'receive-supplement':
      return (
        <>
          <Form.Item
            name="components"
            label="Giấy tờ bổ sung đã nhận (theo phiếu yêu cầu bổ sung)"
            rules={[{ required: true, type: 'array', min: 1, message: 'Hãy đánh dấu giấy tờ đã nhận.' }]}
          >
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={requested.map((r) => ({ value: r, label: r }))}
            />
          </Form.Item>
          <Form.Item name="note" label="Ghi chú (nếu có)">
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    case 'accept':
    case 'forward':
    case 'confirm-financial':
      return (
        <Form.Item name="note" label="Ghi chú (nếu có)">
          <Input.TextArea rows={2} />
        </Form.Item>
      );
    case 'refuse':
      return reason('Lý do từ chối tiếp nhận (in trên Mẫu 03)');
    case 'send-back':
      return reason('Lý do trả lại');
    case 'withdraw':
      return reason('Đơn đề nghị rút hồ sơ (ngày, nội dung)');
    case 'stop':
      return reason('Lý do dừng giải quyết (in trên thông báo)');
    case 'request-supplement':
      return (
        <>
          <Form.Item
            name="items"
            label="Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một loại)"
            rules={[{ required: true, message: 'Hãy liệt kê đầy đủ, một lần.' }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          {reason('Lý do')}
        </>
      );
    case 'request-financial':
      return (
        <>
          <Form.Item name="amountVnd" label="Số tiền (đồng)" rules={[{ required: true }]}>
            <InputNumber min={0} step={1000} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="description" label="Nội dung nghĩa vụ" rules={[{ required: true, min: 3 }]}>
            <Input />
          </Form.Item>
        </>
      );
    case 'extend':
      return (
        <>
          <Space>
            <Form.Item name="amount" label="Gia hạn thêm" rules={[{ required: true }]}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Form.Item name="unit" label="Đơn vị" initialValue="working-days">
              <Select
                style={{ width: 180 }}
                options={[
                  { value: 'working-days', label: 'ngày làm việc' },
                  { value: 'working-hours', label: 'giờ làm việc' },
                  { value: 'calendar-days', label: 'ngày' },
                ]}
              />
            </Form.Item>
          </Space>
          {reason('Căn cứ, lý do gia hạn')}
        </>
      );
    case 'apologize':
      return (
        <>
          {reason('Lý do chậm trễ (in trên Mẫu 04)')}
          <Form.Item
            name="newAppointmentAt"
            label="Ngày giờ hẹn trả mới"
            initialValue={proposed}
            rules={[{ required: true, message: 'Hãy chọn ngày giờ hẹn trả mới.' }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="HH:mm DD/MM/YYYY"
              placeholder="giờ:phút ngày/tháng/năm"
            />
          </Form.Item>
        </>
      );
    case 'decide':
      return (
        <>
          <Form.Item name="outcome" label="Quyết định" initialValue="approved">
            <Select
              options={[
                { value: 'approved', label: 'Phê duyệt (đồng ý giải quyết)' },
                { value: 'rejected', label: 'Từ chối giải quyết (trả lời bằng văn bản, nêu lý do)' },
              ]}
            />
          </Form.Item>
          <Form.Item name="comment" label="Ý kiến">
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
    case 'return':
      return (
        <>
          <Form.Item name="method" label="Hình thức trả" initialValue="counter">
            <Select
              options={[
                { value: 'counter', label: 'Tại Bộ phận một cửa' },
                { value: 'post', label: 'Qua dịch vụ bưu chính công ích' },
                { value: 'home', label: 'Tại nhà' },
                { value: 'online', label: 'Trực tuyến' },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['method']}>
            {({ getFieldValue }) =>
              getFieldValue('method') === 'post' ? (
                <>
                  <Form.Item
                    name="postalTrackingCode"
                    label="Số hiệu bưu gửi"
                    rules={[
                      {
                        required: true,
                        pattern: /^[A-Za-z0-9-]{6,40}$/,
                        message: 'Số hiệu bưu gửi gồm 6–40 chữ cái không dấu, chữ số, ví dụ EL123456789VN.',
                      },
                    ]}
                  >
                    <Input placeholder="EL123456789VN" />
                  </Form.Item>
                  <Form.Item
                    name="postalAddress"
                    label="Địa chỉ phát"
                    initialValue={returnAddress}
                    rules={[{ required: true, min: 5, message: 'Hãy ghi địa chỉ phát kết quả.' }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name="postalCourier"
                    label="Nhân viên bưu chính nhận kết quả (họ tên)"
                    rules={[{ required: true, min: 2, message: 'Hãy ghi họ tên nhân viên bưu chính.' }]}
                  >
                    <Input />
                  </Form.Item>
                </>
              ) : (
                <>
                  <Form.Item
                    name="receiver"
                    label="Người nhận kết quả (họ tên)"
                    initialValue={receiver?.fullName}
                    rules={[{ required: true, min: 2, message: 'Hãy ghi họ tên người nhận kết quả.' }]}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name="receiverIdNumber"
                    label="Số định danh người nhận"
                    initialValue={receiver?.idNumber}
                  >
                    <Input maxLength={12} />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
          {/* At the counter the applicant is there: nothing to announce. Sent before the appointment day
              (post, home, online), the result is announced first; the server says so when it is missing. */}
          <Form.Item noStyle dependencies={['method']}>
            {({ getFieldValue }) =>
              getFieldValue('method') !== 'counter' && (
                <Form.Item
                  name="earlyNotice"
                  label="Đã thông báo trả sớm cho người nộp (nếu trả trước ngày hẹn)"
                >
                  <Input placeholder="Ví dụ: đã gọi điện lúc 16:00 ngày 23/11" />
                </Form.Item>
              )
            }
          </Form.Item>
        </>
      );
    case 'assign':
      return <Assignees id={id} />;
    default:
      return null;
  }
}

function toCommand(action: string, v: Values): Values {
  const clean = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
  if (action === 'request-supplement') {
    clean.items = String(v.items ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (action === 'return' && v.method === 'post') {
    clean.postal = { trackingCode: v.postalTrackingCode, address: v.postalAddress, courier: v.postalCourier };
  }
  delete clean.postalTrackingCode;
  delete clean.postalAddress;
  delete clean.postalCourier;
  if (action === 'apologize' && v.newAppointmentAt) {
    clean.newAppointmentAt = `${(v.newAppointmentAt as Dayjs).format('YYYY-MM-DDTHH:mm:00')}+07:00`;
  }
  return { action, ...clean };
}

/** Exactly the actions the officer may take now, each one a small form, sent once (Idempotency-Key). */
export function DossierActions({
  id,
  actions,
  resultFileIds,
  proposedAppointmentAt,
  urgent,
  returnAddress,
  applicant,
  requested = [],
  onDone,
}: {
  /** Where a result sent by post goes, unless the officer changes it: the applicant's address. */
  returnAddress?: string;
  /** Who receives the result at the counter, unless the officer changes it: the applicant. */
  applicant?: { fullName?: string; idNumber?: string };
  /** What the pending supplement request (Mẫu 02) asks for: the officer ticks what arrived. */
  requested?: string[];
  /** The server's proposal for a new appointment (three working days after the due instant). */
  proposedAppointmentAt: string | null;
  /** Overdue or due within a working day: the apology is offered up front. */
  urgent: boolean;
  id: string;
  actions: string[];
  /** Result documents already uploaded: attached to the leader's decision. */
  resultFileIds: string[];
  onDone: () => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** What the last action did, shown until the next one (a toast vanished before a slow reader saw it). */
  const [done, setDone] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const proposed = dayjs(proposedAppointmentAt ?? undefined);
  const ordered = Object.keys(LABELS).filter((a) => actions.includes(a));
  const visible = showAll
    ? ordered
    : ordered.filter((a) => EVERYDAY.has(a) || (a === 'apologize' && urgent) || ordered.length <= 4);
  const run = async (action: string, values: Values, idempotencyKey = key) => {
    setBusy(true);
    setError(null);
    try {
      const body = toCommand(action, values);
      if (action === 'decide') body.documents = resultFileIds;
      await api.post(`/api/v1/dossiers/${id}/commands`, body, { 'idempotency-key': idempotencyKey });
      setOpen(null);
      form.resetFields();
      setDone(DONE[action] ?? 'Đã thực hiện.');
      onDone();
    } catch (e) {
      const text = e instanceof ApiError ? e.message : String(e);
      // A command sent without a dialog (nhận xử lý) says what went wrong where the officer looks.
      if (NO_FORM.has(action)) void message.error(text);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };
  const start = (action: string) => {
    setError(null);
    setDone(null);
    if (NO_FORM.has(action)) {
      void run(action, {}, crypto.randomUUID());
      return;
    }
    setKey(crypto.randomUUID());
    form.resetFields();
    setOpen(action);
  };
  const status = done && (
    <Alert
      type="success"
      showIcon
      role="status"
      title={done}
      closable={{ 'aria-label': 'Đóng thông báo', onClose: () => setDone(null) }}
      style={{ marginBottom: 8 }}
    />
  );
  if (ordered.length === 0) return status || null;
  return (
    <>
      {status}
      <Space wrap>
        {visible.map((a) => (
          <Button
            key={a}
            type={PRIMARY.has(a) ? 'primary' : 'default'}
            danger={DANGER.has(a)}
            onClick={() => start(a)}
            loading={busy && NO_FORM.has(a)}
          >
            {LABELS[a]}
          </Button>
        ))}
        {visible.length < ordered.length && (
          <Space>
            <Switch size="small" checked={showAll} onChange={setShowAll} aria-label="Thao tác khác" />
            Thao tác khác
          </Space>
        )}
        <Modal
          open={open !== null}
          title={open ? LABELS[open] : ''}
          okText={
            open === 'decide'
              ? (DECIDE_OK[outcome ?? 'approved'] ?? LABELS.decide)
              : open
                ? LABELS[open]
                : 'Đồng ý'
          }
          okButtonProps={{ danger: open === 'decide' && outcome === 'rejected' }}
          cancelText="Hủy"
          confirmLoading={busy}
          onCancel={() => setOpen(null)}
          onOk={() => {
            if (!open) return;
            // A form that does not validate shows its messages under the fields; nothing is sent.
            form.validateFields().then(
              (v) => run(open, v),
              () => undefined,
            );
          }}
          destroyOnHidden
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" preserve={false}>
            {open && (
              <Fields
                action={open}
                id={id}
                proposed={proposed}
                returnAddress={returnAddress}
                receiver={applicant}
                requested={requested}
              />
            )}
          </Form>
        </Modal>
      </Space>
    </>
  );
}
