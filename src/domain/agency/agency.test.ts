import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canBeChildOf, OfficeHours, subtreeIds } from './agency';
import { isAgencyCode, parseAgencyCode } from './agency-code';

describe('agency identifier codes (QCVN 102:2016)', () => {
  it('accepts the four levels of the national code shape', () => {
    assert.equal(parseAgencyCode('000.00.00.H29')?.depth, 1);
    assert.equal(parseAgencyCode('000.00.12.H29')?.depth, 2);
    assert.equal(parseAgencyCode('000.23.41.H29')?.depth, 3);
    assert.equal(parseAgencyCode('123.23.41.H29')?.depth, 4);
    assert.equal(parseAgencyCode('000.00.00.G01')?.level1, 'G01');
  });

  it('rejects codes with a missing parent group or a wrong shape', () => {
    for (const bad of [
      '000.05.00.H29',
      '001.00.41.H29',
      'H29',
      '000.00.00.h29',
      '000.00.00.H2',
      '00.00.00.H29',
      '',
    ]) {
      assert.equal(isAgencyCode(bad), false, bad);
    }
  });

  it('accepts every well-formed code built from its groups', () => {
    const digits = (n: number) =>
      fc.integer({ min: 1, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    fc.assert(
      fc.property(digits(3), digits(2), digits(2), fc.constantFrom('G', 'H'), digits(2), (v, z, y, m, x) =>
        isAgencyCode(`${v}.${z}.${y}.${m}${x}`),
      ),
    );
  });
});

describe('agency tree', () => {
  it('puts a province at the top and communes under a province or an intermediate district', () => {
    assert.equal(canBeChildOf('province', null), true);
    assert.equal(canBeChildOf('commune', null), false);
    assert.equal(canBeChildOf('commune', 'province'), true);
    assert.equal(canBeChildOf('district', 'province'), true);
    assert.equal(canBeChildOf('commune', 'district'), true);
    assert.equal(canBeChildOf('province', 'province'), false);
    assert.equal(canBeChildOf('district', 'commune'), false);
  });

  it('collects an agency and everything below it', () => {
    const all = [
      { id: 'p', parentId: null },
      { id: 'd', parentId: 'p' },
      { id: 'c1', parentId: 'd' },
      { id: 'c2', parentId: 'p' },
      { id: 'q', parentId: null },
      { id: 'c3', parentId: 'q' },
    ];
    assert.deepEqual(subtreeIds(all, 'p').sort(), ['c1', 'c2', 'd', 'p']);
    assert.deepEqual(subtreeIds(all, 'c1'), ['c1']);
  });
});

describe('office hours', () => {
  it('accepts the default two sessions and refuses overlapping or reversed ones', () => {
    assert.equal(
      OfficeHours.safeParse({
        sessions: [
          { start: '07:30', end: '11:30' },
          { start: '13:00', end: '17:00' },
        ],
      }).success,
      true,
    );
    assert.equal(OfficeHours.safeParse({ sessions: [{ start: '11:30', end: '07:30' }] }).success, false);
    assert.equal(
      OfficeHours.safeParse({
        sessions: [
          { start: '07:30', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      }).success,
      false,
    );
    assert.equal(OfficeHours.safeParse({ sessions: [{ start: '7:30', end: '11:30' }] }).success, false);
    assert.equal(OfficeHours.safeParse({ sessions: [] }).success, false);
  });

  it('accepts a same-day cut-off inside the working day and refuses one outside it', () => {
    const sessions = [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ];
    assert.equal(OfficeHours.safeParse({ sessions, sameDayCutoff: '16:00' }).success, true);
    assert.equal(OfficeHours.safeParse({ sessions, sameDayCutoff: '17:00' }).success, true);
    const late = OfficeHours.safeParse({ sessions, sameDayCutoff: '17:30' });
    assert.equal(late.success, false);
    assert.deepEqual(late.error?.issues[0]?.path, ['sameDayCutoff']);
    assert.equal(OfficeHours.safeParse({ sessions, sameDayCutoff: '07:00' }).success, false);
    assert.equal(OfficeHours.safeParse({ sessions, sameDayCutoff: '3pm' }).success, false);
  });
});
