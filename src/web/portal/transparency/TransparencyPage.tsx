import { Alert, Card, Collapse, Progress, Segmented, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Transparency } from '../../../contract';
import { localDateOf } from '../../../domain/dossier/lifecycle';
import { type ApiError, api, qs } from '../../shared/api';
import { PageTitle } from '../../shared/ui';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/**
 * /minh-bach: each agency's results in the open, no login — how many dossiers it received and resolved,
 * how many on time, and its Decision 766 service-index score by group. Phone first; no chart library
 * (bars are plain progress bars), so the portal stays light.
 */
export function TransparencyPage() {
  const [span, setSpan] = useState<'month' | 'year'>('year');
  const [data, setData] = useState<Transparency | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    // The period in Vietnam's calendar, whatever the browser's time zone (the server's clock decides the rest).
    const today = localDateOf(new Date());
    const from = span === 'month' ? `${today.slice(0, 7)}-01` : undefined;
    let latest = true; // the answer for the period last chosen, not a slower earlier one
    api
      .get<Transparency>(`/api/v1/public/transparency${qs({ from })}`)
      .then((r) => latest && setData(r))
      .catch((e: ApiError) => latest && setError(e.message));
    return () => {
      latest = false;
    };
  }, [span]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle style={{ margin: 0 }}>Công khai kết quả giải quyết hồ sơ</PageTitle>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        Số liệu của từng cơ quan, lấy trực tiếp từ hệ thống một cửa: hồ sơ tiếp nhận, giải quyết đúng hạn, trễ
        hạn và điểm Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg).
      </Typography.Paragraph>
      <Segmented
        aria-label="Kỳ số liệu"
        value={span}
        onChange={(v) => setSpan(v as 'month' | 'year')}
        options={[
          { value: 'month', label: 'Tháng này' },
          { value: 'year', label: 'Năm nay' },
        ]}
      />
      {error && <Alert type="error" title={error} showIcon />}
      {!data && !error && <Card loading />}
      {data && (
        <Typography.Text type="secondary">
          Từ {dayjs(data.from).format('DD/MM/YYYY')} đến hết ngày {dayjs(data.asOf).format('DD/MM/YYYY')}
        </Typography.Text>
      )}
      {data?.agencies.map((a) => (
        <Card
          key={a.id}
          size="small"
          title={<span style={{ whiteSpace: 'normal' }}>{a.name}</span>}
          extra={
            a.subAgencies > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                Cộng cả {a.subAgencies} đơn vị trực thuộc
              </Typography.Text>
            ) : null
          }
        >
          {a.score === null ? (
            <Typography.Text type="secondary">
              Chưa có hồ sơ nào{a.subAgencies > 0 ? ' (kể cả các đơn vị trực thuộc)' : ''} trong kỳ: chưa có
              số liệu để đánh giá.
            </Typography.Text>
          ) : (
            <>
              <Space size="large" wrap>
                <Statistic title="Tiếp nhận" value={a.figures.received} />
                <Statistic title="Đã giải quyết" value={a.figures.resolved} />
                <Statistic title="Đúng hạn, trước hạn" value={pct(a.figures.onTimeRate)} />
                <Statistic title="Điểm 766" value={a.score} suffix="/ 100" />
              </Space>
              {a.figures.onTimeRate === null ? (
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  Chưa có hồ sơ giải quyết xong trong kỳ.
                </Typography.Paragraph>
              ) : (
                <Progress
                  aria-label={`Tỷ lệ đúng hạn của ${a.name}`}
                  percent={Math.round(a.figures.onTimeRate * 100)}
                  strokeColor="#52c41a"
                  style={{ marginTop: 8 }}
                />
              )}
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                Trước hạn {a.figures.resolvedEarly} · đúng hạn {a.figures.resolvedOnTime} · trễ hạn{' '}
                {a.figures.resolvedLate} · đang giải quyết {a.figures.inProgress} (quá hạn{' '}
                {a.figures.inProgressOverdue})
              </Typography.Text>
              <Collapse
                ghost
                size="small"
                items={[
                  {
                    key: 'groups',
                    label: 'Điểm theo nhóm chỉ số',
                    children: a.groups.map((g) => (
                      <div key={g.code}>
                        <div style={{ fontSize: 13 }}>
                          {g.code}. {g.name}: {g.score} / {g.max}
                        </div>
                        <Progress
                          aria-label={`Nhóm ${g.code}: ${g.score} trên ${g.max} điểm`}
                          percent={Math.round((g.score / g.max) * 100)}
                          showInfo={false}
                          size="small"
                        />
                      </div>
                    )),
                  },
                ]}
              />
            </>
          )}
        </Card>
      ))}
    </Space>
  );
}
