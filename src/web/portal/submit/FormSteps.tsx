import { Alert, DatePicker, Form, type FormInstance, Input, Radio, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MyApplicant } from '../../../contract';
import { AddressPicker, type AddressValue, EformFields, ForSelfButton } from '../../shared/eform';
import type { ProcedureDetail } from '../../shared/types';
import { DELIVERY, type Delivery, isAddress, ownApplicant, type Values } from './values';

// The steps held by the submission's form, rendered inside its <Form>: agency, applicant, e-form, delivery.

/** Step 1, "Cơ quan": the agency that receives the dossier. */
export function AgencyStep({ p }: { p: ProcedureDetail }) {
  return (
    <Form.Item
      name="agencyCode"
      label="Cơ quan tiếp nhận hồ sơ"
      rules={[{ required: true, message: 'Hãy chọn cơ quan tiếp nhận hồ sơ.' }]}
    >
      <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {p.agencies.map((a) => (
          <Radio key={a.code} value={a.code}>
            {a.name}
          </Radio>
        ))}
      </Radio.Group>
    </Form.Item>
  );
}

/** Step 2, "Người nộp": the applicant, prefilled from the account (or someone else's, submitted on their behalf). */
export function ApplicantStep({
  form,
  user,
  mine,
  communityHelper,
  onBehalf,
}: {
  form: FormInstance<Values>;
  user: { fullName: string; phone?: string | null; email?: string | null };
  mine: MyApplicant | null;
  communityHelper: boolean;
  onBehalf: boolean | undefined;
}) {
  return (
    <>
      {communityHelper && (
        <Form.Item name="onBehalf" valuePropName="checked" label="Nộp thay cho công dân">
          <Switch
            aria-label="Nộp thay cho công dân"
            onChange={(on) => form.setFieldsValue({ applicant: on ? {} : ownApplicant(user, mine) })}
          />
        </Form.Item>
      )}
      <Typography.Paragraph type="secondary">
        {onBehalf
          ? 'Nhập thông tin của công dân mà bạn nộp thay; bạn được ghi nhận là người hỗ trợ nộp hồ sơ.'
          : mine?.idNumber || mine?.dateOfBirth
            ? 'Thông tin người có yêu cầu, điền sẵn từ tài khoản của bạn (họ tên, điện thoại, thư điện tử) và từ hồ sơ bạn nộp gần nhất (số định danh, ngày sinh). Hãy kiểm tra và sửa nếu có thay đổi.'
            : 'Thông tin người có yêu cầu, điền sẵn từ tài khoản của bạn. Hãy kiểm tra và sửa nếu có thay đổi.'}
      </Typography.Paragraph>
      <Form.Item
        name={['applicant', 'fullName']}
        label="Họ và tên"
        rules={[{ required: true, min: 2, message: 'Hãy nhập họ và tên người nộp.' }]}
      >
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name={['applicant', 'idNumber']}
        label="Số định danh cá nhân"
        rules={[{ pattern: /^\d{12}$/, message: 'Số định danh cá nhân gồm đúng 12 chữ số.' }]}
      >
        <Input inputMode="numeric" maxLength={12} />
      </Form.Item>
      <Form.Item
        name={['applicant', 'dateOfBirth']}
        label="Ngày sinh"
        getValueProps={(x: unknown) => ({ value: typeof x === 'string' && x ? dayjs(x) : undefined })}
        normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker
          format="DD/MM/YYYY"
          style={{ width: '100%' }}
          placeholder="ngày/tháng/năm"
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
      </Form.Item>
      <Form.Item
        name={['applicant', 'phone']}
        label="Điện thoại"
        rules={[
          { required: true, message: 'Hãy nhập số điện thoại để nhận thông báo.' },
          { pattern: /^(\+84|0)\d{9,10}$/, message: 'Số điện thoại không hợp lệ.' },
        ]}
      >
        <Input inputMode="tel" type="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name={['applicant', 'email']}
        label="Thư điện tử"
        rules={[{ type: 'email', message: 'Thư điện tử không hợp lệ.' }]}
      >
        <Input inputMode="email" type="email" autoComplete="email" />
      </Form.Item>
      <Form.Item name={['applicant', 'address']} label="Địa chỉ">
        <AddressPicker label="Địa chỉ" />
      </Form.Item>
    </>
  );
}

/** Step 3, "Tờ khai": the procedure's e-form, if it has one. */
export function EformStep({ p, form }: { p: ProcedureDetail; form: FormInstance<Values> }) {
  return p.eform.length > 0 ? (
    <>
      <ForSelfButton
        fields={p.eform}
        form={form}
        me={() => {
          const a = (form.getFieldsValue(true) as Values).applicant ?? {};
          return {
            fullName: a.fullName,
            idNumber: a.idNumber,
            dateOfBirth: a.dateOfBirth,
            address: isAddress(a.address) ? a.address : undefined,
          };
        }}
      />
      <EformFields fields={p.eform} name={['formData']} />
    </>
  ) : (
    <Alert
      type="info"
      showIcon
      title="Thủ tục này không có tờ khai điện tử; hãy đính kèm giấy tờ ở bước sau."
    />
  );
}

/** Step 5, "Nhận kết quả": how the result is received, and where for the post or at home. */
export function DeliveryStep({ form }: { form: FormInstance<Values> }) {
  return (
    <>
      <Form.Item
        name={['delivery', 'method']}
        label="Cách nhận kết quả"
        rules={[{ required: true, message: 'Hãy chọn cách nhận kết quả.' }]}
      >
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {DELIVERY.map((d) => (
            <Radio key={d.value} value={d.value}>
              {d.label}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.delivery?.method !== b.delivery?.method}>
        {() => {
          const m = form.getFieldValue(['delivery', 'method']) as Delivery | undefined;
          if (m !== 'post' && m !== 'home') return null;
          return (
            <Form.Item
              name={['delivery', 'address']}
              label={m === 'post' ? 'Địa chỉ nhận kết quả qua bưu chính' : 'Địa chỉ nhận kết quả tại nhà'}
              rules={[
                {
                  validator: async (_r, a: AddressValue | undefined) => {
                    if (!isAddress(a))
                      throw new Error('Hãy chọn tỉnh, thành phố và xã, phường nhận kết quả.');
                    if (!a.detail?.trim()) throw new Error('Hãy nhập số nhà, đường, thôn, ấp.');
                  },
                },
              ]}
            >
              <AddressPicker label="Địa chỉ nhận kết quả" />
            </Form.Item>
          );
        }}
      </Form.Item>
    </>
  );
}
