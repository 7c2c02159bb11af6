import { type ComponentProps, type ComponentType, createElement, lazy } from 'react';

/**
 * A lazily loaded screen built with antd, rendered inside antd's theme and locale. The provider is loaded
 * together with the screen, so a page that does not use antd (the portal's procedure page) never downloads
 * antd's core.
 */
// biome-ignore lint/suspicious/noExplicitAny: any component's props; the result keeps the screen's own type
export function withAntd<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => {
    const [m, { AntdProvider }] = await Promise.all([load(), import('./AntdProvider')]);
    const Screen = m[name];
    return {
      default: (props: ComponentProps<M[K]>) => <AntdProvider>{createElement(Screen, props)}</AntdProvider>,
    };
  });
}
