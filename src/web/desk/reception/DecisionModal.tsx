import { Alert, Form, Input, Modal } from 'antd';
import type { Decision } from './useReception';

/** The supplement request (Mẫu 02) or the refusal (Mẫu 03): what is to be supplied, and why. */
export function DecisionModal({
  decision,
  text,
  onText,
  error,
  busy,
  onCancel,
  onOk,
}: {
  decision: Decision | null;
  text: { items: string; reason: string };
  onText: (text: { items: string; reason: string }) => void;
  error: string | null;
  busy: boolean;
  onCancel: () => void;
  onOk: () => void;
}) {
  return (
    <Modal
      open={decision !== null && decision !== 'accept'}
      title={
        decision === 'supplement'
          ? 'Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)'
          : 'Từ chối tiếp nhận hồ sơ (Mẫu 03)'
      }
      okText="Lập phiếu"
      cancelText="Hủy"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={onOk}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {decision === 'supplement' && (
        <Form.Item
          label="Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một loại; hướng dẫn một lần, đầy đủ)"
          layout="vertical"
        >
          <Input.TextArea
            aria-label="Giấy tờ cần bổ sung"
            rows={4}
            value={text.items}
            onChange={(e) => onText({ ...text, items: e.target.value })}
          />
        </Form.Item>
      )}
      <Form.Item label={decision === 'refuse' ? 'Lý do từ chối' : 'Lý do'} layout="vertical">
        <Input.TextArea
          aria-label="Lý do"
          rows={3}
          value={text.reason}
          onChange={(e) => onText({ ...text, reason: e.target.value })}
        />
      </Form.Item>
    </Modal>
  );
}
