import { DeleteOutlined, LeftOutlined, RightOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CalendarDay, CalendarDays, OfficialSchedule, OfficialSchedules } from '../../contract';
import { ApiError, api } from '../shared/api';
import { PageTitle } from '../shared/ui';
import { ReadOnlyNotice, useMayChange } from './permissions';

type Day = CalendarDay;
type Schedule = OfficialSchedule;

const COLORS: Record<string, { bg: string; fg: string; label: string }> = {
  working: { bg: '#ffffff', fg: '#222', label: 'Ngày làm việc' },
  weekend: { bg: '#eeeeee', fg: '#555', label: 'Cuối tuần' },
  holiday: { bg: '#d32f2f', fg: '#fff', label: 'Nghỉ lễ, tết' },
  compensatory: { bg: '#a84d00', fg: '#fff', label: 'Nghỉ bù' },
  official: { bg: '#7b1fa2', fg: '#fff', label: 'Nghỉ theo lịch chính thức' },
  'make-up': { bg: '#1976d2', fg: '#fff', label: 'Làm bù' },
};
const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

function Month({
  year,
  month,
  days,
  onPick,
}: {
  year: number;
  month: number;
  days: Map<string, Day>;
  /** Absent when the user may not change the official schedule: the days are then only shown. */
  onPick?: ((d: string) => void) | undefined;
}) {
  const first = new Date(Date.UTC(year, month, 1));
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const count = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells: string[] = [];
  for (let d = 1; d <= count; d++)
    cells.push(`${year}-${String(month + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return (
    <Card size="small" title={`Tháng ${month + 1}`} styles={{ body: { padding: 8 } }}>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(7, 1fr)',
          gap: 2,
          fontSize: 12,
          textAlign: 'center',
        }}
      >
        {WEEKDAYS.map((w) => (
          <div key={w} style={{ color: 'rgba(0, 0, 0, 0.66)' }}>
            {w}
          </div>
        ))}
        {lead > 0 && <div style={{ gridColumn: `span ${lead}` }} />}
        {cells.map((iso) => {
          const info = days.get(iso);
          const c = COLORS[info?.reason ?? 'working']!;
          const title = `${iso.split('-').reverse().join('/')}: ${info?.name ?? c.label}`;
          // Read with the day's number as shown on the button ("1", not "01/01/2026": axe's label-in-name).
          const [y, m, d] = iso.split('-').map(Number);
          const spoken = `Ngày ${d} tháng ${m} năm ${y}: ${info?.name ?? c.label}`;
          return (
            <Tooltip key={iso} title={title}>
              <button
                type="button"
                aria-label={spoken}
                data-date={iso}
                data-reason={info?.reason ?? 'working'}
                onClick={onPick && (() => onPick(iso))}
                style={{
                  border: '1px solid #e5e5e5',
                  borderRadius: 4,
                  background: c.bg,
                  color: c.fg,
                  padding: '3px 0',
                  cursor: onPick ? 'pointer' : 'default',
                  fontSize: 12,
                }}
              >
                {Number(iso.slice(8))}
              </button>
            </Tooltip>
          );
        })}
      </div>
    </Card>
  );
}

/** Year view of legal working days, and the year's official schedule (lịch nghỉ chính thức). */
export function CalendarPage() {
  const { message } = App.useApp();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [days, setDays] = useState<Map<string, Day> | null>(null);
  const [saved, setSaved] = useState<Schedule | null>(null);
  const [draft, setDraft] = useState<Schedule | null>(null);
  const [mode, setMode] = useState<'off' | 'make-up'>('off');
  const [busy, setBusy] = useState(false);
  const editable = useMayChange('officialCalendar');

  const load = useCallback(async () => {
    setDays(null);
    const [d, s] = await Promise.all([
      api.get<CalendarDays>(`/api/v1/calendar/days?from=${year}-01-01&to=${year}-12-31`),
      api.get<OfficialSchedules>('/api/v1/calendar/official'),
    ]);
    setDays(new Map(d.days.map((x) => [x.date, x])));
    const mine = s.items.find((x) => x.year === year) ?? null;
    setSaved(mine);
    setDraft(null);
  }, [year]);
  useEffect(() => {
    void load();
  }, [load]);

  /** What the grid shows: the saved calendar, or the draft schedule being edited. */
  const shown = useMemo(() => {
    if (!days || !draft) return days;
    const m = new Map<string, Day>();
    for (const [iso, d] of days) {
      const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
      const weekend = wd === 0 || wd === 6;
      if (draft.daysOff.includes(iso))
        m.set(iso, { date: iso, working: false, reason: 'official', name: d.name });
      else if (draft.workingDays.includes(iso))
        m.set(iso, { date: iso, working: true, reason: weekend ? 'make-up' : null, name: null });
      else m.set(iso, { date: iso, working: !weekend, reason: weekend ? 'weekend' : null, name: null });
    }
    return m;
  }, [days, draft]);

  const startDraft = (): Schedule => {
    if (draft) return draft;
    // Start from what the year looks like now: its non-working weekdays become official days off.
    const off = [...(days?.values() ?? [])]
      .filter((d) => d.reason === 'holiday' || d.reason === 'compensatory' || d.reason === 'official')
      .map((d) => d.date);
    const s = saved ?? { year, decision: '', daysOff: off, workingDays: [] };
    const copy = { ...s, daysOff: [...s.daysOff], workingDays: [...s.workingDays] };
    setDraft(copy);
    return copy;
  };

  const pick = (iso: string) => {
    const d = startDraft();
    const toggle = (list: string[]) =>
      list.includes(iso) ? list.filter((x) => x !== iso) : [...list, iso].sort();
    setDraft(
      mode === 'off'
        ? { ...d, daysOff: toggle(d.daysOff), workingDays: d.workingDays.filter((x) => x !== iso) }
        : { ...d, workingDays: toggle(d.workingDays), daysOff: d.daysOff.filter((x) => x !== iso) },
    );
  };

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    try {
      await api.put(`/api/v1/calendar/official/${year}`, {
        decision: draft.decision,
        daysOff: draft.daysOff,
        workingDays: draft.workingDays,
      });
      message.success(`Đã lưu lịch nghỉ chính thức năm ${year}.`);
      await load();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await api.delete(`/api/v1/calendar/official/${year}`);
      message.success(`Năm ${year} trở lại cách tính ngày nghỉ theo luật.`);
      await load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <PageTitle style={{ margin: 0 }}>Lịch làm việc năm {year}</PageTitle>
        <Space>
          <Button icon={<LeftOutlined />} aria-label="Năm trước" onClick={() => setYear((y) => y - 1)} />
          <Button icon={<RightOutlined />} aria-label="Năm sau" onClick={() => setYear((y) => y + 1)} />
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        {Object.entries(COLORS).map(([k, c]) => (
          <Tag key={k} style={{ background: c.bg, color: c.fg, borderColor: '#ccc' }}>
            {c.label}
          </Tag>
        ))}
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        {saved && !draft && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            title={`Năm ${year} áp dụng lịch nghỉ chính thức: ${saved.decision} (${saved.daysOff.length} ngày nghỉ, ${saved.workingDays.length} ngày làm bù).`}
          />
        )}
        {!saved && !draft && (
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            Năm {year} đang tính ngày nghỉ theo Bộ luật Lao động (nghỉ lễ, tết và nghỉ bù mặc định).
            {editable &&
              ' Khi có văn bản thông báo lịch nghỉ chính thức, bấm vào các ngày trên lịch để nhập.'}
          </Typography.Paragraph>
        )}
        {!editable && <ReadOnlyNotice data="officialCalendar" />}
        {editable && (
          <>
            <Space wrap>
              <span>Bấm vào ngày để đánh dấu:</span>
              <Segmented
                value={mode}
                onChange={(v) => setMode(v as 'off' | 'make-up')}
                options={[
                  { label: 'Ngày nghỉ', value: 'off' },
                  { label: 'Ngày làm bù', value: 'make-up' },
                ]}
              />
              {draft && (
                <>
                  <Input
                    aria-label="Văn bản quyết định lịch nghỉ"
                    placeholder="Văn bản, ví dụ: Thông báo số …/TB-BNV ngày …"
                    value={draft.decision}
                    onChange={(e) => setDraft({ ...draft, decision: e.target.value })}
                    style={{ width: 360 }}
                  />
                  <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={save}>
                    Lưu lịch nghỉ chính thức
                  </Button>
                  <Button onClick={() => setDraft(null)}>Hủy thay đổi</Button>
                </>
              )}
              {saved && !draft && (
                <Popconfirm
                  title={`Bỏ lịch chính thức năm ${year}?`}
                  onConfirm={remove}
                  okText="Bỏ"
                  cancelText="Không"
                >
                  <Button danger icon={<DeleteOutlined />} loading={busy}>
                    Bỏ lịch chính thức
                  </Button>
                </Popconfirm>
              )}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              Lưu lịch chính thức sẽ thay thế toàn bộ cách tính mặc định của năm đó; ngày hẹn trả của các hồ
              sơ đang giải quyết được tính lại và ghi vào lịch sử hồ sơ.
            </Typography.Paragraph>
          </>
        )}
      </Card>
      {!shown ? (
        <Spin />
      ) : (
        <Row gutter={[8, 8]}>
          {MONTHS.map((m) => (
            <Col key={m} xs={24} sm={12} md={8} xl={6}>
              <Month year={year} month={m} days={shown} onPick={editable ? pick : undefined} />
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
