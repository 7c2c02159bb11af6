import { Checkbox, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { Assignee } from '../../contract';
import { api } from '../shared/api';

// The fields of each dossier action's dialog at the desk, and the command they make (DossierActions shows them).

export type Values = Record<string, unknown>;

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

export function Fields({
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

export function toCommand(action: string, v: Values): Values {
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
