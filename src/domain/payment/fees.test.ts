import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fee } from '../catalogue/procedure';
import { assessFees, chargeFees, findReference, PAYMENT_REFERENCE, paymentReference } from './fees';
import { summarizeRatings } from './rating';

const fee = (name: string, amountVnd: number | null, extra: Partial<Fee> = {}): Fee => ({
  kind: 'lệ phí',
  name,
  amountVnd,
  rule: null,
  exemptions: null,
  ...extra,
});

/** As seeded for Đăng ký thường trú (1.004222): one fee per channel. */
const thuongTru = [
  fee('Lệ phí đăng ký thường trú — nộp hồ sơ trực tuyến', 10_000),
  fee('Lệ phí đăng ký thường trú — nộp hồ sơ trực tiếp', 20_000, { exemptions: 'Các trường hợp được miễn…' }),
];

describe('fees owed (phí, lệ phí)', () => {
  it('charges the online fee to an online dossier and the in-person fee to counter and postal ones', () => {
    assert.equal(assessFees(thuongTru, 'online').knownTotalVnd, 10_000);
    assert.equal(assessFees(thuongTru, 'counter').knownTotalVnd, 20_000);
    assert.equal(assessFees(thuongTru, 'postal').knownTotalVnd, 20_000);
    const a = assessFees(thuongTru, 'online');
    assert.deepEqual(
      a.lines.map((l) => [l.owed, l.otherChannel]),
      [
        [true, false],
        [false, true],
      ],
    );
  });

  it('does not owe a fee charged only on request, nor need the desk for it', () => {
    const a = assessFees(
      [
        fee('Lệ phí kết hôn', 0),
        fee('Phí cấp bản sao Trích lục kết hôn (nếu có yêu cầu)', null, { kind: 'phí' }),
      ],
      'counter',
    );
    assert.equal(a.lines[1]!.optional, true);
    assert.equal(a.needsDesk, false);
    assert.equal(a.knownTotalVnd, 0);
  });

  it('needs the desk when an owed fee is set by the province, and then refuses a self-service request', () => {
    const a = assessFees([fee('Lệ phí đăng ký khai tử', null, { rule: 'Do HĐND tỉnh quy định' })], 'online');
    assert.equal(a.needsDesk, true);
    const r = chargeFees(a);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'FEE_NEEDS_DESK');
  });

  it('lets the desk set the province amount, exempt a line, and add an on-request fee', () => {
    const a = assessFees(
      [
        fee('Lệ phí khai sinh', null),
        fee('Phí cấp bản sao Giấy khai sinh (nếu có yêu cầu)', 8_000, { kind: 'phí' }),
      ],
      'counter',
    );
    const missing = chargeFees(a, [{ index: 0 }]);
    assert.equal(!missing.ok && missing.code, 'FEE_AMOUNT_REQUIRED');
    const r = chargeFees(a, [{ index: 0, exemptReason: 'Hộ nghèo, có giấy chứng nhận' }, { index: 1 }]);
    assert.ok(r.ok);
    assert.equal(r.totalVnd, 8_000);
    assert.deepEqual(
      r.lines.map((l) => [l.amountVnd, l.exemptReason]),
      [
        [0, 'Hộ nghèo, có giấy chứng nhận'],
        [8_000, null],
      ],
    );
    const twice = chargeFees(a, [{ index: 1 }, { index: 1 }]);
    assert.equal(!twice.ok && twice.code, 'FEE_REPEATED');
    const none = chargeFees(a, [{ index: 7, amountVnd: 1 }]);
    assert.equal(!none.ok && none.code, 'FEE_NOT_FOUND');
  });

  it('makes references without look-alike characters and finds them in a bank’s transfer content', () => {
    const ref = paymentReference([0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.999]);
    assert.match(ref, PAYMENT_REFERENCE);
    assert.doesNotMatch(ref.slice(2), /[01ILO]/);
    assert.equal(findReference(`IBFT ${ref.toLowerCase()} LE PHI HO SO`), ref);
    assert.equal(findReference('chuyen tien an trua'), null);
  });
});

describe('ratings summary (SIPAS elements)', () => {
  it('averages each element to one decimal and counts ratings satisfied on every element', () => {
    const s = summarizeRatings([
      { access: 5, procedure: 4, officers: 5, result: 5, feedback: 4 },
      { access: 4, procedure: 2, officers: 5, result: 4, feedback: 4 },
      { access: 5, procedure: 5, officers: 4, result: 5, feedback: 5 },
    ]);
    assert.equal(s.count, 3);
    assert.equal(s.averages.access, 4.7);
    assert.equal(s.averages.procedure, 3.7);
    assert.equal(s.satisfiedShare, 0.667);
    assert.deepEqual(summarizeRatings([]).averages.result, null);
  });
});
