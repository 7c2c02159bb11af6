import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { blankInputs, GROUPS, INPUT_KEYS, type Inputs, scorecard } from './scorecard';

function inputs(values: Partial<Record<keyof Inputs, number>>): Inputs {
  const i = blankInputs();
  for (const [k, v] of Object.entries(values))
    i[k as keyof Inputs] = { value: v as number, source: 'motcua' };
  return i;
}
const find = (s: ReturnType<typeof scorecard>, code: string) =>
  s.groups.flatMap((g) => g.indicators).find((i) => i.code === code)!;

describe('Decision 766 scorecard', () => {
  it('has six groups worth 18, 20, 12, 10, 18 and 22 points: 100 in all, each the sum of its indicators', () => {
    assert.deepEqual(
      GROUPS.map((g) => g.max),
      [18, 20, 12, 10, 18, 22],
    );
    for (const g of GROUPS)
      assert.equal(
        g.indicators.reduce((n, i) => n + i.max, 0),
        g.max,
        g.name,
      );
    assert.equal(scorecard(blankInputs()).max, 100);
  });

  it('scores progress as 20 × on-time ÷ dossiers to handle (1,003 on time + 283 early of 1,286 → 20)', () => {
    const s = scorecard(inputs({ onTime766: 1286, toHandle: 1286 }));
    assert.equal(find(s, '2.1').score, 20);
    assert.equal(find(scorecard(inputs({ onTime766: 900, toHandle: 1000 })), '2.1').score, 18);
  });

  it('gives online services full marks at 80 % of procedures and 50 % of dossiers online', () => {
    const s = scorecard(
      inputs({
        proceduresOnline: 8,
        proceduresOfUnit: 10,
        onlineServicesWithDossier: 3,
        onlineServices: 4,
        receivedOnline: 25,
        received: 100,
      }),
    );
    assert.equal(find(s, '3.1').score, 2);
    assert.equal(find(s, '3.2').score, 3);
    assert.equal(find(s, '3.3').score, 3);
    assert.equal(s.groups[2]!.score, 8);
  });

  it('gives feedback indicators full marks when there was no feedback, and satisfaction 0 without dossiers', () => {
    const s = scorecard(blankInputs());
    assert.equal(find(s, '5.2').score, 6);
    assert.equal(find(s, '5.3').score, 6);
    assert.equal(find(s, '5.4').score, 0);
  });

  it('scores satisfaction with dossier handling from the late and complained shares, full at 90 %', () => {
    const s = scorecard(inputs({ resolved: 100, resolvedLate: 5, dossiersComplainedOrDisliked: 5 }));
    assert.equal(find(s, '5.4').score, 6);
    const t = scorecard(inputs({ resolved: 100, resolvedLate: 20, dossiersComplainedOrDisliked: 7 }));
    assert.equal(find(t, '5.4').score, Math.round(((6 * 0.73) / 0.9) * 100) / 100);
  });

  it('marks an indicator whose input was neither computed nor entered as incomplete', () => {
    const s = scorecard(inputs({ received: 10, eResult: 3, finished: 4 }));
    assert.equal(find(s, '4.4').incomplete, true);
    assert.equal(find(s, '4.1').incomplete, false);
    assert.equal(find(s, '4.1').score, 4.5);
  });

  it('never scores below 0 or above the maximum, whatever the inputs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 10_000 }), { minLength: INPUT_KEYS.length, maxLength: INPUT_KEYS.length }),
        (vals) => {
          const i = blankInputs();
          INPUT_KEYS.forEach((k, n) => {
            i[k] = { value: vals[n]!, source: 'motcua' };
          });
          const s = scorecard(i);
          for (const g of s.groups) {
            for (const ind of g.indicators) assert.ok(ind.score >= 0 && ind.score <= ind.max, ind.code);
            assert.ok(g.score <= g.max + 1e-9);
          }
          assert.ok(s.total >= 0 && s.total <= 100);
        },
      ),
    );
  });
});
