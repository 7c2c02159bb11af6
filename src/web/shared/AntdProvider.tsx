import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
// Date pickers (and every dayjs value) in Vietnam time, whatever the browser's zone.
import './vietnam-time';
import type { ReactNode } from 'react';

/**
 * Colours that keep WCAG AA contrast (4.5:1) on white for the elderly and for sunlit phone screens:
 * antd's default link blue and secondary/placeholder greys fall below it. `lite.css` uses the same values.
 */
export const THEME_TOKENS = {
  colorPrimary: '#b3261e',
  borderRadius: 6,
  colorLink: '#0b50b5',
  colorLinkHover: '#1f6fd6',
  colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
  colorTextDescription: 'rgba(0, 0, 0, 0.66)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  // Danger buttons, error texts and form messages: antd's #ff4d4f is 3.3:1 on white; this red is 5.6:1.
  colorError: '#c62828',
};

/**
 * antd's Vietnamese, with a date field saying what to type ("Chọn thời điểm" read as a time of day; issue 25):
 * dates are typed as ngày/tháng/năm.
 */
const VI = {
  ...viVN,
  DatePicker: viVN.DatePicker && {
    ...viVN.DatePicker,
    lang: { ...viVN.DatePicker.lang, placeholder: 'ngày/tháng/năm' },
  },
};

/**
 * A person who asked their device for less motion (vestibular disorders, WCAG 2.3.3; an old phone) gets antd
 * without its animations: dialogs, menus and drawers appear and go at once, waves and transitions are off.
 */
const REDUCED_MOTION =
  typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * Where antd puts the lists, calendars and tooltips it opens: inside the dialog when their control is in one
 * (a list rendered at the end of the page, outside every landmark and outside the dialog, is content a screen
 * reader's landmark navigation cannot reach — axe's "region"), else at the end of the page as usual.
 */
const popupContainer = (trigger?: HTMLElement): HTMLElement =>
  (trigger?.closest('.ant-modal-container') as HTMLElement | null) ?? document.body;

/**
 * antd's theme and locale (and dayjs's) for the screens built with antd. Loaded with those screens only
 * (see `withAntd`): the portal's procedure page, read on cheap phones, is built without antd.
 */
export function AntdProvider({ children }: { children: ReactNode }) {
  dayjs.locale('vi');
  return (
    <ConfigProvider
      locale={VI}
      theme={{ token: { ...THEME_TOKENS, motion: !REDUCED_MOTION } }}
      getPopupContainer={popupContainer}
    >
      {/* antd's App (message, modal contexts) wraps each face that needs it. */}
      {children}
    </ConfigProvider>
  );
}
