import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAddress, provinceFullName } from './division';

describe('addresses in the two-level system', () => {
  it('prints street, commune and province separated by commas, as on the forms', () => {
    assert.equal(
      formatAddress({
        detail: '12 Lê Lợi',
        communeName: 'Phường Sài Gòn',
        provinceName: 'Thành phố Hồ Chí Minh',
      }),
      '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
    );
  });
  it('leaves out an empty street detail', () => {
    assert.equal(
      formatAddress({ detail: '  ', communeName: 'Xã Hòa Thành', provinceName: 'Tỉnh Cà Mau' }),
      'Xã Hòa Thành, Tỉnh Cà Mau',
    );
  });
  it('names a province with its kind unless the name already carries it', () => {
    assert.equal(provinceFullName('Cao Bằng', 'Tỉnh'), 'Tỉnh Cao Bằng');
    assert.equal(provinceFullName('Thành phố Hà Nội', 'Thành phố Trung Ương'), 'Thành phố Hà Nội');
  });
});
