/**
 * Reading an HTTP request target without `new URL`, which throws on targets such as `//[`: an
 * upgrade handler that threw would take the process down.
 */

/** The path of a request target, e.g. `/ws` for `/ws?token=…`. */
export function pathOf(target: string | undefined): string {
  return (target ?? '/').split('?')[0];
}

/** One query parameter; URLSearchParams accepts any text, malformed escapes included. */
export function queryParam(target: string | undefined, name: string): string | undefined {
  const at = (target ?? '').indexOf('?');
  return at < 0 ? undefined : (new URLSearchParams(target?.slice(at + 1)).get(name) ?? undefined);
}
