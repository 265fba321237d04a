/** Every request the page makes goes to this service's own public API, with the pasted key if any. */
let apiKey = null;

export function setKey(key) {
  apiKey = key || null;
}

export function currentKey() {
  return apiKey;
}

/**
 * GET a path of the API. Resolves to `{ ok, status, body, headers }`; when the service cannot be
 * reached the status is 0 and the body says why, so panels show one kind of problem.
 */
export async function getJson(path) {
  const headers = { Accept: 'application/json' };
  if (apiKey) {
    headers['X-API-Key'] = apiKey;
  }
  let res;
  try {
    res = await fetch(path, { headers, cache: 'no-store' });
  } catch (error) {
    const body = { message: `The service did not answer (${error.message}).` };
    return { ok: false, status: 0, body, headers: new Headers() };
  }
  const body = await res
    .json()
    .catch(() => ({ message: `Unreadable answer (HTTP ${res.status}).` }));
  return { ok: res.ok, status: res.status, body, headers: res.headers };
}
