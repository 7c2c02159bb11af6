import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type E2E, it, pickProcedure, signIn, startE2E } from './harness';

const CONSENT = 'Văn bản đồng ý của cơ quan có thẩm quyền giám sát, quản lý, giáo dục người đó';
const REQUEST = 'Đề nghị khai báo tạm vắng';
const CONTENT = 'Nội dung khai báo tạm vắng';

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
  });
});
