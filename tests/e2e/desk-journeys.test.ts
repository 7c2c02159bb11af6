import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { requiredFor } from '../../src/domain/dossier/intake';
import type { ManualClock } from '../../src/server/clock';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { Client } from '../support/http';
import { chooseOption, confirmDialog, type E2E, it, startE2E } from './harness';

describe('supplements and late dossiers at the desk', () => {
  let e: E2E;
  let api: Client;
  const setNow = (iso: string) => (e.server.clock as ManualClock).set(new Date(iso));

  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00', MOTCUA_SESSION_HOURS: '720' });
    api = await new Client(e.server.app).login('tiepnhan', DEMO_PASSWORD);
  });
  after(() => e?.close());

  /** A dossier received and handed to the specialists through the API (the reception screen has its own test). */
  const receiveAndForward = async (fullName: string) => {
    const p = await api.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
      '/api/v1/procedures/1.004194',
    );
    const d = await api.post<{ id: string }>('/api/v1/dossiers', {
      procedureCode: '1.004194',
      applicant: { kind: 'citizen', fullName, idNumber: '079085004321' },
      components: p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true })),
    });
    assert.equal(d.status, 201);
    assert.equal(
      (await api.post(`/api/v1/dossiers/${d.body.id}/commands`, { action: 'forward' })).status,
      200,
    );
    return d.body.id;
  };

  const login = async (username: string, path: string): Promise<Page> => {
    const page = await e.newPage();
    await page.goto(path);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    return page;
  };
  const act = async (page: Page, name: string, fill?: () => Promise<void>) => {
    await page.getByRole('button', { name, exact: true }).first().click();
    await fill?.();
    await confirmDialog(page, name);
  };

  it('asks for a supplement during appraisal, pauses the clock, and resumes when the desk receives it', async () => {
    setNow('2026-11-23T09:00:00+07:00');
    const id = await receiveAndForward('Hoàng Thị Yến');
    setNow('2026-11-25T10:00:00+07:00');
    const specialist = await login('chuyenvien', `/desk/ho-so/${id}`);
    await act(specialist, 'Yêu cầu bổ sung', async () => {
      await specialist
        .getByLabel(/Giấy tờ cần bổ sung/)
        .fill('Hợp đồng thuê nhà còn hiệu lực (bản sao có chứng thực)');
      await specialist.getByLabel('Lý do').fill('Hợp đồng thuê nhà đã hết hạn');
    });
    await specialist.getByText('Đang tạm dừng tính thời gian').waitFor();
    await specialist.getByText('Cần bổ sung: Hợp đồng thuê nhà còn hiệu lực').waitFor();
    await e.shot(specialist, 'desk-supplement-requested');

    setNow('2026-11-30T14:00:00+07:00');
    const desk = await login('tiepnhan', '/desk/xu-ly?list=supplement');
    await desk.getByRole('cell', { name: 'Hoàng Thị Yến' }).click();
    await act(desk, 'Nhận hồ sơ bổ sung', async () => {
      await desk
        .getByRole('checkbox', { name: 'Hợp đồng thuê nhà còn hiệu lực (bản sao có chứng thực)' })
        .check();
    });
    await desk.getByText('Đang xử lý').first().waitFor();
    // Restarted: 3 working days from Monday 30/11 14:00.
    await desk.getByText('14:00 03/12/2026').first().waitFor();
    await e.shot(desk, 'desk-supplement-received');
  });

  it('shows an overdue dossier in red and lets the agency apologise with a new appointment', async () => {
    setNow('2026-11-23T09:00:00+07:00');
    const id = await receiveAndForward('Đinh Công Tráng');
    // Due Friday 27/11 09:00; on Friday afternoon it is overdue.
    setNow('2026-11-27T14:00:00+07:00');
    const specialist = await login('chuyenvien', '/desk/xu-ly?list=overdue');
    const row = specialist.getByRole('row', { name: /Đinh Công Tráng/ });
    await row.getByText('Quá hạn').waitFor();
    const color = await row
      .locator('.ant-tag')
      .last()
      .evaluate((el) => getComputedStyle(el).color);
    // Red hue (dark enough to read: WCAG AA contrast on the tag's light red background).
    const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    assert.ok(r > 100 && r > 4 * g && r > 4 * b, `the overdue tag is red (${color})`);
    await e.shot(specialist, 'desk-overdue');
    // The desk's home warns of it, with the tab's count, and leads to the list.
    const home = await login('chuyenvien', '/desk');
    await home.getByRole('link', { name: /^\d+ hồ sơ đã quá hạn giải quyết\.$/ }).click();
    await home.getByRole('row', { name: /Đinh Công Tráng/ }).waitFor();
    await home.close();
    const pre = await api.get<{ proposedAppointmentAt: string }>(`/api/v1/dossiers/${id}`);
    assert.equal(pre.body.proposedAppointmentAt, '2026-12-02T14:00:00+07:00', 'three working days after now');
    await row.getByText('Đinh Công Tráng').click();
    await act(specialist, 'Xin lỗi, hẹn lại', async () => {
      await specialist.getByLabel(/Lý do chậm trễ/).fill('Cần xác minh nơi cư trú với Công an phường');
    });
    await specialist.getByText('Xin lỗi và hẹn lại').first().waitFor();
    await specialist.getByText(/đã hẹn lại/).waitFor();
    await e.shot(specialist, 'desk-apology');
    const v = await api.get<{ id: string; events: { type: string; data: Record<string, unknown> }[] }>(
      `/api/v1/dossiers/${id}`,
    );
    const apology = v.body.events.find((x) => x.type === 'apologized');
    assert.equal(apology?.data.timely, false, 'issued after the due date: recorded as late');
  });

  it('returns a result by post and prints the day’s hand-over record for the postal worker', async () => {
    setNow('2026-11-30T09:00:00+07:00');
    const id = await receiveAndForward('Hồ Thị Bưu');
    const specialist = await new Client(e.server.app).login('chuyenvien', DEMO_PASSWORD);
    const leader = await new Client(e.server.app).login('lanhdao', DEMO_PASSWORD);
    for (const [c, body] of [
      [specialist, { action: 'claim' }],
      [specialist, { action: 'forward', note: 'Đủ điều kiện' }],
      [leader, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' }],
    ] as const) {
      const r = await c.post(`/api/v1/dossiers/${id}/commands`, body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    // After the appointment (Thursday 3 December, 09:00): no early-return notice needed.
    setNow('2026-12-03T10:00:00+07:00');
    const desk = await login('tiepnhan', `/desk/ho-so/${id}`);
    await act(desk, 'Trả kết quả', async () => {
      await chooseOption(desk, desk.getByLabel('Hình thức trả'), 'Qua dịch vụ bưu chính công ích');
      await desk.getByLabel('Số hiệu bưu gửi').fill('EL987654321VN');
      await desk.getByLabel('Địa chỉ phát').fill('8 Đồng Khởi, Phường Sài Gòn, Thành phố Hồ Chí Minh');
      await desk.getByLabel(/Nhân viên bưu chính/).fill('Lê Văn Phát');
    });
    await desk.getByText('Đã trả kết quả').first().waitFor();
    await desk.goto('/desk/giao-buu-chinh');
    await desk.getByText('Nhân viên bưu chính: Lê Văn Phát').waitFor();
    await desk.getByRole('cell', { name: 'EL987654321VN' }).waitFor();
    await desk.getByRole('cell', { name: '10:00 03/12/2026' }).waitFor();
    assert.notEqual(
      await desk.getByRole('link', { name: /In biên bản giao nhận/ }).getAttribute('aria-disabled'),
      'true',
      'the record can be printed once a result was handed over',
    );
    await e.shot(desk, 'desk-postal-handover');
    const pdf = await desk.request.get('/api/v1/dossiers/postal-handover.pdf?date=2026-12-03');
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
  });
});
