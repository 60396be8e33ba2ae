import { useCallback, useSyncExternalStore } from 'react';

/** Whether a CSS media query matches, correct from the first render (no layout flash). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Desktop layout (fixed side navigator) from antd's `lg` breakpoint up. */
export const WIDE_SCREEN = '(min-width: 992px)';
