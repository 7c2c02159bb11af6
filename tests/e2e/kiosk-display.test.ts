import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { requiredFor } from '../../src/domain/dossier/intake';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { Client } from '../support/http';
import {
  chooseOption,
  confirmDialog,
  type E2E,
  it,
  seriousA11yViolations,
  signIn,
  startE2E,
} from './harness';

const SAIGON = '000.01.30.H29';

describe('queue kiosk and TV board before the counters open', () => {
  let e: E2E;
  before(async () => {
    // Monday 23 November 2026, 07:20: citizens arrive before the desk opens; every counter is closed.
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T07:20:00+07:00' });
  });
  after(() => e?.close());

  it('issues a ticket while every counter is closed and says plainly that no counter is open yet', async () => {
    const kiosk = await e.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`/kiosk/queue?agency=${SAIGON}&print=0`);
    await kiosk.getByTestId('desk-closed').getByText('Hiện chưa có quầy nào mở.').waitFor();
    await kiosk.getByRole('button', { name: /Hộ tịch.*Chưa có quầy mở/ }).waitFor();
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    await kiosk.getByTestId('ticket-number').getByText('001').waitFor();
    await kiosk
      .getByTestId('no-counter-open')
      .getByText(/chưa có quầy nào mở nhận lĩnh vực này/)
      .waitFor();
    await e.shot(kiosk, 'queue-kiosk-closed-ticket');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
  });

  it('lets the operator assign an unassigned kiosk to an agency, then offers tickets there', async () => {
    const kiosk = await e.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto('/kiosk/queue');
    await kiosk.getByRole('heading', { name: 'Thiết lập kiosk lấy số' }).waitFor();
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await chooseOption(kiosk, kiosk.getByLabel('Cơ quan'), SAIGON, 'Sài Gòn');
    await kiosk.getByRole('button', { name: 'Dùng kiosk này cho cơ quan đã chọn' }).click();
    await kiosk.getByRole('heading', { name: 'Lấy số thứ tự' }).waitFor();
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).waitFor();
    // The device remembers it.
    await kiosk.reload();
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).waitFor();
  });

  it('shows closed counters on the TV board as "Tạm nghỉ" in readable contrast', async () => {
    const board = await e.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`/display/${SAIGON}`);
    await board.getByText('Đang kết nối').waitFor();
    await board.getByTestId('counter-1').getByText('Tạm nghỉ').waitFor();
    await e.shot(board, 'display-closed-counters');
    assert.deepEqual(await seriousA11yViolations(board), []);
  });
});

describe('date pickers in a browser not set to Vietnam time', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00', MOTCUA_SESSION_HOURS: '720' });
  });
  after(() => e?.close());

  it('proposes and records the new appointment of an apology in Vietnam time on a UTC browser', async () => {
    const desk = await new Client(e.server.app).login('tiepnhan', DEMO_PASSWORD);
    const p = await desk.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
      '/api/v1/procedures/1.004194',
    );
    const d = await desk.post<{ id: string }>('/api/v1/dossiers', {
      procedureCode: '1.004194',
      applicant: { kind: 'citizen', fullName: 'Phan Văn Múi Giờ', idNumber: '079085004321' },
      components: p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true })),
    });
    assert.equal(d.status, 201, JSON.stringify(d.body));
    const fwd = await desk.post(`/api/v1/dossiers/${d.body.id}/commands`, { action: 'forward' });
    assert.equal(fwd.status, 200, JSON.stringify(fwd.body));
    const pre = await desk.get<{ proposedAppointmentAt: string }>(`/api/v1/dossiers/${d.body.id}`);
    const proposed = pre.body.proposedAppointmentAt; // e.g. 2026-12-01T09:00:00+07:00
    const shown = `${proposed.slice(11, 16)} ${proposed.slice(0, 10).split('-').reverse().join('/')}`;

    const page = await e.newPage({ timezoneId: 'UTC' });
    await signIn(page, `/desk/ho-so/${d.body.id}`, 'chuyenvien', DEMO_PASSWORD);
    const apologize = page.getByRole('button', { name: 'Xin lỗi, hẹn lại', exact: true });
    await page.getByText('Phan Văn Múi Giờ').first().waitFor();
    if ((await apologize.count()) === 0) await page.getByLabel('Thao tác khác').click();
    await apologize.first().click();
    const picker = page.getByLabel('Ngày giờ hẹn trả mới');
    await picker.waitFor();
    assert.equal(await picker.inputValue(), shown, 'the proposed appointment is shown in Vietnam time');
    await page.getByLabel(/Lý do chậm trễ/).fill('Cần xác minh thông tin với cơ quan khác');
    await confirmDialog(page, 'Xin lỗi, hẹn lại');
    await page.getByText('Xin lỗi và hẹn lại').first().waitFor();
    const v = await desk.get<{ events: { type: string; data: Record<string, unknown> }[] }>(
      `/api/v1/dossiers/${d.body.id}`,
    );
    const apology = v.body.events.find((x) => x.type === 'apologized');
    assert.equal(
      Date.parse(String(apology?.data.newAppointmentAt)),
      Date.parse(proposed),
      'the appointment chosen is the one shown, in Vietnam time',
    );
  });
});
