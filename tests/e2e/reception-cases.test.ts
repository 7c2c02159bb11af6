import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import type { Page } from 'playwright-core';
import { chooseOption, type E2E, it, pickProcedure, signIn, startE2E } from './harness';

const CONSENT = 'Văn bản đồng ý của cơ quan có thẩm quyền giám sát, quản lý, giáo dục người đó';
const REQUEST = 'Đề nghị khai báo tạm vắng';
const CONTENT = 'Nội dung khai báo tạm vắng';
// A tiny but valid JPEG (1×1 px): what a phone camera hands the page.
const PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

async function pickAddress(page: Page, label: string, detail: string) {
  await page.getByLabel(`${label}: số nhà, đường, thôn, ấp`).fill(detail);
  await chooseOption(
    page,
    page.getByLabel(`${label}: tỉnh, thành phố`, { exact: true }),
    'Thành phố Hồ Chí Minh',
    'Ho Chi Minh',
  );
  await chooseOption(
    page,
    page.getByLabel(`${label}: xã, phường, đặc khu`, { exact: true }),
    'Phường Sài Gòn',
    'Sai Gon',
  );
}

/**
 * Khai báo tạm vắng (1.003677) lists two sets of papers, one for each case of điều 31 Luật Cư trú: the officer
 * picks the case, sees its papers only, and cannot accept the dossier without them.
 */
describe('cases (trường hợp) at the counter', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-12-07T09:00:00+07:00' });
  });
  after(() => e?.close());

  it('picks the case, sees only its papers, is told which is missing, then accepts', async () => {
    const page = await e.newPage();
    const posted: { case: string; components: { name: string; received: boolean }[] }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/dossiers')
        posted.push(r.postDataJSON());
    });
    await signIn(page, '/desk/tiep-nhan', 'tiepnhan', DEMO_PASSWORD);
    await pickProcedure(page, 'khai bao tam vang', '1.003677');
    const cases = page.getByRole('radiogroup', { name: 'Trường hợp' });
    await cases.waitFor();
    assert.equal(await cases.getByRole('radio').count(), 2);
    // No case yet: no paper of either case is listed.
    assert.equal(await page.getByRole('checkbox', { name: new RegExp(REQUEST) }).count(), 0);
    assert.equal(await page.getByRole('checkbox', { name: new RegExp(CONTENT) }).count(), 0);

    await page.getByRole('textbox', { name: /^Họ và tên/ }).fill('Trương Văn Hải');
    await page.getByRole('textbox', { name: /^Điện thoại/ }).fill('0903123456');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const noCase = page.locator('.ant-modal', { hasText: 'Chưa chọn trường hợp' });
    await noCase.waitFor();
    await noCase.getByRole('button', { name: 'Chọn trường hợp' }).click();
    await noCase.waitFor({ state: 'hidden' });

    await cases.getByRole('radio', { name: /truy cứu trách nhiệm hình sự/ }).check();
    await page.getByRole('checkbox', { name: new RegExp(REQUEST) }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: new RegExp(CONSENT) }).count(), 1);
    assert.equal(
      await page.getByRole('checkbox', { name: new RegExp(CONTENT) }).count(),
      0,
      'the other case',
    );
    await page.getByRole('checkbox', { name: new RegExp(REQUEST) }).check();

    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const warning = page.locator('.ant-modal', { hasText: 'Hồ sơ chưa đủ thành phần bắt buộc' });
    await warning.waitFor();
    assert.deepEqual(await warning.locator('li').allInnerTexts(), [CONSENT]);
    await warning.getByRole('button', { name: 'Quay lại kiểm tra' }).click();
    await warning.waitFor({ state: 'hidden' });
    assert.equal(posted.length, 0, 'nothing sent while a paper is missing');

    await page.getByRole('checkbox', { name: new RegExp(CONSENT) }).check();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText(/Đã tiếp nhận hồ sơ 000\.01\.30\.H29-261207-\d{4}/).waitFor();
    assert.equal(posted.length, 1);
    const body = posted[0]!;
    assert.match(body.case, /truy cứu trách nhiệm hình sự/);
    assert.deepEqual(
      body.components.map((c) => [c.name, c.received]),
      [
        [REQUEST, true],
        [CONSENT, true],
      ],
    );

    // The dossier's page names the case it was received under.
    const code = (await page.getByText(/Đã tiếp nhận hồ sơ/).innerText()).match(
      /000\.01\.30\.H29-\d{6}-\d{4}/,
    )![0];
    const found = await page.request.get(`/api/v1/dossiers?q=${code}`);
    const { items } = (await found.json()) as { items: { id: string }[] };
    await page.goto(`/desk/ho-so/${items[0]!.id}`);
    const row = page.locator('.ant-descriptions-row', { hasText: 'Trường hợp' });
    await row.waitFor();
    assert.match(await row.innerText(), /truy cứu trách nhiệm hình sự/);
  });

  it('on the portal: the citizen picks the case, attaches its papers only, and submits with it', async () => {
    const page = await e.newPage();
    await signIn(page, '/thu-tuc/1.003677/nop', 'congdan', DEMO_PASSWORD);
    await page.getByText('Bước 1/6: Cơ quan').waitFor();
    await page.getByRole('radio', { name: 'Ủy ban nhân dân Phường Sài Gòn' }).check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Bước 2/6: Người nộp').waitFor();
    await page.getByLabel('Số định danh cá nhân').fill('079190000123');
    await pickAddress(page, 'Địa chỉ', '12 Lê Lợi');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Bước 3/6: Tờ khai').waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByText('Bước 4/6: Giấy tờ').waitFor();
    const cases = page.getByRole('radiogroup', { name: 'Trường hợp' });
    await cases.waitFor();
    assert.equal(await page.getByLabel(`Chọn tệp: ${REQUEST}`).count(), 0, 'no paper before the case');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Hãy chọn trường hợp của bạn ở đầu bước này', { exact: false }).waitFor();

    await cases.getByRole('radio', { name: /truy cứu trách nhiệm hình sự/ }).check();
    await page.getByLabel(`Chọn tệp: ${REQUEST}`).waitFor({ state: 'attached' });
    assert.equal(await page.getByLabel(`Chọn tệp: ${CONTENT}`).count(), 0, 'the other case');
    await page
      .getByLabel(`Chọn tệp: ${REQUEST}`)
      .setInputFiles({ name: 'de-nghi.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await page.getByText('de-nghi.jpg', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText(`Hãy chụp hoặc chọn tệp cho: ${CONSENT}.`).waitFor();
    await page
      .getByLabel(`Chọn tệp: ${CONSENT}`)
      .setInputFiles({ name: 'van-ban-dong-y.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await page.getByText('van-ban-dong-y.jpg', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByText('Bước 5/6: Nhận kết quả').waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Bước 6/6: Xem lại').waitFor();
    await page.getByText(/truy cứu trách nhiệm hình sự/).waitFor();
    assert.equal(await page.getByText('Còn thiếu giấy tờ bắt buộc').count(), 0);
    const answer = page.waitForResponse((r) => r.url().endsWith('/submit'));
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const sent = await answer;
    assert.equal(sent.status(), 201);
    const { dossier } = (await sent.json()) as { dossier: { case: string } };
    assert.match(dossier.case, /truy cứu trách nhiệm hình sự/);
    await page.getByText('Đã nộp hồ sơ trực tuyến').waitFor();
  });
});
