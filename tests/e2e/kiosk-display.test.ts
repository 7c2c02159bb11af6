import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { chooseOption, type E2E, it, seriousA11yViolations, startE2E } from './harness';

const SAIGON = '000.01.30.H29';

describe('queue kiosk and TV board before the counters open', () => {
  let e: E2E;
  before(async () => {
    // Monday 23 November 2026, 07:20: citizens arrive before the desk opens; every counter is closed.
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T07:20:00+07:00' });
  });
  after(() => e?.close());

  it('issues a ticket while every counter is closed and says plainly that no counter is open yet', async () => {
    const kiosk = await e.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`/kiosk/queue?agency=${SAIGON}&print=0`);
    await kiosk.getByTestId('desk-closed').getByText('Hiện chưa có quầy nào mở.').waitFor();
    await kiosk.getByRole('button', { name: /Hộ tịch.*Chưa có quầy mở/ }).waitFor();
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    await kiosk.getByTestId('ticket-number').getByText('001').waitFor();
    await kiosk
      .getByTestId('no-counter-open')
      .getByText(/chưa có quầy nào mở nhận lĩnh vực này/)
      .waitFor();
    await e.shot(kiosk, 'queue-kiosk-closed-ticket');
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
  });

  it('lets the operator assign an unassigned kiosk to an agency, then offers tickets there', async () => {
    const kiosk = await e.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto('/kiosk/queue');
    await kiosk.getByRole('heading', { name: 'Thiết lập kiosk lấy số' }).waitFor();
    assert.deepEqual(await seriousA11yViolations(kiosk), []);
    await chooseOption(kiosk, kiosk.getByLabel('Cơ quan'), SAIGON, 'Sài Gòn');
    await kiosk.getByRole('button', { name: 'Dùng kiosk này cho cơ quan đã chọn' }).click();
    await kiosk.getByRole('heading', { name: 'Lấy số thứ tự' }).waitFor();
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).waitFor();
    // The device remembers it.
    await kiosk.reload();
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).waitFor();
  });

  it('shows closed counters on the TV board as "Tạm nghỉ" in readable contrast', async () => {
    const board = await e.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`/display/${SAIGON}`);
    await board.getByText('Đang kết nối').waitFor();
    await board.getByTestId('counter-1').getByText('Tạm nghỉ').waitFor();
    await e.shot(board, 'display-closed-counters');
    assert.deepEqual(await seriousA11yViolations(board), []);
  });
});
