import { Alert, Button, Card, Form, Input, Radio, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  confirmError,
  emailError,
  passwordError,
  phoneError,
  taxCodeError,
} from '../../../domain/identity/account';
import { ApiError, api } from '../../shared/api';
import { PageTitle } from '../../shared/ui';
import { type CodeSent, confirmRule, errorText, fieldErrors, pageStyle, rule } from './api';

type Kind = 'person' | 'organisation';

interface Values {
  fullName?: string;
  organisationName?: string;
  taxCode?: string;
  phone: string;
  email?: string;
  password: string;
  confirmPassword: string;
  channel: 'sms' | 'email';
}

/** /dang-ky: a person or an organisation opens an account; a code is sent to verify the phone (or e-mail). */
export function RegisterPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<Kind>('person');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const email = Form.useWatch('email', form);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const common = {
      phone: v.phone,
      ...(v.email?.trim() ? { email: v.email.trim() } : {}),
      password: v.password,
      confirmPassword: v.confirmPassword,
      channel: v.channel,
    };
    const body =
      kind === 'person'
        ? { accountKind: kind, fullName: v.fullName, ...common }
        : { accountKind: kind, organisationName: v.organisationName, taxCode: v.taxCode, ...common };
    try {
      const sent = await api.post<CodeSent>('/api/v1/accounts/register', body);
      navigate(`/xac-thuc?sdt=${encodeURIComponent(sent.phone)}`, { state: sent });
    } catch (e) {
      const fields = fieldErrors(e);
      if (fields) form.setFields(fields as never);
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERROR', errorText(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={pageStyle}>
      <PageTitle style={{ marginTop: 4 }}>Đăng ký tài khoản</PageTitle>
      <Typography.Paragraph type="secondary">
        Tài khoản dùng để nộp hồ sơ trực tuyến và theo dõi hồ sơ của bạn. Sau khi đăng ký, bạn nhận một mã 6
        chữ số qua tin nhắn để xác thực số điện thoại.
      </Typography.Paragraph>
      <Card>
        <Segmented<Kind>
          block
          size="large"
          value={kind}
          onChange={(k) => {
            setKind(k);
            setError(null);
          }}
          aria-label="Loại tài khoản"
          options={[
            { value: 'person', label: 'Cá nhân' },
            { value: 'organisation', label: 'Tổ chức' },
          ]}
          style={{ marginBottom: 16 }}
        />
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={error.message}
            description={
              // A taken phone number is not an error here: its holder is told by message (decision 0012).
              error.code === 'TAX_CODE_TAKEN' ? (
                <Space wrap>
                  <Link to="/dang-nhap">Đăng nhập</Link>
                  <Link to="/quen-mat-khau">Quên mật khẩu?</Link>
                </Space>
              ) : undefined
            }
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          initialValues={{ channel: 'sms' }}
          onFinish={submit}
          onValuesChange={(changed: Partial<Values>) => {
            if ('email' in changed && !changed.email?.trim() && form.getFieldValue('channel') === 'email') {
              form.setFieldValue('channel', 'sms');
            }
          }}
          scrollToFirstError
        >
          {kind === 'person' ? (
            <Form.Item
              name="fullName"
              label="Họ và tên"
              rules={[{ required: true, whitespace: true, message: 'Hãy nhập họ và tên.' }, { max: 150 }]}
            >
              <Input autoComplete="name" />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="organisationName"
                label="Tên tổ chức"
                rules={[{ required: true, whitespace: true, message: 'Hãy nhập tên tổ chức.' }, { max: 250 }]}
              >
                <Input autoComplete="organization" />
              </Form.Item>
              <Form.Item
                name="taxCode"
                label="Mã số thuế"
                extra="10 chữ số, hoặc 13 chữ số dạng 0100109106-001 đối với chi nhánh."
                rules={[rule(taxCodeError)]}
              >
                <Input inputMode="numeric" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="phone"
            label={kind === 'person' ? 'Số điện thoại di động' : 'Số điện thoại di động của người đại diện'}
            extra="Dùng để đăng nhập và nhận mã xác thực."
            rules={[rule(phoneError)]}
          >
            <Input type="tel" inputMode="tel" autoComplete="tel" placeholder="0912 345 678" />
          </Form.Item>
          <Form.Item name="email" label="Thư điện tử (không bắt buộc)" rules={[rule(emailError)]}>
            <Input type="email" inputMode="email" autoComplete="email" />
          </Form.Item>
          <Form.Item name="password" label="Mật khẩu" extra="Ít nhất 8 ký tự." rules={[rule(passwordError)]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="Nhập lại mật khẩu"
            dependencies={['password']}
            rules={[confirmRule('password', confirmError)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="channel" label="Nhận mã xác thực qua">
            <Radio.Group>
              <Radio value="sms">Tin nhắn SMS</Radio>
              <Radio value="email" disabled={!email?.trim()}>
                Thư điện tử
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Đăng ký
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          Đã có tài khoản? <Link to="/dang-nhap">Đăng nhập</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
