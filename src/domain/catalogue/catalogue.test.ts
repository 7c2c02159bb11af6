import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffVersions } from './diff';
import { formatProcessingTime, ProcedureCode, ProcedureContent } from './procedure';
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
