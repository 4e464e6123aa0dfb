// The inbox, task and instance pages call the REST API from the browser, with the sign-in cookie, exactly as any other
// client does: the API holds the access rules, the operations a node allows and the problem details. The pages get the
// answers' text and read it themselves.

/**
 * Sends a request to the API. body: JSON text (already serialized) or null; requestId: the Idempotency-Key of a command,
 * so that a retried click is answered, not applied twice. Returns { ok, status, text }; status 0 when the server could
 * not be reached.
 */
export async function send(path, method, body, requestId) {
  const headers = { 'Accept': 'application/json, application/problem+json' };
  if (body !== null && body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (requestId) {
    headers['Idempotency-Key'] = requestId;
  }
  try {
    const response = await fetch(path, { method: method || 'GET', body: body ?? undefined, headers, credentials: 'same-origin' });
    return { ok: response.ok, status: response.status, text: await response.text() };
  } catch {
    return { ok: false, status: 0, text: '' };
  }
}

let fileInput;

/**
 * Lets the user choose a file and uploads it to the instance (multipart 'file', optional 'taskId').
 * Returns { cancelled, ok, status, text, fileName }.
 */
export function chooseAndUpload(instanceId, taskId, label) {
  if (!fileInput) {
    fileInput = document.createElement('input');
    fileInput.type = 'file';
    fileInput.accept = '.pdf,.docx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
    fileInput.style.display = 'none';
    document.body.appendChild(fileInput);
  }
  const input = fileInput;
  input.setAttribute('aria-label', label || '');
  input.value = '';
  return new Promise(resolve => {
    const stop = () => {
      input.removeEventListener('change', chosen);
      input.removeEventListener('cancel', cancelled);
    };
    const chosen = async () => {
      stop();
      const file = input.files?.[0];
      if (!file) {
        resolve({ cancelled: true, ok: false, status: 0, text: '', fileName: '' });
        return;
      }
      const form = new FormData();
      form.append('file', file, file.name);
      if (taskId) {
        form.append('taskId', taskId);
      }
      try {
        const response = await fetch(`/api/instances/${encodeURIComponent(instanceId)}/attachments`, {
          method: 'POST', body: form, credentials: 'same-origin', headers: { 'Accept': 'application/json, application/problem+json' },
        });
        resolve({ cancelled: false, ok: response.ok, status: response.status, text: await response.text(), fileName: file.name });
      } catch {
        resolve({ cancelled: false, ok: false, status: 0, text: '', fileName: file.name });
      }
    };
    const cancelled = () => {
      stop();
      resolve({ cancelled: true, ok: false, status: 0, text: '', fileName: '' });
    };
    input.addEventListener('change', chosen);
    input.addEventListener('cancel', cancelled);
    input.click();
  });
}

/** Puts the keyboard focus on the element with the id (the button that opened a dialog, once it is closed). */
export function focusById(id) {
  document.getElementById(id)?.focus();
}
