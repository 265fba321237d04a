/** The value at a dotted path (`data.amount`, `0.last`) of parsed JSON, or undefined. */
export function valueAt(json: unknown, path: string): unknown {
  let current = json;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A finite number, from a number or a numeric string (exchanges send prices as strings). */
export function numberAt(json: unknown, path: string | undefined): number | null {
  if (!path) {
    return null;
  }
  const value = valueAt(json, path);
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}
