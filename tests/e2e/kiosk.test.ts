import { after, before, describe } from 'node:test';
import { type E2E, it, startE2E } from './harness';

describe('lookup kiosk', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.close());

  it('lets a citizen find a procedure by touch without logging in, then returns to the start when left alone', async () => {
    const page = await e.newPage({ viewport: { width: 1920, height: 1080 } });
    // The page's clock is the test's: 20 s without a touch pass when the test says so, not while a loaded
    // machine takes its time between two taps (at ?idle=3 it went back to the start under the test's finger).
    await page.clock.install();
    await page.goto('/kiosk/lookup?idle=20');
    await page.getByText('Hộ tịch', { exact: true }).click();
    await page.getByText('Thủ tục đăng ký khai sinh', { exact: true }).click();
    await page.getByText('Trong ngày').first().waitFor();
    await e.shot(page, 'kiosk-procedure');
    // Nobody touches it for 20 s: back to the start page.
    await page.clock.fastForward(21_000);
    await page.getByText('Chọn lĩnh vực').waitFor();
  });
});
