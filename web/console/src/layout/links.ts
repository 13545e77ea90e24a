/**
 * Cloudscape links and navigation items are real anchors (right-click, open in a new tab work);
 * a plain click is turned into a router navigation instead of a page load.
 */
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';

export const BASE_PATH = '/console';

/** The full href of a console path, for anchors. */
export function consoleHref(path: string): string {
  return `${BASE_PATH}${path === '/' ? '/' : path}`;
}

/** An onFollow handler for Cloudscape components whose items carry console hrefs. */
export function useFollow() {
  const navigate = useNavigate();
  return useCallback(
    (event: CustomEvent<{ href?: string; external?: boolean }>) => {
      const href = event.detail.href;
      if (!href || event.detail.external || !href.startsWith(BASE_PATH)) return;
      event.preventDefault();
      navigate(href.slice(BASE_PATH.length) || '/');
    },
    [navigate],
  );
}
