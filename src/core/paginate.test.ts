// Offset pagination that cannot loop: a server that ignores offset, or pages past its own total, ends the iteration.
import { describe, expect, it } from "vitest";
import { ProviderApiError } from "./errors.js";
import { type Page, paginate } from "./paginate.js";

const details = { provider: "example", operation: "list" };
const page = (from: number, size: number) => Array.from({ length: size }, (_, index) => ({ id: from + index }));

async function collect<T>(pages: AsyncIterable<T>, max = 100_000): Promise<{ items: T[]; error?: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of pages) if (items.push(item) >= max) break;
  } catch (error) {
    return { items, error };
  }
  return { items };
}

describe("paginate", () => {
  it("pages by offset until the total, and until a short page when there is no total", async () => {
    const offsets: number[] = [];
    const withTotal = await collect(
      paginate(
        async (offset, limit): Promise<Page<{ id: number }>> => {
          offsets.push(offset);
          return { items: page(offset, Math.min(limit, 25 - offset)), total: 25 };
        },
        10,
        details,
      ),
    );
    expect(withTotal.items.map((item) => item.id)).toEqual(page(0, 25).map((item) => item.id));
    expect(offsets).toEqual([0, 10, 20]);
    const withoutTotal = await collect(paginate(async (offset, limit) => ({ items: page(offset, offset >= 20 ? 3 : limit) }), 10, details));
    expect(withoutTotal.items).toHaveLength(23);
  });

  it("a server that ignores offset and alternates two full pages: stopped at the first repeat, not 20,000 items later", async () => {
    let requests = 0;
    const result = await collect(
      paginate(async () => ({ items: page(requests++ % 2 === 0 ? 0 : 100, 2) }), 2, details),
      20_000,
    );
    expect(result.error).toBeInstanceOf(ProviderApiError);
    expect(result.error).toMatchObject({ provider: "example", operation: "list" });
    expect(requests).toBe(3);
    expect(result.items).toHaveLength(4);
  });

  it("a server that answers fewer items than asked is paged to the end", async () => {
    const result = await collect(paginate(async (offset) => ({ items: page(offset, Math.min(20, 45 - offset)), total: 45 }), 100, details));
    expect(result.error).toBeUndefined();
    expect(result.items).toHaveLength(45);
  });

  it("a server whose total grows with every page, or whose pages shrink to one item, is stopped at the page cap", async () => {
    let requests = 0;
    const growing = await collect(paginate(async (offset) => (requests++, { items: page(offset, 10), total: offset + 20 }), 10, details));
    expect(growing.error).toBeInstanceOf(ProviderApiError);
    expect(requests).toBe(4);
    const shrinking = await collect(paginate(async (offset) => ({ items: page(offset, offset === 0 ? 10 : 1), total: 1000 }), 10, details));
    expect(shrinking.error).toBeInstanceOf(ProviderApiError);
    expect(shrinking.items).toHaveLength(10 + 100);
  });

  it("an empty page ends the iteration, even before the total: the secrets may have been deleted meanwhile", async () => {
    const offsets: number[] = [];
    const result = await collect(
      paginate(async (offset) => (offsets.push(offset), { items: offset === 0 ? page(0, 2) : [], total: 10 }), 2, details),
    );
    expect(result).toEqual({ items: page(0, 2) });
    expect(offsets).toEqual([0, 2]);
  });
});
