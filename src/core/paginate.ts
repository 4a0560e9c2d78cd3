// Offset pagination as an async iterator: fetch a page, yield its items, stop at the total or a short page.
import { ProviderApiError, type SecretsErrorDetails } from "./errors.js";

export interface Page<T> {
  items: T[];
  /** Total number of items, when the API says. */
  total?: number | undefined;
}

/**
 * A server that ignores `offset` would answer the same full pages for ever (or alternate between two): a page
 * seen before ends the iteration with a ProviderApiError. So does going past the pages the first reported total
 * allows at the first page's size (a server may answer fewer items than asked; one page of slack for secrets added
 * meanwhile), which also stops a total that grows with every page.
 */
export async function* paginate<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pageSize: number,
  details: SecretsErrorDetails,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cap = Number.POSITIVE_INFINITY;
  for (let offset = 0, pages = 1; ; pages += 1) {
    const page = await fetchPage(offset, pageSize);
    const fingerprint = JSON.stringify(page.items);
    // (An empty page ends the iteration below, so only a full page can come twice.)
    if (seen.has(fingerprint))
      throw new ProviderApiError("the API answered a page it had answered before (does it ignore offset?)", details);
    if (pages === 1 && page.total !== undefined && page.items.length > 0) cap = Math.ceil(page.total / page.items.length) + 1;
    if (pages > cap) throw new ProviderApiError(`the API answered more pages than its total of ${page.total} allows`, details);
    seen.add(fingerprint);
    yield* page.items;
    offset += page.items.length;
    const done = page.total !== undefined ? offset >= page.total : page.items.length < pageSize;
    if (done || page.items.length === 0) return;
  }
}
