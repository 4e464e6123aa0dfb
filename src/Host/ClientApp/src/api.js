// Same-origin calls to the host's REST API with the sign-in cookie (the API checks the user's policy itself).

/** Calls the API and returns { ok, status, body }; body is parsed JSON for JSON answers, else text. */
export async function callApi(path, { method = 'GET', body, contentType } = {}) {
  const headers = { 'Accept': 'application/json, application/problem+json, application/xml;q=0.9, */*;q=0.1' };
  if (contentType) {
    headers['Content-Type'] = contentType;
  }
  const response = await fetch(path, { method, body, headers, credentials: 'same-origin' });
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  let parsed = text;
  if (type.includes('json') && text) {
    try { parsed = JSON.parse(text); } catch { parsed = text; }
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

/** Problem details (RFC 7807) as { status, title, detail, problems }. */
export function problemOf(result) {
  const body = typeof result.body === 'object' && result.body ? result.body : {};
  return {
    status: result.status,
    title: body.title || '',
    detail: body.detail || (typeof result.body === 'string' ? result.body.slice(0, 500) : ''),
    problems: Array.isArray(body.problems) ? body.problems : [],
  };
}

/** Offers text to the browser as a downloaded file. */
export function download(fileName, text, mimeType) {
  const url = URL.createObjectURL(new Blob([ text ], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
