import { Alert, App, Button, Card, Descriptions, Form, Input, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { confirmError, emailError, passwordError } from '../../../domain/identity/account';
import { api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { PageTitle } from '../../shared/ui';
import { type Account, confirmRule, errorText, fieldErrors, pageStyle, rule } from './api';

interface ProfileValues {
  fullName: string;
  email: string;
}
interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** /tai-khoan: the signed-in citizen's profile (name, phone, e-mail), password change and logout. */
function AccountPageInner() {
  const { message } = App.useApp();
  const { user, loading, logout, refresh } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const welcome = (location.state as { welcome?: boolean } | null)?.welcome === true;
  const [account, setAccount] = useState<Account | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [profile] = Form.useForm<ProfileValues>();
  const [pw] = Form.useForm<PasswordValues>();

  const load = useCallback(async () => {
    try {
      const a = await api.get<Account>('/api/v1/accounts/me');
      setAccount(a);
      profile.setFieldsValue({ fullName: a.fullName, email: a.email ?? '' });
    } catch (e) {
      setError(errorText(e));
    }
  }, [profile]);
  useEffect(() => {
    if (user) void load();
  }, [user, load]);

  if (loading) return <Spin style={{ marginTop: 24 }} />;
  if (!user) {
    return (
      <div style={pageStyle}>
        <PageTitle style={{ marginTop: 4 }}>Tài khoản của tôi</PageTitle>
        <Alert
          type="info"
          showIcon
          title="Bạn cần đăng nhập để xem tài khoản."
          description={<Link to={`/dang-nhap?tiep=${encodeURIComponent('/tai-khoan')}`}>Đăng nhập</Link>}
        />
      </div>
    );
  }

  const saveProfile = async (v: ProfileValues) => {
    setSaving(true);
    try {
      setAccount(
        await api.patch<Account>('/api/v1/accounts/me', { fullName: v.fullName, email: v.email || null }),
      );
      await refresh();
      message.success('Đã lưu thông tin tài khoản.');
    } catch (e) {
      const fields = fieldErrors(e);
      if (fields) profile.setFields(fields as never);
      else message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const changePassword = async (v: PasswordValues) => {
    setSaving(true);
    try {
      await api.post('/api/v1/auth/change-password', {
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      });
      pw.resetFields();
      message.success('Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.');
    } catch (e) {
      const fields = fieldErrors(e);
      if (fields) pw.setFields(fields as never);
      else pw.setFields([{ name: 'currentPassword', errors: [errorText(e)] }]);
    } finally {
      setSaving(false);
    }
  };

  const isOrg = account?.accountKind === 'organisation';
  return (
    <div style={pageStyle}>
      <PageTitle style={{ marginTop: 4 }}>Tài khoản của tôi</PageTitle>
      {welcome && (
        <Alert
          type="success"
          showIcon
          title="Tài khoản đã được xác thực. Bạn đã đăng nhập."
          style={{ marginBottom: 12 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {account && (
        <Card style={{ marginBottom: 12 }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="Loại tài khoản">
              {isOrg ? 'Tổ chức, doanh nghiệp' : 'Cá nhân'}
            </Descriptions.Item>
            {isOrg && <Descriptions.Item label="Mã số thuế">{account.taxCode}</Descriptions.Item>}
            <Descriptions.Item label="Số điện thoại">{account.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Tên đăng nhập">{account.username}</Descriptions.Item>
            <Descriptions.Item label="Trạng thái">
              {account.verified ? <Tag color="green">Đã xác thực</Tag> : <Tag>Chưa xác thực</Tag>}
              {account.communityHelper && <Tag color="blue">Người hỗ trợ cộng đồng</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            Số điện thoại là tên đăng nhập của bạn; để đổi số, vui lòng liên hệ Bộ phận một cửa.
          </Typography.Paragraph>
        </Card>
      )}
      <Card title="Thông tin liên hệ" style={{ marginBottom: 12 }}>
        <Form<ProfileValues>
          form={profile}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={saveProfile}
        >
          <Form.Item
            name="fullName"
            label={isOrg ? 'Tên tổ chức' : 'Họ và tên'}
            rules={[{ required: true, whitespace: true, message: 'Hãy nhập họ và tên.' }, { max: 250 }]}
          >
            <Input autoComplete={isOrg ? 'organization' : 'name'} />
          </Form.Item>
          <Form.Item name="email" label="Thư điện tử" rules={[rule(emailError)]}>
            <Input type="email" inputMode="email" autoComplete="email" />
          </Form.Item>
          <Button htmlType="submit" block loading={saving}>
            Lưu thông tin
          </Button>
        </Form>
      </Card>
      <Card title="Đổi mật khẩu" style={{ marginBottom: 12 }}>
        <Form<PasswordValues>
          form={pw}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={changePassword}
        >
          <Form.Item
            name="currentPassword"
            label="Mật khẩu hiện tại"
            rules={[{ required: true, message: 'Hãy nhập mật khẩu hiện tại.' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="Mật khẩu mới" rules={[rule(passwordError)]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="Nhập lại mật khẩu mới"
            dependencies={['newPassword']}
            rules={[confirmRule('newPassword', confirmError)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button htmlType="submit" block loading={saving}>
            Đổi mật khẩu
          </Button>
        </Form>
      </Card>
      <Button
        danger
        block
        size="large"
        onClick={async () => {
          await logout();
          navigate('/');
        }}
      >
        Đăng xuất
      </Button>
    </div>
  );
}

/** Inside antd's App for its message context (the portal's shell does without it). */
export function AccountPage() {
  return (
    <App component={false}>
      <AccountPageInner />
    </App>
  );
}
