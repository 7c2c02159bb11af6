import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { chooseOption, signIn } from './harness';

/**
 * The two paths people take most, walked in the browser and timed as a person would take them (issue 6, issue 25
 * "Measured"): a reception officer who has never seen motcua takes a dossier at the counter to a printed slip, and
 * a citizen submits a dossier online from a phone. Used by the browser tests (which hold each path to its budget)
 * and by `npm run bench` (which prints the figures).
 *
 * The time is the Keystroke-Level Model's (Card, Moran & Newell 1980), the standard estimate of an ordinary
 * user's time per operation, with a newcomer's thinking time: M 1.35 s doubled, before every step, for someone
 * reading each label for the first time. System response time is not counted (the browser measures that).
 */
export interface Model {
  /** Seconds per key pressed. */
  K: number;
  /** Seconds to point at a target: the mouse on a screen, the finger on a phone. */
  P: number;
  /** Seconds of a click or tap itself. */
  B: number;
  /** Seconds to move a hand between the mouse and the keyboard (none on a phone: the finger types). */
  H: number;
  /** Seconds of thinking before each step. */
  M: number;
  /** Seconds to scan the QR code of a citizen ID card with a handheld scanner. */
  SCAN: number;
  /** Seconds to photograph a paper with the phone's camera and confirm the picture. */
  PHOTO: number;
}

/**
 * The counter: K 0.28 s a key (an average typist), P 1.1 s, B 0.1 s, H 0.4 s, M 2.7 s (a newcomer), a QR scan 3 s.
 */
export const DESK_MODEL: Model = { K: 0.28, P: 1.1, B: 0.1, H: 0.4, M: 1.35 * 2, SCAN: 3, PHOTO: 0 };

/**
 * A phone: typing on a touch keyboard is slower than on a desk keyboard — 0.6 s a key (about 20 words a minute,
 * what a casual, not practised, touch typist reaches); pointing with the finger kept at the mouse's 1.1 s (a
 * finger is no slower, so this errs long); no homing (the finger types and points); a photo of a paper with
 * the camera 8 s (open the camera, frame, shoot, accept).
 */
export const PHONE_MODEL: Model = { K: 0.6, P: 1.1, B: 0.1, H: 0, M: 1.35 * 2, SCAN: 0, PHOTO: 8 };

/**
 * The keys a Vietnamese text takes with Telex, the input method most people use (Unikey, the phones' Vietnamese
 * keyboards): one per letter, one more per mark — "ặ" is a, w, j; "đ" is d, d.
 */
export function telexKeys(text: string): number {
  let keys = 0;
  for (const ch of text.normalize('NFD')) {
    if (ch === 'đ' || ch === 'Đ') keys += 2;
    else keys += 1; // a letter, a digit, a sign, or a combining mark (breve, circumflex, horn, the five tones)
  }
  return keys;
}

export interface Timing {
  seconds: number;
  clicks: number;
  keystrokes: number;
  steps: string[];
  /** Wall time in the browser, system responses included (on this machine, now). */
  browserSeconds: number;
  model: Model;
}

/** Adds up a path's operations under a model while the browser performs them. */
export class Stopwatch {
  seconds = 0;
  clicks = 0;
  keystrokes = 0;
  readonly steps: string[] = [];
  private hand: 'pointer' | 'keyboard' = 'pointer';
  private readonly started = performance.now();
  constructor(readonly model: Model) {}

