import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { requiredFor } from '../../src/domain/dossier/intake';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type E2E, it, signIn, startE2E } from './harness';

const day = (page: Page, iso: string) => page.locator(`button[data-date="${iso}"]`);

describe('legal working time in the browser', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-20T09:00:00+07:00' });
  });
  after(() => e?.close());

  it('lets an administrator enter the 2025 official Tết schedule on the year view', async () => {
    const page = await e.newPage();
    await page.goto('/admin/lich-lam-viec');
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const current = new Date().getFullYear();
    for (let y = current; y > 2025; y--) await page.getByRole('button', { name: 'Năm trước' }).click();
    await page.getByRole('heading', { name: 'Lịch làm việc năm 2025' }).waitFor();
    // Statutory placement before the schedule: Tết 28 Jan – 1 Feb, compensatory Monday 3 Feb.
    assert.equal(await day(page, '2025-01-29').getAttribute('data-reason'), 'holiday');
    assert.equal(await day(page, '2025-02-03').getAttribute('data-reason'), 'compensatory');
    await e.shot(page, 'calendar-2025-statutory');

    for (const d of ['2025-01-25', '2025-01-26', '2025-01-27', '2025-02-02', '2025-02-03'])
      await day(page, d).click();
    await page.getByText('Ngày làm bù', { exact: true }).click();
    await day(page, '2025-02-08').click();
    await page.getByLabel('Văn bản quyết định lịch nghỉ').fill('Lịch nghỉ Tết Ất Tỵ 2025');
    await page.getByRole('button', { name: 'Lưu lịch nghỉ chính thức' }).click();
    await page.getByText('Năm 2025 áp dụng lịch nghỉ chính thức', { exact: false }).waitFor();
    assert.equal(await day(page, '2025-01-27').getAttribute('data-reason'), 'official');
    assert.equal(await day(page, '2025-02-03').getAttribute('data-reason'), 'working');
    assert.equal(await day(page, '2025-02-08').getAttribute('data-reason'), 'make-up');
    await e.shot(page, 'calendar-2025-official');

    const due = await page.request.get(
      '/api/v1/calendar/due?acceptedAt=2025-01-24T09:00:00%2B07:00&amount=1&unit=working-days',
    );
    assert.deepEqual(await due.json(), { dueAt: '2025-02-03T09:00:00+07:00' });
  });

  it('re-times an open dossier when the year’s official schedule changes, as the citizen sees it', async () => {
    // A reception officer accepts a one-working-day dossier on Friday 20 November 2026 at 09:00.
    const desk = await e.newPage();
    await desk.goto('/desk');
    await desk.getByLabel('Tên đăng nhập').fill('tiepnhan');
    await desk.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await desk.getByRole('button', { name: 'Đăng nhập' }).click();
    await desk.getByText('Nguyễn Thị Lan').first().waitFor();
    const proc = await (await desk.request.get('/api/v1/procedures/1.004859')).json();
    const components = proc.components
      .filter((c: { required: boolean; condition: string | null }) => requiredFor(c, 'counter'))
      .map((c: { name: string }) => ({ name: c.name, received: true }));
    const created = await desk.request.post('/api/v1/dossiers', {
      data: {
        procedureCode: '1.004859',
        applicant: { kind: 'citizen', fullName: 'Trần Văn Bình' },
        components,
      },
    });
    assert.equal(created.status(), 201, await created.text());
    const { code, dueAt } = await created.json();
    assert.equal(dueAt, '2026-11-23T09:00:00+07:00');

    const citizen = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await citizen.goto(`/tra-cuu/${code}`);
    await citizen.getByText('09:00 ngày 23/11/2026').waitFor();
    await citizen.getByText('T*** V** B***').waitFor();

    // The administrator enters the 2026 official schedule with Monday 23 November as a day off.
    const admin = await e.newPage();
    await admin.goto('/admin/lich-lam-viec');
    await admin.getByLabel('Tên đăng nhập').fill('quantri');
    await admin.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await admin.getByRole('button', { name: 'Đăng nhập' }).click();
    await admin.getByRole('heading', { name: 'Lịch làm việc năm 2026' }).waitFor();
    await day(admin, '2026-11-23').click();
    await admin.getByLabel('Văn bản quyết định lịch nghỉ').fill('Lịch nghỉ năm 2026 (thử nghiệm)');
    await admin.getByRole('button', { name: 'Lưu lịch nghỉ chính thức' }).click();
    await admin.getByText('Năm 2026 áp dụng lịch nghỉ chính thức', { exact: false }).waitFor();
    assert.equal(await day(admin, '2026-11-23').getAttribute('data-reason'), 'official');

    // 23 and 24 November are now off: the dossier is due on Wednesday 25th, and its history says why.
    await citizen.reload();
    await citizen.getByText('09:00 ngày 25/11/2026').waitFor();
    await e.shot(citizen, 'track-retimed');
    const list = await (await desk.request.get(`/api/v1/dossiers?q=${code}`)).json();
    const view = await (await desk.request.get(`/api/v1/dossiers/${list.items[0].id}`)).json();
    assert.deepEqual(
      view.events.map((ev: { type: string }) => ev.type),
      ['submitted', 'accepted', 'retimed'],
    );
  });

  it('lets an administrator set a ward’s same-day cut-off with its office hours', async () => {
    const admin = await e.newPage();
    await signIn(admin, '/admin/co-quan', 'quantri', DEMO_PASSWORD);
    const row = admin.locator('.ant-table-row', { hasText: '000.01.30.H29' });
    await row.getByRole('button', { name: 'Sửa' }).click();
    const cutoff = admin.getByLabel('Giờ chốt nhận hồ sơ giải quyết trong ngày');
    await cutoff.fill('17:30');
    await admin.getByRole('button', { name: 'Lưu' }).click();
    // Outside the working day: refused on the field, nothing saved.
    await admin
      .getByText('Giờ chốt nhận hồ sơ trong ngày phải nằm trong giờ làm việc', { exact: false })
      .waitFor();
    await cutoff.fill('16:00');
    await admin.getByRole('button', { name: 'Lưu' }).click();
    await row.getByText('chốt trong ngày 16:00').waitFor();
    await e.shot(admin, 'admin-agency-cutoff');
    const due = await admin.request.get(
      '/api/v1/calendar/due?acceptedAt=2026-11-26T15:30:00%2B07:00&amount=0&unit=working-days&agency=000.01.30.H29',
    );
    // Thursday 26 November 2026, 15:30: before the ward's 16:00 cut-off, so due the same day.
    assert.deepEqual(await due.json(), { dueAt: '2026-11-26T17:00:00+07:00' });
  });
});
