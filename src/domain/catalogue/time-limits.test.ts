import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareTimeLimits } from './procedure';

describe('comparing time limits', () => {
  it('compares working time in minutes (one working day is eight working hours)', () => {
    assert.equal(
      compareTimeLimits({ amount: 1, unit: 'working-days' }, { amount: 8, unit: 'working-hours' }),
      0,
    );
    assert.ok(
      compareTimeLimits({ amount: 4, unit: 'working-hours' }, { amount: 1, unit: 'working-days' })! < 0,
    );
    assert.ok(
      compareTimeLimits({ amount: 2, unit: 'working-days' }, { amount: 15, unit: 'working-hours' })! > 0,
    );
  });

  it('compares calendar days with calendar days only', () => {
    assert.ok(
      compareTimeLimits({ amount: 3, unit: 'calendar-days' }, { amount: 5, unit: 'calendar-days' })! < 0,
    );
    assert.equal(
      compareTimeLimits({ amount: 5, unit: 'calendar-days' }, { amount: 5, unit: 'calendar-days' }),
      0,
    );
    assert.equal(
      compareTimeLimits({ amount: 1, unit: 'calendar-days' }, { amount: 5, unit: 'working-days' }),
      null,
    );
    assert.equal(
      compareTimeLimits({ amount: 5, unit: 'working-hours' }, { amount: 1, unit: 'calendar-days' }),
      null,
    );
  });
});