  private to(h: 'pointer' | 'keyboard') {
    if (this.hand !== h) this.seconds += this.model.H;
    this.hand = h;
  }
  /** A step that is a thought, a point and a click (or tap). */
  count(what: string) {
    this.to('pointer');
    this.seconds += this.model.M + this.model.P + this.model.B;
    this.clicks++;
    this.steps.push(`bấm ${what}`);
  }
  async click(what: string, l: Locator) {
    this.count(what);
    await l.click();
  }
  async check(what: string, l: Locator) {
    this.count(what);
    await l.check();
  }
  /** A thought, a point at a field and a click, then `text` typed in it (its Telex keys). */
  private typing(what: string, text: string) {
    this.to('pointer');
    this.seconds += this.model.M + this.model.P + this.model.B;
    this.to('keyboard');
    const keys = telexKeys(text);
    this.seconds += keys * this.model.K;
    this.keystrokes += keys;
    this.steps.push(`gõ ${what} (${keys} phím)`);
  }
  /** Points at a field and types `text` into it. */
  async type(what: string, l: Locator, text: string) {
    this.typing(what, text);
    await l.click();
    await l.pressSequentially(text, { delay: 5 });
  }
  /**
   * Types into a searchable select and takes the option: a thought, a point and keys, then a point and a tap
   * (a lost click is tried again by `chooseOption`, as a person would, and not counted twice).
   */
  async choose(what: string, page: Page, box: Locator, typed: string, option: string) {
    this.typing(what, typed);
    this.count(`"${option}" trong danh sách`);
    await chooseOption(page, box, option, typed);
  }
  async scan(l: Locator, qr: string) {
    this.to('pointer');
    this.seconds += this.model.M + this.model.P + this.model.B + this.model.SCAN;
    this.clicks++;
    this.steps.push('quét mã QR trên căn cước');
    await l.click();
    await l.fill(qr);
    await l.press('Enter');
  }
  async photo(what: string, input: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
    this.to('pointer');
    this.seconds += this.model.M + this.model.P + this.model.B + this.model.PHOTO;
    this.clicks++;
    this.steps.push(`chụp ${what}`);
    await input.setInputFiles(file);
  }
  result(): Timing {
    return {
      seconds: Math.round(this.seconds),
      clicks: this.clicks,
      keystrokes: this.keystrokes,
      steps: this.steps,
      browserSeconds: Math.round((performance.now() - this.started) / 100) / 10,
      model: this.model,
    };
  }
}

/** The budget of the counter path (the user guide: "dưới 2 phút"). */
export const COUNTER_BUDGET_SECONDS = 120;
/** The budget of the phone path (decision 0014): a certificate request with its declaration, five minutes. */
export const PHONE_BUDGET_SECONDS = 300;

/**
 * The counter, signed in as the reception officer on a fresh desk: procedure by typing without diacritics,
 * the required papers ticked, the applicant from the citizen ID's QR, a phone number, accept, print the slip.
 * A temporary-residence registration (1.004194) with its two required papers.
 */
export async function counterJourney(page: Page): Promise<Timing & { slipType: string | null }> {
  await signIn(page, '/desk', 'tiepnhan', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: /Tiếp nhận hồ sơ/ }).waitFor();
  const w = new Stopwatch(DESK_MODEL);
  await w.click('"Tiếp nhận hồ sơ" ở thanh bên', page.getByRole('menuitem', { name: /Tiếp nhận hồ sơ/ }));
  await w.choose('tên thủ tục không dấu', page, page.getByLabel('Thủ tục hành chính'), 'tam tru', '1.004194');
  await page.getByText('Thời hạn: 03 ngày làm việc').waitFor();
  for (const box of await page.locator('.ant-checkbox-wrapper', { hasText: 'bắt buộc' }).all()) {
    await w.click('ô "đã nhận" của một giấy tờ bắt buộc', box);
  }
  await w.scan(
    page.getByLabel('Mã QR căn cước'),
    '079191004321|025111333|Ngô Thị Lan|02021991|Nữ|9 Lê Lợi, Phường Sài Gòn|01072021',
  );
  await page.getByRole('textbox', { name: /^Họ và tên/ }).waitFor();
  await w.type('số điện thoại', page.getByRole('textbox', { name: /^Điện thoại/ }), '0909555666');
  await w.click('"Tiếp nhận hồ sơ"', page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }));
  await page.getByText(/Đã tiếp nhận hồ sơ 000\.01\.30\.H29-\d{6}-\d{4}/).waitFor();
  const print = page.getByRole('link', { name: /In giấy tiếp nhận và hẹn trả/ });
  const href = await print.getAttribute('href');
  // The slip opens in a new tab; its download is what the click gives.
  w.count('"In giấy tiếp nhận và hẹn trả (Mẫu 01)"');
  const slip = await page.request.get(href ?? '/');
  return { ...w.result(), slipType: slip.headers()['content-type'] ?? null };
}

/** A tiny but valid JPEG (1×1 px): what a phone camera hands the page. */
const PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/**
 * The phone: a citizen opens the procedure page of a certificate of marital status (1.004873, the online
 * procedure people use most with a declaration to fill), signs in, chooses the ward, completes what the account
 * does not know, fills the declaration, photographs it, takes the result at the counter, reviews and submits.
 * Returns once the page says the dossier was submitted, with the dossier's id.
 */
