import dayjs, { type PluginFunc } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import utc from 'dayjs/plugin/utc';

/** Vietnam's offset from UTC in minutes (UTC+7 all year, no daylight saving). */
const VN_OFFSET = 7 * 60;

interface Internals {
  $d: Date;
  $u?: boolean;
  $offset?: number;
  $x?: Record<string, unknown>;
  init(): void;
  utcOffset(offset: number): Internals;
}
type Cfg = { date?: unknown };

let converting = false;

/**
 * Every dayjs value in Vietnam time, whatever zone the browser is set to: the date pickers show and propose
 * Vietnam's wall clock, and what is typed or picked means Vietnam's wall clock. An instant (a Date, a number,
 * an ISO string with its offset) keeps its instant and is shown at UTC+7; a wall clock written without a zone
 * ("2026-11-26", "09:00 26/11/2026" typed in a picker) is read as Vietnam's. Values made from another value
 * (`add`, `startOf`, `hour(9)`…) keep its offset, as dayjs's utc plugin does.
 */
const vietnamTime: PluginFunc = (_option, cls) => {
  const proto = cls.prototype as unknown as Internals & { parse(cfg: Cfg): void };
  const parse = proto.parse;
  proto.parse = function (this: Internals, cfg: Cfg) {
    parse.call(this, cfg);
    if (converting || this.$u || this.$offset !== undefined || Number.isNaN(this.$d.getTime())) return;
    converting = true;
    try {
      let d = this.$d;
      if (typeof cfg.date === 'string' && !/(?:z|[+-]\d\d:?\d\d)$/i.test(cfg.date.trim())) {
        // A wall clock without a zone, read by the browser in its own zone: the same wall clock in Vietnam.
        d = new Date(
          Date.UTC(
            d.getFullYear(),
            d.getMonth(),
            d.getDate(),
            d.getHours(),
            d.getMinutes(),
            d.getSeconds(),
            d.getMilliseconds(),
          ) -
            VN_OFFSET * 60_000,
        );
      }
      const vn = (dayjs(d) as unknown as Internals).utcOffset(VN_OFFSET);
      this.$d = vn.$d;
      this.$u = vn.$u;
      this.$offset = vn.$offset;
      this.$x = { ...(this.$x ?? {}), ...(vn.$x ?? {}) };
      this.init();
    } finally {
      converting = false;
    }
  };
  // dayjs's utc plugin reads its own wall clock back as a browser-local Date (`toDate('s')`, used by startOf and
  // endOf): that parse must stay the browser's, or the day would start seven hours early.
  const toDate = (proto as unknown as { toDate(type?: string): Date }).toDate;
  (proto as unknown as { toDate(type?: string): Date }).toDate = function (this: unknown, type?: string) {
    if (type !== 's' || converting) return toDate.call(this, type);
    converting = true;
    try {
      return toDate.call(this, type);
    } finally {
      converting = false;
    }
  };
};

// antd's pickers extend customParseFormat too (a plugin is installed once): extending it here first keeps this
// plugin's parse outermost, so a date typed in a picker is read as Vietnam's wall clock as well.
dayjs.extend(customParseFormat);
dayjs.extend(utc);
dayjs.extend(vietnamTime);
