import type { CSSProperties, ReactNode } from 'react';

/**
 * A titled box that looks like antd's small Card, without its tabs and dropdown code: the portal's
 * procedure page is read on cheap phones and must stay within its JavaScript budget.
 */
export function Section({
  title,
  children,
  style,
  className,
}: {
  title: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
  className?: string;
}) {
  return (
    <section
      className={className}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff', marginTop: 12, ...style }}
    >
      <h2
        style={{
          margin: 0,
          padding: '8px 12px',
          fontSize: '1em',
          fontWeight: 600,
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        {title}
      </h2>
      <div style={{ padding: 12 }}>{children}</div>
    </section>
  );
}
