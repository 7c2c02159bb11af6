import { startE2E, signIn, chooseOption } from './tests/e2e/harness';
import { phoneJourney } from './tests/e2e/timed-journeys';
import { DEMO_PASSWORD } from './src/server/db/seed/demo-data';
const e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00' });
try {
  // phone: the e-form step after the self-fill
  const p = await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await p.goto('/dang-nhap');
  await p.getByLabel(/tên đăng nhập/i).fill('congdan');
  await p.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await p.locator('form').getByRole('button', { name: 'Đăng nhập' }).click();
  await p.waitForTimeout(1500);
  await p.goto('/thu-tuc/1.004873/nop');
  await p.getByRole('radio', { name: 'Ủy ban nhân dân Phường Sài Gòn' }).check();
  await p.getByRole('button', { name: 'Tiếp tục' }).click();
  await p.getByLabel('Số định danh cá nhân').fill('079190000123');
  await p.getByRole('button', { name: 'Tiếp tục' }).click();
  await p.getByText('Bước 3/6: Tờ khai').waitFor();
  await p.screenshot({ path: '/tmp/m/eform-before.png' });
  await p.getByRole('button', { name: /Tôi xin cấp cho chính mình/ }).click();
  await p.waitForTimeout(500);
  await p.screenshot({ path: '/tmp/m/eform-after.png', fullPage: true });
  // admin e-form editor
  const a = await e.newPage({ viewport: { width: 1366, height: 900 } });
  await signIn(a, '/admin/thu-tuc', 'quantri', DEMO_PASSWORD);
  await a.waitForTimeout(2000);
  await a.screenshot({ path: '/tmp/m/admin-list.png' });
} finally { await e.close(); }
