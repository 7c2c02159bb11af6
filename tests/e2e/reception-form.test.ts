import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type E2E, it, pickProcedure, signIn, startE2E } from './harness';

/**
 * Enter in a field of the reception form submitted the whole form (issue 25, item 6): a dossier was accepted with
 * no phone and no document ticked when the officer pressed Enter after typing the date of birth. Accepting is a
 * deliberate click; Enter in a field never sends the form.
 */
describe('the counter’s reception form', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00' });
  });
  after(() => e?.close());

  it('does not send the dossier when Enter is pressed in a field, only on “Tiếp nhận hồ sơ”', async () => {
    const page = await e.newPage();
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/dossiers') posted.push(r.url());
    });
    await signIn(page, '/desk/tiep-nhan', 'tiepnhan', DEMO_PASSWORD);
    await pickProcedure(page, 'dang ky tam tru', '1.004194');
    await page.getByText('Thời hạn: 03 ngày làm việc').waitFor();
    await page.getByRole('textbox', { name: /^Họ và tên/ }).fill('Lê Thị Nhấn');
    await page.getByRole('textbox', { name: /^Họ và tên/ }).press('Enter');
    const birth = page.getByRole('textbox', { name: /^Ngày sinh/ });
    await birth.click();
    await birth.fill('01/01/1990');
    await birth.press('Enter');
    await page.getByRole('textbox', { name: /^Điện thoại/ }).fill('0909123457');
    await page.getByRole('textbox', { name: /^Điện thoại/ }).press('Enter');
    // A request the page does send after those keys (the returning-applicant lookup when the ID number field is
    // left): had Enter sent the form, its request would have left before this one.
    const lookup = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/applicants/lookup');
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill('079190004455');
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).press('Tab');
    await lookup;
    assert.deepEqual(posted, [], 'Enter sent the reception form');
    assert.equal(await page.getByText(/Đã tiếp nhận hồ sơ/).count(), 0);
    assert.equal(await birth.inputValue(), '01/01/1990');

    for (const box of await page.locator('.ant-checkbox-wrapper', { hasText: 'bắt buộc' }).all())
      await box.click();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText(/Đã tiếp nhận hồ sơ 000\.01\.30\.H29-261123-\d{4}/).waitFor();
    assert.equal(posted.length, 1);
  });

  it('keeps no birth date in the future and refuses an ID number that disagrees with the birth year', async () => {
    const page = await e.newPage();
    await signIn(page, '/desk/tiep-nhan', 'tiepnhan', DEMO_PASSWORD);
    await pickProcedure(page, 'dang ky tam tru', '1.004194');
    await page.getByText('Thời hạn: 03 ngày làm việc').waitFor();
    await page.getByRole('textbox', { name: /^Họ và tên/ }).fill('Trần Văn Sai');
    const birth = page.getByRole('textbox', { name: /^Ngày sinh/ });
    // A date after today cannot be chosen or typed (20/05/2031 was stored before).
    await birth.click();
    await birth.fill('20/05/2031');
    await birth.press('Tab');
    await page.getByRole('textbox', { name: /^Điện thoại/ }).click();
    assert.equal(await birth.inputValue(), '');
    // Year 1991, but the ID number says 1990 (its 5th and 6th digits): the desk is told before anything is stored.
    await birth.click();
    await birth.fill('01/01/1991');
    await birth.press('Enter');
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill('079190004466');
    for (const box of await page.locator('.ant-checkbox-wrapper', { hasText: 'bắt buộc' }).all())
      await box.click();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Số định danh cá nhân không khớp với năm sinh', { exact: false }).waitFor();
    assert.equal(await page.getByText(/Đã tiếp nhận hồ sơ/).count(), 0);
  });

  it('fills the declaration of an applicant who asks for their own certificate with one click', async () => {
    const page = await e.newPage();
    await signIn(page, '/desk/tiep-nhan', 'tiepnhan', DEMO_PASSWORD);
    await pickProcedure(page, 'tinh trang hon nhan', '1.004873');
    await page.getByRole('textbox', { name: /^Họ và tên/ }).fill('Lương Thị Tự');
    const birth = page.getByRole('textbox', { name: /^Ngày sinh/ });
    await birth.click();
    await birth.fill('01/01/1990');
    await birth.press('Enter');
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill('079190004477');
    await page.getByRole('switch', { name: 'Công dân không viết' }).click();
    // The requester's part took the applicant at once; the part about the person the paper is for waits for
    // the officer's word that it is the applicant's own (the same form serves a request for someone else).
    await page.locator('#formData_nguoiYeuCauHoTen').waitFor();
    assert.equal(await page.locator('#formData_hoTen').inputValue(), '');
    await page.getByRole('button', { name: /Người nộp xin cấp cho chính mình/ }).click();
    await page.getByText('Đã điền thông tin người nộp vào tờ khai', { exact: false }).waitFor();
    assert.equal(await page.locator('#formData_hoTen').inputValue(), 'Lương Thị Tự');
    assert.equal(await page.locator('#formData_soDinhDanh').inputValue(), '079190004477');
    assert.equal(await page.locator('#formData_quanHe').inputValue(), 'Bản thân');
    assert.equal(await page.locator('#formData_ngaySinh').inputValue(), '01/01/1990');
  });
});
