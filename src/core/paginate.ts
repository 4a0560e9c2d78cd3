// Offset pagination as an async iterator: fetch a page, yield its items, stop at the total or a short page.

export interface Page<T> {
  items: T[];
  /** Total number of items, when the API says. */
  total?: number | undefined;
}

export async function* paginate<T>(fetchPage: (offset: number, limit: number) => Promise<Page<T>>, pageSize: number): AsyncGenerator<T, void, undefined> {
  for (let offset = 0; ; ) {
    const page = await fetchPage(offset, pageSize);
    yield* page.items;
    offset += page.items.length;
    const done = page.total !== undefined ? offset >= page.total : page.items.length < pageSize;
    if (done || page.items.length === 0) return;
  }
}
