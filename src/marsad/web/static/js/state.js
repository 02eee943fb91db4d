// The view's state lives in the URL's query string (same names as the API's filters), so a
// link reproduces the view. Every read goes through here; every change pushes history.

export const FILTER_NAMES = [
  "q", "since", "until", "kind", "category", "mode", "acled_type",
  "actor", "place", "country", "bbox",
];

export function currentParams() {
  return new URLSearchParams(window.location.search);
}

export function filtersFrom(params) {
  const filters = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value !== null && value.trim() !== "") filters.set(name, value.trim());
  }
  return filters;
}

export function navigate(params, { replace = false } = {}) {
  const query = params.toString();
  const url = query ? `?${query}` : window.location.pathname;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  window.dispatchEvent(new Event("marsad:navigate"));
}

// The same filters plus changes (null removes a parameter).
export function withChanges(changes, base = currentParams()) {
  const params = new URLSearchParams(base);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") params.delete(name);
    else params.set(name, String(value));
  }
  return params;
}

export async function getJson(path, params) {
  const query = params && params.toString();
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: { Accept: "application/json" },
  });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch { /* not JSON: keep the status text */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}
