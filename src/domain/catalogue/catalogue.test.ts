import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffVersions } from './diff';
import {
  describeProcessingTime,
  dossierTimeLimit,
  formatProcessingTime,
  ProcedureCode,
  ProcedureContent,
} from './procedure';
import { foldVietnamese, queryTerms } from './search';

const birth = ProcedureContent.parse({
  name: 'Thủ tục đăng ký khai sinh',
  fieldCode: 'HT',
  level: 'commune',
  implementingAgency: 'Ủy ban nhân dân cấp xã',
  processingTime: { amount: 0, unit: 'working-days' },
  fees: [],
  components: [
    { name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, required: true },
    { name: 'Giấy chứng sinh', originals: 1, copies: 0, required: true },
  ],
  channels: ['counter', 'online'],
});

describe('procedure catalogue rules', () => {
  it('accepts national codes like 1.001193 and nothing else', () => {
    assert.equal(ProcedureCode.safeParse('1.001193').success, true);
    for (const bad of ['1001193', '1.00119', 'A.001193', '1.0011930']) {
      assert.equal(ProcedureCode.safeParse(bad).success, false, bad);
    }
  });

  it('writes processing times as slips do, with "Trong ngày" for same-day procedures', () => {
    assert.equal(formatProcessingTime({ amount: 0, unit: 'working-days' }), 'Trong ngày');
    assert.equal(formatProcessingTime({ amount: 5, unit: 'working-days' }), '05 ngày làm việc');
    assert.equal(formatProcessingTime({ amount: 4, unit: 'working-hours' }), '04 giờ làm việc');
    assert.equal(formatProcessingTime({ amount: 15, unit: 'calendar-days' }), '15 ngày');
    assert.equal(formatProcessingTime({ amount: 1.5, unit: 'working-days' }), '1,5 ngày làm việc');
  });

  it('counts a dossier against its channel’s published time, or the agency’s shorter committed time', () => {
    // 1.012818 (land): online and postal 25 working days, counter 35.
    const land = ProcedureContent.parse({
      ...birth,
      processingTime: { amount: 35, unit: 'working-days' },
      channelTimes: [
        { channel: 'online', amount: 25, unit: 'working-days' },
        { channel: 'postal', amount: 25, unit: 'working-days' },
      ],
    });
    assert.deepEqual(dossierTimeLimit(land, 'counter'), { amount: 35, unit: 'working-days' });
    assert.deepEqual(dossierTimeLimit(land, 'online'), { amount: 25, unit: 'working-days' });
    // A ward committed to 30 working days: shorter than the counter's 35, not than online's 25.
    const committed = { amount: 30, unit: 'working-days' as const };
    assert.deepEqual(dossierTimeLimit(land, 'counter', committed), committed);
    assert.deepEqual(dossierTimeLimit(land, 'online', committed), { amount: 25, unit: 'working-days' });
    // Half a day committed (4 working hours) against 1 working day.
    const oneDay = ProcedureContent.parse({ ...birth, processingTime: { amount: 1, unit: 'working-days' } });
    assert.deepEqual(dossierTimeLimit(oneDay, 'counter', { amount: 4, unit: 'working-hours' }), {
      amount: 4,
      unit: 'working-hours',
    });
    // Calendar days are never compared with working time.
    assert.deepEqual(dossierTimeLimit(oneDay, 'counter', { amount: 0.5, unit: 'calendar-days' }), {
      amount: 1,
      unit: 'working-days',
    });
    assert.equal(
      describeProcessingTime(land),
      '35 ngày làm việc; Trực tuyến: 25 ngày làm việc; Qua dịch vụ bưu chính công ích: 25 ngày làm việc',
    );
  });

  it('carries a procedure’s own same-day cut-off, and only for same-day procedures', () => {
    const certified = ProcedureContent.parse({
      ...birth,
      processingTime: { amount: 0, unit: 'working-days', sameDayCutoff: '16:00' },
    });
    assert.deepEqual(dossierTimeLimit(certified, 'counter'), {
      amount: 0,
      unit: 'working-days',
      cutoff: '16:00',
    });
    assert.equal(describeProcessingTime(certified), 'Trong ngày (nhận đến 16:00)');
    const bad = ProcedureContent.safeParse({
      ...birth,
      processingTime: { amount: 3, unit: 'working-days', sameDayCutoff: '16:00' },
    });
    assert.equal(bad.success, false);
    assert.match(JSON.stringify(bad.error?.issues), /chỉ áp dụng cho thủ tục giải quyết trong ngày/);
    const twice = ProcedureContent.safeParse({
      ...birth,
      channelTimes: [
        { channel: 'online', amount: 1, unit: 'working-days' },
        { channel: 'online', amount: 2, unit: 'working-days' },
      ],
    });
    assert.equal(twice.success, false);
  });

  it('folds diacritics, đ and case so searches work without accents', () => {
    assert.equal(foldVietnamese('Xác nhận TÌNH TRẠNG hôn nhân'), 'xac nhan tinh trang hon nhan');
    assert.equal(foldVietnamese('Đăng ký khai tử'), 'dang ky khai tu');
    assert.deepEqual(queryTerms('  Khai sinh, 1.001193 '), ['khai', 'sinh', '1.001193']);
  });

  it('compares two versions by time, fees and components', () => {
    const amended = ProcedureContent.parse({
      ...birth,
      processingTime: { amount: 3, unit: 'working-days' },
      fees: [{ kind: 'lệ phí', name: 'Đăng ký khai sinh quá hạn', amountVnd: 8000 }],
      components: [
        { name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, required: true },
        { name: 'Văn bản ủy quyền', originals: 1, copies: 0, required: false, condition: 'khi nộp thay' },
      ],
    });
    const d = diffVersions(birth, amended);
    const time = d.changes.find((c) => c.field === 'processingTime');
    assert.deepEqual([time?.before, time?.after], ['Trong ngày', '03 ngày làm việc']);
    assert.match(d.changes.find((c) => c.field === 'fees')?.after ?? '', /8\.000 đồng/);
    assert.deepEqual(
      d.components.map((c) => [c.change, c.name]),
      [
        ['removed', 'Giấy chứng sinh'],
        ['added', 'Văn bản ủy quyền'],
      ],
    );
    assert.deepEqual(diffVersions(birth, birth), { changes: [], components: [] });
  });
});
