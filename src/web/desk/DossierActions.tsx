import { Alert, App, Button, Form, Modal, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../shared/api';
import { Fields, toCommand, type Values } from './actionFields';

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
