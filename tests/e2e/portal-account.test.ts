import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import type { ManualClock } from '../../src/server/clock';
import { BACKENDS, skipUnlessPostgres } from '../support/server';
import { type E2E, it, startE2E } from './harness';

const PHONE = { width: 390, height: 844 };

for (const backend of BACKENDS) {
  describe(`portal account journey on a phone (${backend})`, {
    skip: await skipUnlessPostgres(backend),
  }, () => {
    let e: E2E;
    before(async () => {
      e = await startE2E({}, backend);
    });
    after(() => e?.close());

    /** The newest 6-digit code the development sink holds for a phone number. */
    async function latestCode(phone: string, topic: string): Promise<string> {
      const r = await fetch(`${e.baseUrl}/api/v1/dev/messages?to=${phone}`);
      assert.equal(r.status, 200);
      const { items } = (await r.json()) as { items: { topic: string; text: string }[] };
      const m = /\b(\d{6})\b/.exec(items.find((i) => i.topic === topic)?.text ?? '');
      assert.ok(m, `no ${topic} code for ${phone}`);
      return m[1] as string;
    }

    const submit = (page: Page, name: string) =>
      page.locator('form').getByRole('button', { name, exact: true }).click();

    it('registers, verifies with the code, logs out, resets the password and logs in by phone', async () => {
      const page = await e.newPage({ viewport: PHONE, isMobile: true });

      await page.goto('/dang-nhap');
      await page.getByRole('link', { name: 'Quên mật khẩu?' }).waitFor();
      await page.getByRole('link', { name: 'Đăng ký tài khoản' }).click();
      await page.waitForURL('**/dang-ky');

      // Validation as you type, in Vietnamese.
      await page.getByLabel('Số điện thoại di động').fill('0212 345');
      await page.getByText('Số điện thoại di động không hợp lệ').waitFor();
      await page.getByText('Tổ chức', { exact: true }).click();
      await page.getByLabel('Mã số thuế').fill('0100109107');
      await page.getByText('Mã số thuế không đúng').waitFor();
      await page.getByLabel('Tên tổ chức').waitFor();
      await e.shot(page, 'portal-account-01-register-organisation');
      await page.getByText('Cá nhân', { exact: true }).click();

      await page.getByLabel('Họ và tên').fill('Trần Thị Mai');
      await page.getByLabel('Số điện thoại di động').fill('0987 654 321');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('mai-2026-abc');
      await page.getByLabel('Nhập lại mật khẩu').fill('mai-2026-abx');
      await page.getByText('Mật khẩu nhập lại không khớp.').waitFor();
      await page.getByLabel('Nhập lại mật khẩu').fill('mai-2026-abc');
      await page.getByText('Mật khẩu nhập lại không khớp.').waitFor({ state: 'hidden' });
      await e.shot(page, 'portal-account-02-register-person');
      await submit(page, 'Đăng ký');

      await page.waitForURL('**/xac-thuc?sdt=0987654321');
      await page.getByText('0987•••321').waitFor();
      await page.getByRole('button', { name: /Gửi lại mã \(sau \d+ giây\)/ }).waitFor();
      await e.shot(page, 'portal-account-03-verify');
      const code = await latestCode('0987654321', 'account.verify');
      await page.getByLabel('Mã xác thực').fill(code);
      await submit(page, 'Xác nhận');

      await page.waitForURL('**/tai-khoan');
      await page.getByText('Tài khoản đã được xác thực. Bạn đã đăng nhập.').waitFor();
      await page.getByText('Đã xác thực').waitFor();
      assert.equal(await page.getByLabel('Họ và tên').inputValue(), 'Trần Thị Mai');
      await e.shot(page, 'portal-account-04-profile');
      await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/');

      await page.goto('/dang-nhap');
      await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
      await page.waitForURL('**/quen-mat-khau');
      await page.getByLabel('Số điện thoại di động').fill('0987654321');
      await submit(page, 'Gửi mã');
      await page.getByText('Nếu số điện thoại 0987•••321 đã có tài khoản, mã xác thực đã được gửi').waitFor();
      const reset = await latestCode('0987654321', 'account.reset');
      await page.getByLabel('Mã xác thực').fill(reset);
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mai-moi-2027');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('mai-moi-2027');
      await e.shot(page, 'portal-account-05-reset');
      await submit(page, 'Đặt lại mật khẩu');
      await page.getByText('Đã đặt lại mật khẩu').waitFor();
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

      await page.waitForURL('**/dang-nhap');
      await page.getByLabel('Số điện thoại hoặc tên đăng nhập').fill('+84 987 654 321');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('mai-2026-abc');
      await submit(page, 'Đăng nhập');
      await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
      await page.getByLabel('Mật khẩu', { exact: true }).fill('mai-moi-2027');
      await submit(page, 'Đăng nhập');
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('link', { name: 'Tài khoản', exact: true }).click();
      await page.getByText('0987654321').first().waitFor();
      await e.shot(page, 'portal-account-06-signed-in');
    });

    it('tells the holder of a registered number, by message only, to log in or reset the password', async () => {
      const phone = '0977333444';
      const register = (fullName: string) =>
        fetch(`${e.baseUrl}/api/v1/accounts/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            accountKind: 'person',
            fullName,
            phone,
            password: 'hung-2026-abc',
            confirmPassword: 'hung-2026-abc',
          }),
        });
      assert.equal((await register('Vũ Văn Hùng')).status, 201);
      const v = await fetch(`${e.baseUrl}/api/v1/accounts/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, code: await latestCode(phone, 'account.verify') }),
      });
      assert.equal(v.status, 200);
      (e.server.clock as ManualClock).advance(61_000);

      // Someone registers the number again: the screen is the one every registration gets.
      const page = await e.newPage({ viewport: PHONE, isMobile: true });
      await page.goto('/dang-ky');
      await page.getByLabel('Họ và tên').fill('Vũ Văn Hùng');
      await page.getByLabel('Số điện thoại di động').fill('0977 333 444');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('hung-2027-xyz');
      await page.getByLabel('Nhập lại mật khẩu').fill('hung-2027-xyz');
      await submit(page, 'Đăng ký');
      await page.waitForURL('**/xac-thuc?sdt=0977333444');
      await page.getByText('Tin nhắn đã được gửi tới 0977•••444').waitFor();
      await page.getByText('Nếu số điện thoại này đã có tài khoản, tin nhắn sẽ báo như vậy').waitFor();
      // The development sink shows what the holder's phone received: a notice, not a code.
      await page.getByText('Số điện thoại này đã có tài khoản nên không cần đăng ký').waitFor();
      await e.shot(page, 'portal-account-08-number-taken');
      await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
      await page.waitForURL('**/quen-mat-khau?sdt=0977333444');
      assert.equal(await page.getByLabel('Số điện thoại di động').inputValue(), '0977333444');
      await submit(page, 'Gửi mã');
      await page.getByText('Nếu số điện thoại 0977•••444 đã có tài khoản, mã xác thực đã được gửi').waitFor();
      assert.match(await latestCode(phone, 'account.reset'), /^\d{6}$/);
    });

    it('tells an unverified account how to get a code when it tries to log in', async () => {
      const page = await e.newPage({ viewport: PHONE, isMobile: true });
      const r = await fetch(`${e.baseUrl}/api/v1/accounts/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          accountKind: 'person',
          fullName: 'Phạm Văn Lộc',
          phone: '0977111222',
          password: 'loc-2026-abc',
          confirmPassword: 'loc-2026-abc',
        }),
      });
      assert.equal(r.status, 201);
      await page.goto('/dang-nhap');
      await page.getByLabel('Số điện thoại hoặc tên đăng nhập').fill('0977 111 222');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('loc-2026-abc');
      await submit(page, 'Đăng nhập');
      await page.getByText('Tài khoản chưa được xác thực').waitFor();
      await page.getByRole('link', { name: 'Nhập mã hoặc gửi lại mã' }).click();
      await page.waitForURL('**/xac-thuc?sdt=0977111222');
      await page.getByLabel('Mã xác thực').fill(await latestCode('0977111222', 'account.verify'));
      await submit(page, 'Xác nhận');
      await page.waitForURL('**/tai-khoan');
      await e.shot(page, 'portal-account-07-verified-from-login');
    });
  });
}
