import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { requiredFor } from '../../src/domain/dossier/intake';
import type { ManualClock } from '../../src/server/clock';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { Client } from '../support/http';
import {
  chooseOption,
  confirmDialog,
  dialogsOpened,
  type E2E,
  it,
  pickProcedure,
  signIn,
  startE2E,
} from './harness';

/** Issue 25, items 7, 9, 12 and 13: the officers' desk as the officers use it. */
describe('the desk, as its officers use it', () => {
  let e: E2E;
  let api: Client;
  const setNow = (iso: string) => (e.server.clock as ManualClock).set(new Date(iso));
  /** Uncaught errors of each page (a rejected promise nobody handled). */
  const pageErrors = new Map<Page, string[]>();

  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T08:00:00+07:00', MOTCUA_SESSION_HOURS: '720' });
    api = await new Client(e.server.app).login('tiepnhan', DEMO_PASSWORD);
  });
  after(() => e?.close());

  const login = async (username: string, path: string): Promise<Page> => {
    const page = await e.newPage();
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, path, username, DEMO_PASSWORD);
    return page;
  };
  const menu = async (page: Page) => {
    await page.locator('.ant-menu-item').first().waitFor();
    return (await page.locator('.ant-menu-item').allInnerTexts()).map((t) => t.trim());
  };
  /** A birth registration (same day) received complete through the API, at the given step. */
  const received = async (fullName: string, code = '1.001193') => {
    const p = await api.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
      `/api/v1/procedures/${code}`,
    );
    const r = await api.post<{ id: string }>('/api/v1/dossiers', {
      procedureCode: code,
      applicant: { kind: 'citizen', fullName, idNumber: '079090004321', phone: '0903123456' },
      components: p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true })),
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id;
  };
  const command = async (who: string, id: string, body: Record<string, unknown>) => {
    const c = who === 'tiepnhan' ? api : await new Client(e.server.app).login(who, DEMO_PASSWORD);
    const r = await c.post(`/api/v1/dossiers/${id}/commands`, body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };

  it('shows each officer the menu of their roles, and /desk/ho-so is the dossier list', async () => {
    const specialist = await login('chuyenvien', '/desk');
    const seen = await menu(specialist);
    for (const hidden of ['Tiếp nhận hồ sơ', 'Quầy của tôi', 'Giao bưu chính', 'Trả kết quả']) {
      assert.ok(!seen.includes(hidden), `a specialist does not see "${hidden}" (${seen.join(', ')})`);
    }
    assert.ok(seen.includes('Hồ sơ cần xử lý'));
    await e.shot(specialist, 'desk-usability-specialist-menu');
    await specialist.goto('/desk/tiep-nhan');
    await specialist.getByText('Trang này dành cho cán bộ có vai trò khác').waitFor();

    const desk = await login('tiepnhan', '/desk/ho-so');
    await desk.waitForURL(/\/desk\/xu-ly/);
    await desk.getByRole('table').first().waitFor();
    assert.equal(await desk.getByText('Chức năng đang được xây dựng').count(), 0);
    const deskMenu = await menu(desk);
    for (const shown of ['Tiếp nhận hồ sơ', 'Quầy của tôi', 'Giao bưu chính', 'Trả kết quả']) {
      assert.ok(deskMenu.includes(shown), `the desk officer sees "${shown}"`);
    }
    await specialist.close();
    await desk.close();
  });

  it('names the missing required documents before accepting, and leads to the supplement request', async () => {
    const page = await login('tiepnhan', '/desk/tiep-nhan');
    await pickProcedure(page, 'dang ky khai sinh', '1.001193');
    await page.getByText('Tờ khai đăng ký khai sinh theo mẫu').waitFor();
    // A failing check inside a dialog shows under the fields, without an uncaught error.
    await page.getByRole('button', { name: 'Hướng dẫn bổ sung' }).click();
    await page.locator('.ant-modal').getByRole('button', { name: 'Lập phiếu' }).click();
    await page.getByText('Hãy nhập họ và tên.').waitFor();

    await page.getByLabel('Họ và tên').fill('Vũ Thị Lan');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm
      .locator('.ant-modal-confirm-title', { hasText: 'Hồ sơ chưa đủ thành phần bắt buộc' })
      .waitFor();
    await confirm.getByText('Tờ khai đăng ký khai sinh theo mẫu').waitFor();
    await confirm.getByText(/^Giấy chứng sinh/).waitFor();
    await e.shot(page, 'desk-usability-missing-components');
    await confirm.getByRole('button', { name: 'Hướng dẫn bổ sung' }).click();
    const items = page.getByLabel('Giấy tờ cần bổ sung');
    await items.waitFor();
    assert.match(await items.inputValue(), /Tờ khai đăng ký khai sinh theo mẫu/);
    await confirmDialog(page, 'Lập phiếu');
    await page.getByText('Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ').waitFor();
    assert.deepEqual(pageErrors.get(page), []);
    await page.close();
  });

  it('receives a supplement by ticking the documents asked for, and shows them in the history', async () => {
    setNow('2026-11-23T08:00:00+07:00');
    const id = await received('Hoàng Văn Bổ', '1.004194');
    await command('tiepnhan', id, { action: 'forward' });
    await command('chuyenvien', id, {
      action: 'request-supplement',
      items: ['Hợp đồng thuê nhà còn hiệu lực', 'Giấy xác nhận của chủ nhà'],
      reason: 'Hợp đồng thuê nhà đã hết hạn',
    });
    setNow('2026-11-24T09:00:00+07:00');
    const desk = await login('tiepnhan', `/desk/ho-so/${id}`);
    await desk.getByRole('button', { name: 'Nhận hồ sơ bổ sung', exact: true }).click();
    const dialog = desk.locator('.ant-modal');
    await dialog.getByText('Giấy tờ bổ sung đã nhận').waitFor();
    await dialogsOpened(desk);
    // Nothing ticked: refused on the screen, nothing sent.
    await dialog.getByRole('button', { name: 'Nhận hồ sơ bổ sung', exact: true }).click();
    await dialog.getByText('Hãy đánh dấu giấy tờ đã nhận.').waitFor();
    await dialog.getByRole('checkbox', { name: 'Hợp đồng thuê nhà còn hiệu lực' }).check();
    await e.shot(desk, 'desk-usability-supplement-ticks');
    await confirmDialog(desk, 'Nhận hồ sơ bổ sung');
    await desk.getByText('Đã nhận hồ sơ bổ sung.').waitFor();
    await desk.getByText('Đã nhận: Hợp đồng thuê nhà còn hiệu lực').waitFor();
    await desk.getByText('Chưa nhận: Giấy xác nhận của chủ nhà').waitFor();
    await e.shot(desk, 'desk-usability-supplement-history');
    assert.deepEqual(pageErrors.get(desk), []);
    await desk.close();
  });

  it('says what each action did, and the leader’s button says what was decided', async () => {
    setNow('2026-11-23T08:00:00+07:00');
    const id = await received('Trịnh Văn Quyết');
    await command('tiepnhan', id, { action: 'forward' });
    const specialist = await login('chuyenvien', `/desk/ho-so/${id}`);
    await specialist.getByRole('button', { name: 'Nhận xử lý', exact: true }).click();
    await specialist.getByText('Đã nhận xử lý hồ sơ.').waitFor();
    await specialist.getByText('Cán bộ xử lý: Trần Văn Minh').waitFor();
    await specialist.getByRole('button', { name: 'Chuyển bước tiếp', exact: true }).click();
    await confirmDialog(specialist, 'Chuyển bước tiếp');
    await specialist.getByText('Đã chuyển hồ sơ sang bước tiếp theo.').waitFor();
    await e.shot(specialist, 'desk-usability-forwarded');

    const leader = await login('lanhdao', `/desk/ho-so/${id}`);
    await leader.getByRole('button', { name: 'Phê duyệt / từ chối', exact: true }).click();
    const dialog = leader.locator('.ant-modal');
    await dialog.getByRole('button', { name: 'Phê duyệt', exact: true }).waitFor();
    await dialogsOpened(leader);
    await chooseOption(leader, dialog.getByLabel('Quyết định'), 'Từ chối giải quyết');
    await dialog.getByRole('button', { name: 'Từ chối giải quyết', exact: true }).waitFor();
    await e.shot(leader, 'desk-usability-decide-reject');
    await chooseOption(leader, dialog.getByLabel('Quyết định'), 'Phê duyệt (đồng ý');
    await dialog.getByLabel('Ý kiến').fill('Đồng ý');
    await confirmDialog(leader, 'Phê duyệt');
    await leader.getByText('Đã ghi quyết định của lãnh đạo.').waitFor();
    for (const p of [specialist, leader]) assert.deepEqual(pageErrors.get(p), []);
    await specialist.close();
    await leader.close();
  });

  it('returns a same-day result to the applicant at the counter, receiver prefilled, no early notice', async () => {
    setNow('2026-11-23T08:00:00+07:00');
    const id = await received('Hà Thị Nhận');
    await command('tiepnhan', id, { action: 'forward' });
    await command('chuyenvien', id, { action: 'claim' });
    await command('chuyenvien', id, { action: 'forward' });
    await command('lanhdao', id, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });
    // 09:00, before the appointment later today: the applicant waited at the counter.
    setNow('2026-11-23T09:00:00+07:00');
    const desk = await login('tiepnhan', `/desk/ho-so/${id}`);
    await desk.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
    const dialog = desk.locator('.ant-modal');
    await dialog.getByLabel('Người nhận kết quả (họ tên)').waitFor();
    assert.equal(await dialog.getByLabel('Người nhận kết quả (họ tên)').inputValue(), 'Hà Thị Nhận');
    assert.equal(await dialog.getByLabel('Số định danh người nhận').inputValue(), '079090004321');
    assert.equal(await dialog.getByLabel(/Đã thông báo trả sớm/).count(), 0, 'no notice at the counter');
    await e.shot(desk, 'desk-usability-return-counter');
    await confirmDialog(desk, 'Trả kết quả');
    await desk.getByText('Đã trả kết quả.').waitFor();
    await desk.getByText('Đã trả kết quả').first().waitFor();
    assert.deepEqual(pageErrors.get(desk), []);
    await desk.close();
  });

  it('on a tablet-wide screen folds the menu to icons and opens it with its names at a tap', async () => {
    const desk = await e.newPage({ viewport: { width: 800, height: 1100 } });
    await signIn(desk, '/desk/ho-so', 'tiepnhan', DEMO_PASSWORD);
    await desk.getByRole('table').first().waitFor();
    const show = desk.getByRole('button', { name: 'Chức năng' });
    await show.waitFor();
    assert.equal(await show.getAttribute('aria-expanded'), 'false');
    // Folded: icons only, the page keeps the width.
    assert.ok((await desk.locator('.ant-layout-sider').boundingBox())!.width <= 56);
    await show.click();
    const drawer = desk.locator('.ant-drawer-section');
    await drawer.getByRole('menuitem', { name: 'Trả kết quả' }).waitFor();
    await e.shot(desk, 'desk-narrow-menu-open');
    await drawer.getByRole('menuitem', { name: 'Trả kết quả' }).click();
    await desk.waitForURL(/\/desk\/tra-ket-qua/);
    await drawer.waitFor({ state: 'hidden' });
    assert.equal(await show.getAttribute('aria-expanded'), 'false');
    await e.shot(desk, 'desk-narrow-return');
    await desk.close();
  });
});
