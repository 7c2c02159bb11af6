import { Button, DatePicker, Form, type FormInstance, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { checkEformField, isEmptyValue } from '../../../domain/catalogue/eform';
import type { FormField } from '../../../domain/catalogue/procedure';
import { foldVietnamese } from '../../../domain/catalogue/search';
import { AddressPicker } from './AddressPicker';

export type EformValues = Record<string, unknown>;

/** Typing "nu" finds "Nữ": options are searched without diacritics. */
const foldedMatch = (input: string, option?: { label?: unknown }) =>
  foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input));

/** The value a field's control holds is the domain value itself (dates as YYYY-MM-DD), so drafts are plain JSON. */
function control(f: FormField, renderFile?: (f: FormField) => ReactNode): ReactNode {
  switch (f.type) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} inputMode="decimal" />;
    case 'date':
      return <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} placeholder="ngày/tháng/năm" />;
    case 'select':
      return (
        <Select
          allowClear
          showSearch={{ filterOption: foldedMatch }}
          placeholder="Chọn"
          options={f.options.map((o) => ({ value: o, label: o }))}
          style={{ width: '100%' }}
        />
      );
    case 'national-id':
      return <Input inputMode="numeric" maxLength={12} placeholder="12 chữ số" autoComplete="off" />;
    case 'phone':
      return <Input inputMode="tel" type="tel" autoComplete="tel" />;
    case 'email':
      return <Input inputMode="email" type="email" autoComplete="email" />;
    case 'address':
      return <AddressPicker label={f.label} />;
    case 'file':
      return renderFile ? (
        renderFile(f)
      ) : (
        <Typography.Text type="secondary">Tệp đính kèm nộp ở phần thành phần hồ sơ.</Typography.Text>
      );
    default:
      return <Input maxLength={1000} />;
  }
}

/**
 * The fields of a procedure's e-form (tờ khai điện tử) inside an antd Form, one control per field type,
 * checked as the applicant types with exactly the server's messages (`checkEformField`).
 * `name` prefixes the keys (e.g. `['formData']`) so the e-form can sit beside other inputs.
 */
export function EformFields({
  fields,
  name = [],
  renderFile,
  disabled,
}: {
  fields: readonly FormField[];
  name?: (string | number)[];
  /** Renders a `file` field's control (an uploader); without it, files go with the components. */
  renderFile?: (f: FormField) => ReactNode;
  disabled?: boolean;
}) {
  return (
    <>
      {fields.map((f) => (
        <Form.Item
          key={f.key}
          name={[...name, f.key]}
          label={f.label}
          required={f.required}
          extra={f.help ?? undefined}
          validateTrigger={['onChange', 'onBlur']}
          {...(f.type === 'date'
            ? {
                getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
                normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
              }
            : {})}
          rules={[
            {
              validator: async (_rule, v) => {
                const r = checkEformField(f, v);
                if (!r.ok) throw new Error(r.message);
              },
            },
          ]}
        >
          {disabled && f.type !== 'address' ? <Input disabled /> : control(f, renderFile)}
        </Form.Item>
      ))}
    </>
  );
}

/** Only what was entered: empty controls (and untouched address pickers) are left out. */
export function eformData(fields: readonly FormField[], values: EformValues | undefined): EformValues {
  const out: EformValues = {};
  for (const f of fields) {
    const v = values?.[f.key];
    if (!isEmptyValue(v)) out[f.key] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/**
 * Applicant details prefill the e-form fields that obviously ask for them (the requester's name, ID
 * number, phone, e-mail, address), when those are still empty.
 */
export function prefillFromApplicant(
  fields: readonly FormField[],
  current: EformValues | undefined,
  applicant: {
    fullName?: string;
    idNumber?: string;
    phone?: string;
    email?: string;
    address?: unknown;
    dateOfBirth?: string;
  },
): EformValues {
  const out: EformValues = {};
  const keyOf = (f: FormField): keyof typeof applicant | null => {
    const k = f.key.toLowerCase();
    if (!k.startsWith('nguoiyeucau') && !k.startsWith('requester') && !k.startsWith('applicant')) return null;
    if (f.type === 'national-id') return 'idNumber';
    if (f.type === 'phone') return 'phone';
    if (f.type === 'email') return 'email';
    if (f.type === 'address') return 'address';
    if (f.type === 'date' && /ngaysinh|birth/.test(k)) return 'dateOfBirth';
    if (f.type === 'text' && /hoten|name/.test(k)) return 'fullName';
    return null;
  };
  for (const f of fields) {
    const from = keyOf(f);
    const v = from ? applicant[from] : undefined;
    if (from && !isEmptyValue(v) && isEmptyValue(current?.[f.key])) out[f.key] = v;
  }
  return out;
}

/** The requester's own details, for the fields a declaration marks `self`. */
export interface SelfDetails {
  fullName?: string;
  idNumber?: string;
  dateOfBirth?: string;
  address?: unknown;
}

/**
 * The values of the fields marked `self` when the requester asks for themselves ("Tôi xin cấp cho chính mình"):
 * their name, ID number, date of birth, address, and "Bản thân" as the relationship. What the requester has not
 * given is left as it is.
 */
export function selfValues(fields: readonly FormField[], me: SelfDetails): EformValues {
  const out: EformValues = {};
  for (const f of fields) {
    if (!f.self) continue;
    const v = f.self === 'relation' ? 'Bản thân' : me[f.self];
    if (!isEmptyValue(v)) out[f.key] = v;
  }
  return out;
}

/**
 * "Tôi xin cấp cho chính mình": one tap fills the declaration's fields about the person the paper is for with the
 * requester's own details (a certificate of one's own marital status, a copy of one's own extract) instead of
 * typing them a second time. Shown only on declarations that mark such fields.
 */
export function ForSelfButton({
  fields,
  form,
  me,
  label = 'Tôi xin cấp cho chính mình — điền thông tin của tôi',
  whose = 'của bạn',
}: {
  fields: readonly FormField[];
  /** The form holding the e-form under `formData`. */
  form: FormInstance;
  /** The requester's details as the form holds them now. */
  me: () => SelfDetails;
  label?: string;
  /** Whose details were filled, as the message says it: the citizen's own ("của bạn"), the applicant's at the desk. */
  whose?: string;
}) {
  const [filled, setFilled] = useState<number | null>(null);
  if (!fields.some((f) => f.self)) return null;
  const fill = () => {
    const values = selfValues(fields, me());
    const keys = Object.keys(values);
    form.setFieldsValue({ formData: { ...form.getFieldValue('formData'), ...values } });
    // Messages shown for those fields before are checked again against what they now hold.
    void form.validateFields(keys.map((k) => ['formData', k])).catch(() => {});
    setFilled(keys.length);
  };
  return (
    <div style={{ marginBottom: 16 }}>
      <Button block onClick={fill} style={{ whiteSpace: 'normal', height: 'auto' }}>
        {label}
      </Button>
      {filled !== null && (
        <Typography.Paragraph type="secondary" role="status" style={{ marginTop: 8, marginBottom: 0 }}>
          {filled > 0
            ? `Đã điền thông tin ${whose} vào tờ khai. Hãy kiểm tra và điền tiếp các ô còn trống.`
            : `Chưa có thông tin ${whose} để điền: hãy nhập ở phần người nộp hoặc điền trực tiếp vào tờ khai.`}
        </Typography.Paragraph>
      )}
    </div>
  );
}
