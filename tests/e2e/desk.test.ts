import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { pdfFile } from '../support/files';
import {
  ARTIFACTS,
  chooseOption,
  confirmDialog,
  type E2E,
  it,
  pickProcedure,
  signIn,
  startE2E,
} from './harness';

describe('reception at the desk', () => {
  let e: E2E;
  let dossierUrl = '';
  before(async () => {
    // Friday 20 November 2026, 15:00.
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-20T15:00:00+07:00' });
  });
  after(() => e?.close());

  it('receives a complete dossier at the counter and shows why it is due on the 26th', async () => {
    const page = await e.newPage();
    await signIn(page, '/desk/tiep-nhan', 'tiepnhan', DEMO_PASSWORD);
    await pickProcedure(page, 'dang ky tam tru', '1.004194');
    await page.getByText('Thời hạn: 03 ngày làm việc').waitFor();
    // Tick every component that is required in all cases.
    for (const box of await page.locator('.ant-checkbox-wrapper', { hasText: 'bắt buộc' }).all())
      await box.click();
    // A handheld scanner types the CCCD QR string and Enter into the scan field.
    await page
      .getByLabel('Mã QR căn cước')
      .fill('079090001234|025111222|Phạm Văn Khoa|01011990|Nam|45 Nguyễn Huệ, Phường Sài Gòn|01072021');
    await page.getByLabel('Mã QR căn cước').press('Enter');
    await page.getByRole('textbox', { name: /^Họ và tên/ }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: /^Họ và tên/ }).inputValue(), 'Phạm Văn Khoa');
    assert.equal(
      await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).inputValue(),
      '079090001234',
    );
    await page.getByRole('textbox', { name: /^Điện thoại/ }).fill('0909123456');
    await e.shot(page, 'desk-reception');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Đã tiếp nhận hồ sơ 000.01.30.H29-261120-0001').waitFor();
    await page.getByText('Hẹn trả kết quả: 15:00 ngày 26/11/2026').waitFor();
    // The receipt and appointment slip (Mẫu 01) prints in one click: it is a real PDF.
    const print = page.getByRole('link', { name: /In giấy tiếp nhận và hẹn trả/ });
    const href = await print.getAttribute('href');
    const slip = await page.request.get(href!);
    assert.equal(slip.headers()['content-type'], 'application/pdf');
    const bytes = await slip.body();
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'desk-receipt.pdf'), bytes);
    // Scans dropped on the confirmation screen are attached to the new dossier.
    await page.locator('.ant-upload-drag input[type=file]').setInputFiles({
      name: 'to-khai-ct01.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('Tờ khai CT01'),
    });
    await page.locator('.ant-upload-list-item-done', { hasText: 'to-khai-ct01.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Xem hồ sơ' }).click();
    await page.getByText('Vì sao hẹn trả ngày này?').waitFor();
    await page.getByText('Ngày Văn hóa Việt Nam', { exact: false }).first().waitFor();
    await page.getByText('Hẹn trả: 15:00 26/11/2026').waitFor();
    await page.getByRole('link', { name: 'to-khai-ct01.pdf' }).waitFor();
    // The link opens the scan in the browser's PDF viewer: inline, as a PDF the browser may not second-guess.
    const scanUrl = await page.getByRole('link', { name: 'to-khai-ct01.pdf' }).getAttribute('href');
    const scan = await page.request.get(scanUrl!);
    assert.equal(scan.headers()['content-type'], 'application/pdf');
    assert.equal(scan.headers()['x-content-type-options'], 'nosniff');
    assert.match(scan.headers()['content-disposition']!, /^inline; filename="to-khai-ct01.pdf"/);
    await e.shot(page, 'desk-dossier');
    // The desk hands the dossier to the specialists.
    await page.getByRole('button', { name: 'Chuyển bước tiếp' }).click();
    await confirmDialog(page, 'Chuyển bước tiếp');
    await page.getByText('Đang ở: Ủy ban nhân dân Phường Sài Gòn').waitFor();
    await page.locator('.ant-timeline').getByText('Chuyển xử lý').waitFor();
    dossierUrl = page.url();
  });

  it('lets the specialist appraise, the leader approve and the desk return the result at the counter', async () => {
    const as = async (username: string) => {
      const p = await e.newPage();
      await p.goto(dossierUrl);
      await p.getByLabel('Tên đăng nhập').fill(username);
      await p.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await p.getByRole('button', { name: 'Đăng nhập' }).click();
      await p.getByText('Quá trình xử lý').waitFor();
      return p;
    };
    const act = async (p: Awaited<ReturnType<typeof as>>, name: string, fill?: () => Promise<void>) => {
      await p.getByRole('button', { name, exact: true }).first().click();
      await fill?.();
      await confirmDialog(p, name);
    };
    const specialist = await as('chuyenvien');
    // Taking a dossier needs no dialog: the desk says it was done.
    await specialist.getByRole('button', { name: 'Nhận xử lý', exact: true }).click();
    await specialist.getByText('Đã nhận xử lý hồ sơ.').waitFor();
    await specialist.getByText('Cán bộ xử lý: Trần Văn Minh').waitFor();
    await act(specialist, 'Chuyển bước tiếp', async () => {
      await specialist.getByLabel('Ghi chú (nếu có)').fill('Hồ sơ hợp lệ, trình lãnh đạo phê duyệt');
    });
    await specialist.getByText('Hồ sơ hợp lệ, trình lãnh đạo phê duyệt').waitFor();
    await e.shot(specialist, 'desk-specialist-forwarded');

    const leader = await as('lanhdao');
    await leader.getByRole('button', { name: 'Phê duyệt / từ chối', exact: true }).click();
    await leader.getByLabel('Ý kiến').fill('Đồng ý cấp');
    await confirmDialog(leader, 'Phê duyệt');
    await leader.getByText('Đã xử lý xong').first().waitFor();
    await leader.getByText('Trước hạn').first().waitFor();

    const desk = await as('tiepnhan');
    await desk.goto('/desk/tra-ket-qua');
    await desk.getByText('Chờ trả kết quả').first().waitFor();
    await e.shot(desk, 'desk-to-return');
    await desk.getByRole('cell', { name: 'Phạm Văn Khoa' }).click();
    await act(desk, 'Trả kết quả', async () => {
      await desk.getByLabel('Người nhận kết quả (họ tên)').fill('Phạm Văn Khoa');
      await desk.getByLabel('Số định danh người nhận').fill('079090001234');
    });
    await desk.getByText('Đã trả kết quả').first().waitFor();
    await e.shot(desk, 'desk-returned');
  });

  it('types the e-form for a citizen who does not write, checked as the officer types', async () => {
    const page = await e.newPage();
    await signIn(page, '/desk/tiep-nhan', 'tiepnhan', DEMO_PASSWORD);
    await pickProcedure(page, 'xac nhan tinh trang hon nhan', '1.004873');
    for (const box of await page.locator('.ant-checkbox-wrapper', { hasText: 'bắt buộc' }).all())
      await box.click();
    await page.getByRole('textbox', { name: /^Họ và tên/ }).fill('Lê Thị Hoa');
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill('079190004321');
    await page.getByRole('textbox', { name: /^Điện thoại/ }).fill('0909765432');
    await page.getByText('Công dân nộp tờ khai giấy.', { exact: false }).waitFor();
    await page.getByRole('switch', { name: 'Công dân không viết' }).click();
    // The applicant's details fill the requester's fields of the e-form.
    assert.equal(await page.locator('#formData_nguoiYeuCauHoTen').inputValue(), 'Lê Thị Hoa');
    assert.equal(await page.locator('#formData_nguoiYeuCauSoDinhDanh').inputValue(), '079190004321');
    const choose = (label: string, typed: string, option: string) =>
      chooseOption(page, page.getByLabel(label), option, typed);
    await page.locator('#formData_quanHe').fill('Bản thân');
    await page.locator('#formData_hoTen').fill('Lê Thị Hoa');
    await page.locator('#formData_ngaySinh').fill('15/08/1990');
    await page.locator('#formData_ngaySinh').press('Enter');
    await choose('Giới tính', 'Nu', 'Nữ');
    await page.locator('#formData_danToc').fill('Kinh');
    await page.locator('#formData_quocTich').fill('Việt Nam');
    // Checked as typed, with the server's own message.
    await page.locator('#formData_soDinhDanh').fill('0791');
    await page.getByText('Số định danh cá nhân: số định danh cá nhân gồm đúng 12 chữ số.').waitFor();
    await page.locator('#formData_soDinhDanh').fill('079190004321');
    await page
      .getByText('Số định danh cá nhân: số định danh cá nhân gồm đúng 12 chữ số.')
      .waitFor({ state: 'detached' });
    await page.locator('#formData_noiCuTru').fill('8 Nguyễn Huệ');
    await choose('Nơi cư trú: tỉnh, thành phố', 'Ho Chi Minh', 'Thành phố Hồ Chí Minh');
    await choose('Nơi cư trú: xã, phường, đặc khu', 'Sai Gon', 'Phường Sài Gòn');
    await page.locator('#formData_tinhTrangHonNhan').fill('Chưa đăng ký kết hôn với ai');
    await page.locator('#formData_mucDich').fill('Để đăng ký kết hôn');
    await e.shot(page, 'desk-reception-eform');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText(/Đã tiếp nhận hồ sơ 000\.01\.30\.H29-/).waitFor();
    await page.getByRole('button', { name: 'Xem hồ sơ' }).click();
    await page.waitForURL(/\/desk\/ho-so\//);
    const id = page.url().split('/').pop();
    const d = await page.request.get(`/api/v1/dossiers/${id}`);
    const body = (await d.json()) as { formData: Record<string, unknown> };
    assert.equal(body.formData.mucDich, 'Để đăng ký kết hôn');
    assert.equal(body.formData.ngaySinh, '1990-08-15');
    assert.deepEqual(body.formData.noiCuTru, {
      detail: '8 Nguyễn Huệ',
      provinceCode: '79',
      provinceName: 'Thành phố Hồ Chí Minh',
      communeCode: (body.formData.noiCuTru as { communeCode: string }).communeCode,
      communeName: 'Phường Sài Gòn',
    });
    // The dossier page shows the declaration as typed, addresses written out as on paper.
    await page.getByText('Tờ khai điện tử').waitFor();
    await page.getByText('8 Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh').first().waitFor();
    await page.getByText('Để đăng ký kết hôn').first().waitFor();
  });

  it('recognises a returning applicant from the scanned CCCD without putting the number in any URL', async () => {
    const page = await e.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await signIn(page, '/desk/tiep-nhan', 'tiepnhan', DEMO_PASSWORD);
    await pickProcedure(page, 'dang ky tam tru', '1.004194');
    await page
      .getByLabel('Mã QR căn cước')
      .fill('079090001234|025111222|Phạm Văn Khoa|01011990|Nam|45 Nguyễn Huệ, Phường Sài Gòn|01072021');
    await page.getByLabel('Mã QR căn cước').press('Enter');
    // Phạm Văn Khoa's dossier of the first step: the phone given then is filled in again.
    await page.getByText('Người nộp đã có 1 hồ sơ tại cơ quan; thông tin đã được điền sẵn.').waitFor();
    assert.equal(await page.getByRole('textbox', { name: /^Điện thoại/ }).inputValue(), '0909123456');
    assert.ok(
      urls.some((u) => u.endsWith('/api/v1/applicants/lookup')),
      'the lookup was made',
    );
    assert.deepEqual(
      urls.filter((u) => u.includes('079090001234')),
      [],
    );
  });
});
