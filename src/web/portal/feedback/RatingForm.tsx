import { StarOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Radio, Result, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  RATING_CRITERIA,
  RATING_CRITERIA_VI,
  RATING_LEVELS_VI,
  type RatingScores,
} from '../../../domain/payment/rating';
import { ApiError, api } from '../../shared/api';

interface RatingState {
  canRate: boolean;
  rated: boolean;
  reason: string | null;
}

/**
 * "Đánh giá mức độ hài lòng" once the result is returned: five SIPAS elements, 1–5 each, and a comment.
 * By id for the signed-in applicant; by code with the phone's last four digits at the kiosk or without login.
 */
export function RatingForm({ code, dossierId }: { code?: string; dossierId?: string }) {
  const url = code
    ? `/api/v1/public/dossiers/${encodeURIComponent(code)}/rating`
    : `/api/v1/dossiers/${dossierId}/rating`;
  const [state, setState] = useState<RatingState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    api
      .get<RatingState>(url)
      .then(setState)
      .catch(() => setState(null));
  }, [url]);
  useEffect(load, [load]);

  if (!state) return <Spin />;
  if (done || state.rated) {
    return (
      <Card style={{ marginTop: 16 }} data-testid="rating-block">
        <Result
          status="success"
          title="Cảm ơn ông/bà đã đánh giá"
          subTitle="Ý kiến được gửi tới cơ quan giải quyết để cải thiện chất lượng phục vụ."
        />
      </Card>
    );
  }
  if (!state.canRate) return null;

  const submit = async (v: RatingScores & { comment?: string; phoneLast4?: string }) => {
    setBusy(true);
    setError(null);
    const { comment, phoneLast4, ...scores } = v;
    try {
      await api.post(url, { scores, ...(comment ? { comment } : {}), ...(code ? { phoneLast4 } : {}) });
      setDone(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="rating-block"
      title={
        <span>
          <StarOutlined aria-hidden /> Đánh giá mức độ hài lòng
        </span>
      }
    >
      <Typography.Paragraph type="secondary">
        Chọn từ 1 ({RATING_LEVELS_VI[0]}) đến 5 ({RATING_LEVELS_VI[4]}) cho từng nội dung. Mỗi hồ sơ đánh giá
        một lần.
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {RATING_CRITERIA.map((c) => (
          <Form.Item
            key={c}
            name={c}
            label={RATING_CRITERIA_VI[c]}
            rules={[{ required: true, message: `Hãy chọn mức đánh giá cho "${RATING_CRITERIA_VI[c]}".` }]}
          >
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              aria-label={RATING_CRITERIA_VI[c]}
              options={[1, 2, 3, 4, 5].map((n) => ({
                value: n,
                label: String(n),
                title: RATING_LEVELS_VI[n - 1],
              }))}
            />
          </Form.Item>
        ))}
        <Form.Item name="comment" label="Góp ý thêm (không bắt buộc)">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {code && (
          <Form.Item
            name="phoneLast4"
            label="4 chữ số cuối số điện thoại đã khai trong hồ sơ"
            rules={[{ required: true, pattern: /^\d{4}$/, message: 'Hãy nhập đúng 4 chữ số.' }]}
          >
            <Input inputMode="numeric" maxLength={4} style={{ maxWidth: 160 }} autoComplete="off" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>
          Gửi đánh giá
        </Button>
      </Form>
    </Card>
  );
}
