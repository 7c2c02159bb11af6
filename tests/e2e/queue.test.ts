import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { Client } from '../support/http';
import { chooseOption, type E2E, it, pickProcedure, signIn, startE2E } from './harness';

const SAIGON = '000.01.30.H29';

describe('queue turns at the desk', () => {
  let e: E2E;
  before(async () => {
    // Monday 23 November 2026, 08:00.
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T08:00:00+07:00' });
    // Administration: a second reception officer for Phường Sài Gòn, and counter 1 also takes residence.
    const admin = await new Client(e.server.app).login('quantri', DEMO_PASSWORD);
    const agencies = await admin.get<{ items: { id: string; code: string }[] }>('/api/v1/agencies');
    const saigon = agencies.body.items.find((a) => a.code === SAIGON)!.id;
    const u = await admin.post('/api/v1/users', {
      username: 'tiepnhan2',
      fullName: 'Lê Văn Quầy Hai',
      password: DEMO_PASSWORD,
      roles: ['reception'],
      agencyId: saigon,
    });
    assert.equal(u.status, 201, JSON.stringify(u.body));
    const counters = await admin.get<{ items: { id: string; number: number }[] }>(
      `/api/v1/queue/counters?agency=${saigon}`,
    );
    const one = counters.body.items.find((c) => c.number === 1)!;
    const p = await admin.patch(`/api/v1/queue/counters/${one.id}`, { fieldCodes: ['HT', 'CT', 'CUTRU'] });
    assert.equal(p.status, 200, JSON.stringify(p.body));
  });
  after(() => e?.close());

  it('kiosk tickets, two counters calling at once, the board announcing, and a ticket becoming a dossier', async () => {
    // The TV board, connected before anything happens.
    const board = await e.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`/display/${SAIGON}`);
    await board.getByText('Đang kết nối').waitFor();

    // The kiosk: an ordinary ticket, then a priority one.
    const kiosk = await e.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`/kiosk/queue?agency=${SAIGON}&print=0`);
    await kiosk.getByRole('button', { name: /Đăng ký, quản lý cư trú/ }).click();
    await kiosk.getByTestId('ticket-number').getByText('001').waitFor();
    await kiosk.getByTestId('people-ahead').getByText('Số người đang chờ trước bạn: 0').waitFor();
    await kiosk.getByRole('img', { name: /Mã QR: .*\/hang-doi\// }).waitFor();
    await e.shot(kiosk, 'queue-kiosk-ticket');
    await kiosk.getByRole('button', { name: 'Xong' }).click();
    await kiosk.getByLabel('Ưu tiên').click();
    await kiosk.getByRole('button', { name: /Đăng ký, quản lý cư trú/ }).click();
    await kiosk.getByTestId('ticket-number').getByText('002').waitFor();
    await kiosk.getByText('ƯU TIÊN').waitFor();

    // Two officers open their counters.
    const officers = [] as Awaited<ReturnType<E2E['newPage']>>[];
    for (const [username, n] of [
      ['tiepnhan', 1],
      ['tiepnhan2', 2],
    ] as const) {
      const page = await e.newPage();
      await signIn(page, '/desk/quay', username, DEMO_PASSWORD);
      await page.getByRole('button', { name: `Mở quầy số ${n}` }).click();
      await page.getByRole('button', { name: 'Gọi số tiếp theo' }).waitFor();
      officers.push(page);
    }
    // …and call the next ticket at the same moment.
    await Promise.all(officers.map((p) => p.getByRole('button', { name: 'Gọi số tiếp theo' }).click()));
    const labels = await Promise.all(
      officers.map(async (p) => {
        await p.getByTestId('current-ticket').waitFor();
        return (await p.getByTestId('current-ticket').textContent())?.trim();
      }),
    );
    assert.deepEqual([...labels].sort(), ['001', '002'], 'each counter got a different ticket');

    // The board shows both calls, the priority ticket called first, and says the latest one.
    const calls = board.getByTestId('last-calls');
    await calls.getByText('001').waitFor();
    await calls.getByText('002').waitFor();
    const order = await calls.locator('li b').allTextContents();
    assert.deepEqual(
      order,
      ['001', '002'],
      'the priority ticket 002 was called first (listed below the later call)',
    );
    await board
      .getByTestId('announcement')
      .getByText(/Mời số 1 đến quầy số [12]/)
      .waitFor();
    for (const [i, p] of officers.entries()) {
      await board
        .getByTestId(`counter-${i + 1}`)
        .getByText(labels[i]!)
        .waitFor();
      void p;
    }
    await e.shot(board, 'queue-display');

    // The officer serving ticket 001 receives a residence dossier from it.
    const who = labels.indexOf('001');
    const desk = officers[who]!;
    await e.shot(desk, 'queue-counter');
    await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await desk.getByText('Số thứ tự 001 — lĩnh vực Đăng ký, quản lý cư trú').waitFor();
    await pickProcedure(desk, 'dang ky tam tru', '1.004194');
    for (const box of await desk.locator('.ant-checkbox-wrapper', { hasText: 'bắt buộc' }).all())
      await box.click();
    await desk.getByRole('textbox', { name: /^Họ và tên/ }).fill('Phạm Văn Khoa');
    await desk.getByRole('textbox', { name: /^Điện thoại/ }).fill('0909123456');
    await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await desk.getByText('Đã tiếp nhận hồ sơ 000.01.30.H29-261123-0001').waitFor();

    // Back at the counter, the ticket carries the dossier code.
    await desk.goto('/desk/quay');
    await desk.getByText('000.01.30.H29-261123-0001').waitFor();
    await desk.getByText('Đang phục vụ', { exact: true }).first().waitFor();

    // The day's tickets feed the desk's statistics.
    await desk.goto('/desk/thong-ke');
    await desk.getByRole('tab', { name: 'Xếp hàng tại quầy' }).click();
    await desk.getByText('Số lượt lấy số').waitFor();
    await desk.getByRole('cell', { name: 'Đăng ký, quản lý cư trú' }).first().waitFor();
  });
  it('books a slot on a phone, checks in at the kiosk with the booking code and follows the ticket', async () => {
    const phone = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto('/dat-lich');
    await chooseOption(phone, phone.getByLabel('Cơ quan'), 'Ủy ban nhân dân Phường Sài Gòn');
    await chooseOption(phone, phone.getByLabel('Lĩnh vực'), 'Hộ tịch');
    await phone.getByRole('button', { name: /^09:00 ngày 23\/11\/2026/ }).click();
    await phone.getByRole('textbox', { name: 'Họ và tên' }).fill('Trần Thị Hẹn');
    await phone.getByRole('textbox', { name: 'Điện thoại' }).fill('0912345678');
    await phone.getByRole('button', { name: 'Đặt lịch hẹn' }).click();
    await phone.getByText('Đã đặt lịch hẹn').waitFor();
    const code = (await phone.getByRole('heading', { name: /Phiếu hẹn LH-/ }).textContent())!
      .replace('Phiếu hẹn ', '')
      .trim();
    await phone.getByRole('img', { name: `Mã QR: ${code}` }).waitFor();
    await e.shot(phone, 'queue-booking');

    const kiosk = await e.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`/kiosk/queue?agency=${SAIGON}&print=0`);
    await kiosk.getByRole('button', { name: /Tôi đã đặt lịch hẹn/ }).click();
    await kiosk.getByLabel('Mã lịch hẹn').fill(code.toLowerCase());
    await kiosk.getByLabel('Mã lịch hẹn').press('Enter');
    await kiosk.getByText('THEO LỊCH HẸN 09:00').waitFor();
    const qr = await kiosk.getByRole('img', { name: /Mã QR: / }).getAttribute('alt');
    const follow = new URL(qr!.replace('Mã QR: ', '')).pathname;

    await phone.goto(follow);
    await phone.getByText('Hộ tịch').waitFor();
    await phone.getByText(/Còn \d+ người trước bạn/).waitFor();
    await e.shot(phone, 'queue-follow');
  });
});
