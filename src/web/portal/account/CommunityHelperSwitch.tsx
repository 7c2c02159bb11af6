import { App, Form, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api';
import { errorText } from './api';

/**
 * For the admin users screen: whether a citizen account is a community helper (người hỗ trợ cộng
 * đồng), who may submit dossiers on citizens' behalf. Saved at once, on its own.
 */
export function CommunityHelperSwitch({ userId }: { userId: string }) {
  const { message } = App.useApp();
  const [on, setOn] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setOn(null);
    api
      .get<{ communityHelper: boolean }>(`/api/v1/accounts/${userId}/community-helper`)
      .then((r) => setOn(r.communityHelper))
      .catch(() => setOn(null));
  }, [userId]);
  const toggle = async (value: boolean) => {
    setBusy(true);
    try {
      const r = await api.put<{ communityHelper: boolean }>(`/api/v1/accounts/${userId}/community-helper`, {
        communityHelper: value,
      });
      setOn(r.communityHelper);
      message.success(
        value ? 'Đã đánh dấu người hỗ trợ cộng đồng.' : 'Đã bỏ đánh dấu người hỗ trợ cộng đồng.',
      );
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form.Item
      label="Người hỗ trợ cộng đồng"
      tooltip="Được nộp hồ sơ trực tuyến thay công dân (nộp thay). Lưu ngay khi bật/tắt."
    >
      <Switch
        aria-label="Người hỗ trợ cộng đồng"
        checked={on ?? false}
        loading={on === null || busy}
        disabled={on === null}
        onChange={(v) => void toggle(v)}
      />
    </Form.Item>
  );
}
