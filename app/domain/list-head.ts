// Long lists shown to a person (bad cells of a file, notes of an import) are cut to their first
// items with "and K more": a 100,000-row file must not become 200,000 list items on a page.

/** The first `max` items of a long list and how many were left out. */
export function listHead<T>(items: readonly T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}
