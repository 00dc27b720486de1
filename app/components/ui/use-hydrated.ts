// True once React runs in the browser: parts of a page that change with JavaScript (narrowed choices,
// hidden sections) render their no-JavaScript form first, so the server's HTML works on its own.
import { useEffect, useState } from 'react';

export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
