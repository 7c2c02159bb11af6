import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCccdQr } from './cccd';

describe('CCCD QR code', () => {
  it('reads the seven fields of a chip-based ID card, with full diacritics', () => {
    const r = parseCccdQr(
      '079190001234|025123456|Nguyễn Thị Hồng Nhung|15081990|Nữ|12 Lê Lợi, Phường Sài Gòn, TP. Hồ Chí Minh|01072021',
    );
    assert.ok(r.ok);
    assert.deepEqual(r.value, {
      idNumber: '079190001234',
      oldIdNumber: '025123456',
      fullName: 'Nguyễn Thị Hồng Nhung',
      dateOfBirth: '1990-08-15',
      sex: 'Nữ',
      address: '12 Lê Lợi, Phường Sài Gòn, TP. Hồ Chí Minh',
      issuedOn: '2021-07-01',
      extra: [],
    });
  });

  it('accepts an empty old ID and keeps fields that newer cards add', () => {
    const r = parseCccdQr('001205012345||Trần Minh Khang|02032005|Nam|Xã Cần Giờ|10052022|thêm|nữa\n');
    assert.ok(r.ok);
    assert.equal(r.value.oldIdNumber, null);
    assert.deepEqual(r.value.extra, ['thêm', 'nữa']);
  });

  it('refuses a string whose ID number disagrees with the birth century or sex', () => {
    const r = parseCccdQr('079090001234||Phạm Văn Khoa|01011990|Nữ|Hà Nội|01072021');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /không khớp/);
  });

  it('refuses what a scanner may type by mistake', () => {
    assert.equal(parseCccdQr('https://example.vn').ok, false);
    assert.equal(parseCccdQr('07919000123|x|Tên|15081990|Nữ|Địa chỉ|01072021').ok, false);
    assert.equal(parseCccdQr('079190001234||Tên Người|31021990|Nữ|Địa chỉ|01072021').ok, false);
  });
});
