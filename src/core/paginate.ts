// Offset pagination as an async iterator: fetch a page, yield its items, stop at the total or a short page.

export interface Page<T> {
  items: T[];
  /** Total number of items, when the API says. */
  total?: number | undefined;
}

/**
 * A server that ignores `offset` would answer the same full page for ever: a page identical to the one
 * before ends the iteration with `onRepeat`'s error.
 */
export async function* paginate<T>(fetchPage: (offset: number, limit: number) => Promise<Page<T>>, pageSize: number, onRepeat: () => Error): AsyncGenerator<T, void, undefined> {
  let previous: string | undefined;
  for (let offset = 0; ; ) {
    const page = await fetchPage(offset, pageSize);
    const fingerprint = JSON.stringify(page.items);
    if (offset > 0 && page.items.length > 0 && fingerprint === previous) throw onRepeat();
    previous = fingerprint;
    yield* page.items;
    offset += page.items.length;
    const done = page.total !== undefined ? offset >= page.total : page.items.length < pageSize;
    if (done || page.items.length === 0) return;
  }
}
