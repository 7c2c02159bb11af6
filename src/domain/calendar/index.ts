export { FIRST_YEAR, HolidayCalendar, LAST_YEAR, MINUTES_PER_WORKING_DAY, WorkingCalendar } from './calendar';
export { type HolidayRule, placeRule, STATUTORY_HOLIDAYS, type StatutoryHoliday } from './holidays';
export { dayToIso, isoToDay, localDayOf, localMinuteOf, toLocalIso } from './local';
export { lunarToSolarDay, tetDay } from './lunar';
export { type DueExplanation, explainDue, extendedDue, resumedDue, timeliness } from './rules';
export { DayInfo, DayReason, Duration, OfficeHours, OfficialSchedule, Timeliness } from './schemas';
export { viDate, viDateTime, workingDurationText } from './text';
