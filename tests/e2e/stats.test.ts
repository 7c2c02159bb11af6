import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { seedHistory } from '../../src/server/modules/stats/history';
import { Client } from '../support/http';
import { type E2E, it, signIn, startE2E } from './harness';

describe('statistics screens', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
    const now = e.server.clock.now();
    await seedHistory(e.server.database, await e.server.app.calendar.forOfficeHours(), {
      dossiers: 250,
      years: 1,
      now,
      seed: 7,
    });
  });
  after(() => e?.close());

  it('shows a leader the dashboard, the report whose numbers open their dossiers, and the 766 scorecard with formulas', async () => {
    const page = await e.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, '/desk/thong-ke', 'lanhdao', DEMO_PASSWORD);
    await page.getByText('Tiếp nhận và giải quyết theo tháng').waitFor();
    await page.getByRole('img', { name: 'Biểu đồ tiếp nhận và giải quyết theo tháng' }).waitFor();
    await e.shot(page, 'stats-dashboard');

    await page.getByRole('tab', { name: 'Báo cáo giải quyết hồ sơ' }).click();
    await page.getByText('Bấm vào một con số để xem danh sách hồ sơ.').waitFor();
    // The total of "Đúng hạn": click it and count the dossiers listed.
    const onTime = page.getByRole('button', { name: /^Đúng hạn — tổng cộng: \d+ hồ sơ$/ });
    const n = Number(((await onTime.getAttribute('aria-label')) ?? '').replace(/\D/g, ''));
    assert.ok(n > 0, 'some dossiers were resolved on time');
    await onTime.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Đúng hạn — tổng cộng').waitFor();
    await drawer.locator('tbody tr.ant-table-row').first().waitFor();
    const rows = await drawer.locator('tbody tr.ant-table-row').count();
    assert.equal(rows, Math.min(20, n));
    await e.shot(page, 'stats-report-drilldown');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Bộ chỉ số 766' }).click();
    await page.getByText(/Tổng điểm/).waitFor();
    await page.getByRole('cell', { name: 'Hồ sơ xử lý trước hạn, đúng hạn' }).click();
    await page.getByText('Công thức', { exact: true }).waitFor();
    await page
      .getByText(/hồ sơ phải giải quyết trong kỳ/)
      .first()
      .waitFor();
    await e.shot(page, 'stats-scorecard-2.1');
  });

  it('publishes each agency’s results on the portal without login, on a phone', async () => {
    const page = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    // A ward set up this week: no dossier yet.
    const admin = await new Client(e.server.app).login('quantri', DEMO_PASSWORD);
    const agencies = await admin.get<{ items: { id: string; level: string }[] }>('/api/v1/agencies');
    const city = agencies.body.items.find((a) => a.level === 'province')!;
    const created = await admin.post('/api/v1/agencies', {
      parentId: city.id,
      code: '000.04.30.H29',
      name: 'Ủy ban nhân dân Phường Tân Định',
      level: 'commune',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await page.goto('/minh-bach');
    await page.getByRole('heading', { name: 'Công khai kết quả giải quyết hồ sơ' }).waitFor();
    await page.getByText('Ủy ban nhân dân Phường Sài Gòn').first().waitFor();
    await page.getByText('Điểm 766').first().waitFor();
    // An agency with no dossier in the period shows "no data", not a score beside an empty bar (issue 25);
    // the city's card says that it adds up its wards.
    const quiet = page.locator('.ant-card', { hasText: 'Ủy ban nhân dân Phường Tân Định' });
    await quiet.getByText('chưa có số liệu để đánh giá', { exact: false }).waitFor();
    assert.equal(await quiet.getByText('Điểm 766').count(), 0);
    const cityCard = page.locator('.ant-card', { hasText: 'Ủy ban nhân dân Thành phố Hồ Chí Minh' });
    await cityCard.getByText(/Cộng cả \d+ đơn vị trực thuộc/).waitFor();
    await e.shot(page, 'portal-transparency');
  });
});
