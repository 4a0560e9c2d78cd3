// Offset pagination as an async iterator: fetch a page, yield its items, stop at the total or a short page.
import { ProviderApiError, type SecretsErrorDetails } from "./errors.js";

export interface Page<T> {
  items: T[];
  /** Total number of items, when the API says. */
  total?: number | undefined;
}

/**
 * A server that ignores `offset` would answer the same full pages for ever (or alternate between two): a page
 * seen before ends the iteration with a ProviderApiError, and so does going past the pages the reported total
 * allows.
 */
export async function* paginate<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pageSize: number,
  details: SecretsErrorDetails,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  for (let offset = 0, pages = 0; ; pages += 1) {
    const page = await fetchPage(offset, pageSize);
    const fingerprint = JSON.stringify(page.items);
    if (page.items.length > 0 && seen.has(fingerprint))
      throw new ProviderApiError("the API answered a page it had answered before (does it ignore offset?)", details);
    if (page.total !== undefined && pages > Math.ceil(page.total / pageSize))
      throw new ProviderApiError(`the API answered more pages than its total of ${page.total} allows`, details);
    seen.add(fingerprint);
    yield* page.items;
    offset += page.items.length;
    const done = page.total !== undefined ? offset >= page.total : page.items.length < pageSize;
    if (done || page.items.length === 0) return;
  }
}
