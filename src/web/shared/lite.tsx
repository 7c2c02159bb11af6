import './lite.css';
import type { CSSProperties, ReactNode } from 'react';

/*
 * Light components for the portal's frame and procedure page: plain HTML that looks like antd's, so a phone's
 * first visit does not download antd's core (budget: 200 KB of JavaScript gzipped, `bench/portal-bundle.ts`).
 * Screens with forms and tables keep antd, loaded with them (`withAntd`).
 */

/** Icons drawn on a 24-unit grid (Material Symbols shapes, Apache-2.0). */
const PATHS = {
  print:
    'M19 8H5a3 3 0 0 0-3 3v6h4v4h12v-4h4v-6a3 3 0 0 0-3-3Zm-3 11H8v-5h8v5Zm3-7a1 1 0 1 1 0-2 1 1 0 0 1 0 2ZM18 3H6v4h12V3Z',
  download: 'M5 20h14v-2H5v2Zm14-11h-4V3H9v6H5l7 7 7-7Z',
  send: 'M2.01 21 23 12 2.01 3 2 10l15 2-15 2 .01 7Z',
  login:
    'M11 7 9.6 8.4l2.6 2.6H2v2h10.2l-2.6 2.6L11 17l5-5-5-5Zm9 12h-8v2h8c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2h-8v2h8v14Z',
  text: 'M9 4v3h5v12h3V7h5V4H9Zm-6 8h3v7h3v-7h3V9H3v3Z',
  search:
    'M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5Zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14Z',
  edit: 'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25ZM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83Z',
  place:
    'M12 2C8.13 2 5 5.13 5 9c0 5.25 7 13 7 13s7-7.75 7-13c0-3.87-3.13-7-7-7Zm0 9.5a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5Z',
  file: 'M14 2H6c-1.1 0-2 .9-2 2v16c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V8l-6-6Zm2 16H8v-2h8v2Zm0-4H8v-2h8v2Zm-3-5V3.5L18.5 9H13Z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="lite-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}

export function Spinner({ style }: { style?: CSSProperties }) {
  return <span className="lite-spin" role="status" aria-label="Đang tải" style={style} />;
}

/**
 * A page still loading: a spinner in a box as tall as the screen, so that the footer below is not on screen
 * and moved down when the page arrives (a layout shift; the procedure page's was 0.1 on a phone).
 */
export function PageLoading() {
  return (
    <div className="lite-page-loading" aria-busy="true">
      <Spinner />
    </div>
  );
}

export function Button({
  children,
  onClick,
  type = 'default',
  size,
  block,
  icon,
  submit,
  className,
  style,
  ...aria
}: {
  children?: ReactNode;
  onClick?: () => void;
  type?: 'default' | 'primary' | 'link';
  size?: 'large';
  block?: boolean;
  icon?: ReactNode;
  /** Submits its form. */
  submit?: boolean;
  className?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}) {
  const cls = [
    'lite-btn',
    type !== 'default' && `lite-btn-${type}`,
    size && `lite-btn-${size}`,
    block && 'lite-btn-block',
    icon && !children && 'lite-btn-icon',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button type={submit ? 'submit' : 'button'} className={cls} style={style} onClick={onClick} {...aria}>
      {icon}
      {children && <span>{children}</span>}
    </button>
  );
}

const MARKS = { success: '✓', info: 'i', warning: '!', error: '!' } as const;

/** A message box like antd's Alert; warnings and errors are announced (role="alert"). */
export function Notice({
  type,
  title,
  description,
  style,
}: {
  type: keyof typeof MARKS;
  title: ReactNode;
  description?: ReactNode;
  style?: CSSProperties;
}) {
  return (
    <div
      className={`lite-notice lite-notice-${type}`}
      role={type === 'warning' || type === 'error' ? 'alert' : undefined}
      style={style}
    >
      <span className="lite-notice-mark" aria-hidden="true">
        {MARKS[type]}
      </span>
      <div>
        <div className="lite-notice-title">{title}</div>
        {description && <div className="lite-notice-desc">{description}</div>}
      </div>
    </div>
  );
}

export function Chip({ children }: { children: ReactNode }) {
  return <span className="lite-chip">{children}</span>;
}

/** A bordered list of label → value rows (antd's bordered one-column Descriptions). */
export function Fields({ rows }: { rows: [label: ReactNode, value: ReactNode, show?: unknown][] }) {
  return (
    <dl className="lite-fields">
      {rows
        .filter((r) => r.length < 3 || r[2])
        .map(([label, value], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows are fixed for a page
          <div key={i}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

export function Switch({
  checked,
  onChange,
  label,
}: {
  checked: boolean;
  onChange: (on: boolean) => void;
  label: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      className="lite-switch"
      onClick={() => onChange(!checked)}
    />
  );
}
