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
    // 20 s without a touch (not 3: a loaded machine took longer than that between two taps).
    await page.goto('/kiosk/lookup?idle=20');
    await page.getByText('Hộ tịch', { exact: true }).click();
    await page.getByText('Thủ tục đăng ký khai sinh', { exact: true }).click();
    await page.getByText('Trong ngày').first().waitFor();
    await e.shot(page, 'kiosk-procedure');
    // Nobody touches it: back to the start page.
    await page.getByText('Chọn lĩnh vực').waitFor();
  });
});
