import { CheckCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { EformFields, ForSelfButton, prefillFromApplicant } from '../../shared/eform';
import type { ProcedureDetail } from '../../shared/types';
import { ReturningApplicant } from './ReturningApplicant';
import type { Reception } from './useReception';

/**
 * The applicant's details, the e-form the officer may type for them ("Công dân không viết") and the officer's
 * three decisions: accept, ask for a supplement, refuse.
 */
export function ApplicantForm({
  form,
  procedure,
  r,
  onAccept,
}: {
  form: FormInstance;
  procedure: ProcedureDetail;
  r: Reception;
  /** "Tiếp nhận hồ sơ": checks the components before the form is submitted. */
  onAccept: () => void;
}) {
  const { typing, setTyping, error } = r;
  return (
    <Form form={form} layout="vertical" onFinish={(v) => r.submit(v, 'accept')} requiredMark="optional">
      <Form.Item
        name="fullName"
        label="Họ và tên"
        rules={[{ required: true, message: 'Hãy nhập họ và tên.' }]}
      >
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item
          name="idNumber"
          label="Số định danh cá nhân"
          rules={[{ pattern: /^\d{12}$/, message: 'Gồm đúng 12 chữ số.' }]}
        >
          <Input
            style={{ width: 200 }}
            inputMode="numeric"
            onBlur={(e) => void r.lookup(e.target.value.trim())}
          />
        </Form.Item>
        <Form.Item name="dateOfBirth" label="Ngày sinh">
          <DatePicker
            format="DD/MM/YYYY"
            placeholder="ngày/tháng/năm"
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label="Điện thoại"
          rules={[{ pattern: /^(\+84|0)\d{9,10}$/, message: 'Số điện thoại không hợp lệ.' }]}
        >
          <Input style={{ width: 160 }} inputMode="tel" />
        </Form.Item>
      </Space>
      <Form.Item name="address" label="Địa chỉ">
        <Input />
      </Form.Item>
      {r.returning && <ReturningApplicant returning={r.returning} reuse={r.reuse} onReuse={r.setReuse} />}
      {procedure.eform.length > 0 && (
        <Card
          size="small"
          type="inner"
          title="Tờ khai điện tử"
          style={{ marginBottom: 12 }}
          extra={
            <Space size={6}>
              <Switch
                size="small"
                aria-label="Công dân không viết"
                checked={typing}
                onChange={(on) => {
                  setTyping(on);
                  if (!on) return;
                  const a = form.getFieldsValue();
                  const from = {
                    ...a,
                    dateOfBirth: a.dateOfBirth ? a.dateOfBirth.format('YYYY-MM-DD') : undefined,
                  };
                  const filled = prefillFromApplicant(procedure.eform, a.formData, from);
                  form.setFieldsValue({ formData: { ...a.formData, ...filled } });
                }}
              />
              Công dân không viết
            </Space>
          }
        >
          {typing ? (
            <>
              <ForSelfButton
                fields={procedure.eform}
                form={form}
                me={() => {
                  const a = form.getFieldsValue();
                  // The counter's address is free text; the declaration's is chosen (province, ward).
                  return {
                    fullName: a.fullName,
                    idNumber: a.idNumber,
                    dateOfBirth: a.dateOfBirth ? a.dateOfBirth.format('YYYY-MM-DD') : undefined,
                  };
                }}
                label="Người nộp xin cấp cho chính mình — điền từ thông tin người nộp"
                whose="người nộp"
              />
              <EformFields fields={procedure.eform} name={['formData']} />
            </>
          ) : (
            <Typography.Text type="secondary">
              Công dân nộp tờ khai giấy. Bật “Công dân không viết” để cán bộ điền tờ khai thay công dân.
            </Typography.Text>
          )}
        </Card>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space wrap>
        {/* Not a submit button: Enter in a field must never accept the dossier (issue 25). */}
        <Button
          type="primary"
          onClick={onAccept}
          loading={r.busy}
          icon={<CheckCircleOutlined />}
          size="large"
        >
          Tiếp nhận hồ sơ
        </Button>
        <Button size="large" onClick={r.askSupplement}>
          Hướng dẫn bổ sung
        </Button>
        <Button size="large" danger onClick={r.refuse}>
          Từ chối tiếp nhận
        </Button>
      </Space>
    </Form>
  );
}
