/**
 * What a person types into a form, kept in the tab's sessionStorage as they type: it survives a
 * session that ends mid-sentence (sign in again, come back, it is still there) and a 412 conflict.
 * Cleared once the action it was for succeeds.
 */
import { useCallback, useState } from 'react';

const PREFIX = 'console.draft.';

export function useDraft<T>(key: string, initial: T): [T, (next: T) => void, () => void] {
  const storageKey = PREFIX + key;
  const [value, setValue] = useState<T>(() => {
    const kept = sessionStorage.getItem(storageKey);
    if (kept === null) return initial;
    try {
      return JSON.parse(kept) as T;
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (next: T) => {
      setValue(next);
      sessionStorage.setItem(storageKey, JSON.stringify(next));
    },
    [storageKey],
  );
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
  }, [storageKey, initial]);
  return [value, update, clear];
}