export async function phoneJourney(page: Page): Promise<Timing & { dossierId: string }> {
  await page.goto('/thu-tuc/1.004873');
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).waitFor();
  const w = new Stopwatch(PHONE_MODEL);
  await w.click('"Nộp hồ sơ trực tuyến"', page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }));
  await page.waitForURL(/\/dang-nhap\?tiep=/);
  await w.type('tên đăng nhập', page.getByLabel(/tên đăng nhập/i), 'congdan');
  await w.type('mật khẩu', page.getByLabel('Mật khẩu'), DEMO_PASSWORD);
  await w.click('"Đăng nhập"', page.locator('form').getByRole('button', { name: 'Đăng nhập' }));
  await page.waitForURL(/\/thu-tuc\/1\.004873\/nop$/);
  const next = () => w.click('"Tiếp tục"', page.getByRole('button', { name: 'Tiếp tục' }));

  await page.getByText('Bước 1/6: Cơ quan').waitFor();
  await w.check('cơ quan nhận hồ sơ', page.getByRole('radio', { name: 'Ủy ban nhân dân Phường Sài Gòn' }));
  await next();

  await page.getByText('Bước 2/6: Người nộp').waitFor();
  // The name and the phone come from the account.
  await w.type('số định danh cá nhân', page.getByLabel('Số định danh cá nhân'), '079190000123');
  await address(w, page, 'Địa chỉ', '12 Lê Lợi');
  await next();

  await page.getByText('Bước 3/6: Tờ khai').waitFor();
  // The requester's part of the declaration took the applicant's details; the certificate is for herself,
  // so one tap fills the part about the person it is for (name, ID number, residence, "Bản thân").
  await w.click(
    '"Tôi xin cấp cho chính mình"',
    page.getByRole('button', { name: /Tôi xin cấp cho chính mình/ }),
  );
  await page.getByText('Đã điền thông tin của bạn vào tờ khai', { exact: false }).waitFor();
  for (const [field, value] of [
    ['#formData_hoTen', 'Đặng Thị Mai'],
    ['#formData_soDinhDanh', '079190000123'],
    ['#formData_quanHe', 'Bản thân'],
  ] as const) {
    const got = await page.locator(field).inputValue();
    if (got !== value) throw new Error(`${field} holds "${got}" after the self-fill, not "${value}"`);
  }
  await w.type('ngày sinh', page.locator('#formData_ngaySinh'), '12/03/1992');
  await page.locator('#formData_ngaySinh').press('Enter');
  await w.choose('giới tính', page, page.getByLabel('Giới tính', { exact: true }), 'Nu', 'Nữ');
  await w.type('dân tộc', page.locator('#formData_danToc'), 'Kinh');
  await w.type('quốc tịch', page.locator('#formData_quocTich'), 'Việt Nam');
  await w.type(
    'tình trạng hôn nhân',
    page.locator('#formData_tinhTrangHonNhan'),
    'Chưa đăng ký kết hôn với ai',
  );
  await w.type('mục đích', page.locator('#formData_mucDich'), 'Để đăng ký kết hôn');
  await next();

  await page.getByText('Bước 4/6: Giấy tờ').waitFor();
  await w.photo('tờ khai', page.locator('input[type=file][capture]').first(), {
    name: 'to-khai-chup.jpg',
    mimeType: 'image/jpeg',
    buffer: PHOTO,
  });
  await page.getByText('to-khai-chup.jpg', { exact: false }).waitFor();
  await next();

  // The result online, as proposed.
  await page.getByText('Bước 5/6: Nhận kết quả').waitFor();
  await next();

  await page.getByText('Bước 6/6: Xem lại').waitFor();
  await w.click('"Nộp hồ sơ"', page.getByRole('button', { name: 'Nộp hồ sơ' }));
  await page.getByText('Đã nộp hồ sơ trực tuyến').waitFor();
  return { ...w.result(), dossierId: page.url().split('/').pop() ?? '' };
}

/** The street typed; the province and the ward chosen by typing without diacritics. */
async function address(w: Stopwatch, page: Page, label: string, detail: string) {
  await w.type(
    `${label.toLowerCase()}: số nhà, đường`,
    page.getByLabel(`${label}: số nhà, đường, thôn, ấp`),
    detail,
  );
  await w.choose(
    `${label.toLowerCase()}: tỉnh`,
    page,
    page.getByLabel(`${label}: tỉnh, thành phố`, { exact: true }),
    'Ho Chi Minh',
    'Thành phố Hồ Chí Minh',
  );
  await w.choose(
    `${label.toLowerCase()}: xã, phường`,
    page,
    page.getByLabel(`${label}: xã, phường, đặc khu`, { exact: true }),
    'Sai Gon',
    'Phường Sài Gòn',
  );
}
