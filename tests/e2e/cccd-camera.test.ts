import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import QRCode from 'qrcode';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type E2E, it, pickProcedure, signIn, startE2E } from './harness';

const CCCD = '079190001234|025123456|Nguyễn Thị Hồng Nhung|15081990|Nữ|12 Lê Lợi, Phường Sài Gòn|01072021';

/** A Y4M video (what Chromium's fake camera plays) showing the card's QR code, black on white. */
function qrVideo(text: string): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = 6;
  const quiet = 4;
  const side = (n + 2 * quiet) * scale;
  const w = side + (side % 2);
  const y = Buffer.alloc(w * w, 255);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy++)
          y.fill(
            0,
            ((quiet + r) * scale + dy) * w + (quiet + c) * scale,
            ((quiet + r) * scale + dy) * w + (quiet + c + 1) * scale,
          );
  const chroma = Buffer.alloc((w / 2) * (w / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${w} H${w} F10:1 Ip A1:1 C420jpeg\n`),
    ...Array(10).fill(frame),
  ]);
}

describe('CCCD from the desk webcam', () => {
  let e: E2E;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-cam-'));
    const video = join(dir, 'cccd.y4m');
    writeFileSync(video, qrVideo(CCCD));
    e = await startE2E({}, 'pglite', {
      chromiumArgs: [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
  });
  after(async () => {
    await e?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills the applicant from the QR code on the card held to the camera', async () => {
    const page = await e.newPage();
    await signIn(page, '/desk/tiep-nhan', 'tiepnhan', DEMO_PASSWORD);
    await pickProcedure(page, 'tinh trang hon nhan', '1.004873');
    await page.getByRole('button', { name: 'Quét bằng camera' }).click();
    const name = page.getByRole('textbox', { name: /^Họ và tên/ });
    await page.waitForFunction(
      () =>
        (document.querySelector('#fullName') as HTMLInputElement | null)?.value === 'Nguyễn Thị Hồng Nhung',
      undefined,
      // A bound for a decoder that never reads the card, not a measure (OCR in a throttled page is slow).
      { timeout: 180_000 },
    );
    assert.equal(await name.inputValue(), 'Nguyễn Thị Hồng Nhung');
    assert.equal(
      await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).inputValue(),
      '079190001234',
    );
    assert.equal(
      await page.getByRole('textbox', { name: /^Địa chỉ/ }).inputValue(),
      '12 Lê Lợi, Phường Sài Gòn',
    );
    await e.shot(page, 'desk-cccd-camera');
  });
});
