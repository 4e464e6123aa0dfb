// The nomination portal's uploads: a chosen file goes from the browser to the API (POST /api/nominations/{id}/attachments,
// multipart 'file' and 'materialCode') with XMLHttpRequest, so that the page can show the upload's real progress.
// The server checks the file by its content; the page shows its answer.

/**
 * Uploads the file chosen in the file input with the id to the nomination. progress: a .NET object reference; its
 * method Progress(percent) is called while the bytes go out (throttled to whole percents). Returns
 * { cancelled, ok, status, text, fileName }; cancelled when no file is chosen.
 */
export function uploadChosen(inputId, nominationId, materialCode, progress) {
  const input = document.getElementById(inputId);
  const file = input?.files?.[0];
  if (!file) {
    return Promise.resolve({ cancelled: true, ok: false, status: 0, text: '', fileName: '' });
  }
  const form = new FormData();
  form.append('file', file, file.name);
  if (materialCode) {
    form.append('materialCode', materialCode);
  }
  return new Promise(resolve => {
    const request = new XMLHttpRequest();
    let last = -1;
    const report = percent => {
      if (percent !== last && progress) {
        last = percent;
        progress.invokeMethodAsync('Progress', percent).catch(() => {});
      }
    };
    request.upload.addEventListener('progress', e => {
      if (e.lengthComputable && e.total > 0) {
        report(Math.min(100, Math.floor((e.loaded * 100) / e.total)));
      }
    });
    request.upload.addEventListener('load', () => report(100));
    request.addEventListener('load', () => {
      input.value = '';
      resolve({ cancelled: false, ok: request.status >= 200 && request.status < 300, status: request.status, text: request.responseText || '', fileName: file.name });
    });
    const failed = () => resolve({ cancelled: false, ok: false, status: 0, text: '', fileName: file.name });
    request.addEventListener('error', failed);
    request.addEventListener('abort', failed);
    request.open('POST', `/api/nominations/${encodeURIComponent(nominationId)}/attachments`);
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    request.withCredentials = true;
    request.send(form);
  });
}

/** The name and size of the file chosen in the input with the id, or null. */
export function chosenFile(inputId) {
  const file = document.getElementById(inputId)?.files?.[0];
  return file ? { name: file.name, size: file.size } : null;
}

/** Sends a JSON request (PUT and others the inbox module does not send); answers { ok, status, text }. */
export async function sendJson(path, method, body) {
  try {
    const response = await fetch(path, {
      method,
      body,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json, application/problem+json', 'Content-Type': 'application/json' },
    });
    return { ok: response.ok, status: response.status, text: await response.text() };
  } catch {
    return { ok: false, status: 0, text: '' };
  }
}

/**
 * Uploads the file chosen in the file input with the id to the url (multipart 'file'), reporting progress as
 * uploadChosen does (the bulk import of organisations and people). Returns { cancelled, ok, status, text, fileName }.
 */
export function uploadChosenTo(inputId, url, progress) {
  const input = document.getElementById(inputId);
  const file = input?.files?.[0];
  if (!file) {
    return Promise.resolve({ cancelled: true, ok: false, status: 0, text: '', fileName: '' });
  }
  const form = new FormData();
  form.append('file', file, file.name);
  return new Promise(resolve => {
    const request = new XMLHttpRequest();
    let last = -1;
    request.upload.addEventListener('progress', e => {
      const percent = e.lengthComputable && e.total > 0 ? Math.min(100, Math.floor((e.loaded * 100) / e.total)) : -1;
      if (percent >= 0 && percent !== last && progress) {
        last = percent;
        progress.invokeMethodAsync('Progress', percent).catch(() => {});
      }
    });
    request.addEventListener('load', () => {
      input.value = '';
      resolve({ cancelled: false, ok: request.status >= 200 && request.status < 300, status: request.status, text: request.responseText || '', fileName: file.name });
    });
    const failed = () => resolve({ cancelled: false, ok: false, status: 0, text: '', fileName: file.name });
    request.addEventListener('error', failed);
    request.addEventListener('abort', failed);
    request.open('POST', url);
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    request.withCredentials = true;
    request.send(form);
  });
}
