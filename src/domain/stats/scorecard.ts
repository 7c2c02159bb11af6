/**
 * Decision 766/QĐ-TTg (23/06/2022): the service index of an agency for a period, 100 points in six
 * groups (indicators.md). Formulas: the DVCQG document "Mô tả công thức tính chỉ số 766" and the
 * scores observed on its reporting API (legal-reference.md §6.1–6.2, read from `ChippedTopaz/qd766`:
 * `web/src/formula-document.ts`, `web/src/formula-maximums.ts`, `docs/SCORING_ANALYSIS_M0.md`).
 * Pure: the caller supplies every input, each with where it came from.
 */
import { GROUPS } from './scorecard-indicators';
import { INPUT_LABELS_VI, type InputKey, type Inputs, type InputSource } from './scorecard-inputs';

export { type GroupDef, GROUPS, type IndicatorDef } from './scorecard-indicators';
export {
  blankInputs,
  ENTERED_INPUTS,
  INPUT_KEYS,
  INPUT_LABELS_VI,
  type Input,
  type InputKey,
  type Inputs,
  type InputSource,
} from './scorecard-inputs';

export interface IndicatorScore {
  code: string;
  metric: string | null;
  name: string;
  max: number;
  formula: string;
  source: string;
  inputs: { key: InputKey; label: string; value: number; source: InputSource; note: string | null }[];
  r: number | null;
  score: number;
  /** True when an input it needs was neither computed nor entered (scored as 0). */
  incomplete: boolean;
}

export interface GroupScore {
  code: string;
  name: string;
  max: number;
  score: number;
  indicators: IndicatorScore[];
}

export interface Scorecard {
  total: number;
  max: number;
  groups: GroupScore[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Scores every indicator of Decision 766; scores are rounded to 2 decimals as DVCQG shows them. */
export function scorecard(inputs: Inputs): Scorecard {
  const groups = GROUPS.map((g): GroupScore => {
    const indicators = g.indicators.map((d): IndicatorScore => {
      const { r, score } = d.compute((k) => inputs[k].value);
      return {
        code: d.code,
        metric: d.metric,
        name: d.name,
        max: d.max,
        formula: d.formula,
        source: d.source,
        inputs: d.inputs.map((k) => ({
          key: k,
          label: INPUT_LABELS_VI[k],
          value: inputs[k].value,
          source: inputs[k].source,
          note: inputs[k].note ?? null,
        })),
        r: r === null ? null : round2(r),
        score: round2(Math.max(0, Math.min(d.max, score))),
        incomplete: d.inputs.some((k) => inputs[k].source === 'missing'),
      };
    });
    return {
      code: g.code,
      name: g.name,
      max: g.max,
      score: round2(indicators.reduce((n, i) => n + i.score, 0)),
      indicators,
    };
  });
  return {
    total: round2(groups.reduce((n, g) => n + g.score, 0)),
    max: GROUPS.reduce((n, g) => n + g.max, 0),
    groups,
  };
}
