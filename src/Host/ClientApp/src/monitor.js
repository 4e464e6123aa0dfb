// The monitor's process picture: the instance's marks as on the work pages (finished and taken green, current blue,
// rejected red) and, on every element where tokens wait, a badge with their number (bpmn-js overlays).
import { showDiagram, disposeDiagram } from './viewer.js';

export { disposeDiagram };

/**
 * Shows the picture of instance instanceId in element with a token badge per element of tokens ({ elementId: count }).
 * Reads GET /api/instances/{id}/xml and /diagram-state with the user's cookie. Returns { ok, status, badges }: the
 * number of badges drawn; status -1 when the definition has no diagram bpmn-js can draw.
 */
export async function showTokens(element, instanceId, tokens, locale) {
  const id = encodeURIComponent(instanceId);
  const [ xml, state ] = await Promise.all([ fetchText(`/api/instances/${id}/xml`), fetchText(`/api/instances/${id}/diagram-state`) ]);
  const failed = [ xml, state ].find(r => !r.ok);
  if (failed) {
    return { ok: false, status: failed.status, badges: 0 };
  }
  const marks = JSON.parse(state.text);
  let shown;
  try {
    shown = await showDiagram(element, xml.text, {
      completed: [ ...(marks.finishedElementIds || []), ...(marks.takenFlowIds || []) ],
      rejected: marks.rejectedElementIds || [],
      active: marks.activeElementIds || [],
    }, locale);
  } catch {
    return { ok: false, status: -1, badges: 0 };
  }
  const overlays = shown.viewer.get('overlays');
  const registry = shown.viewer.get('elementRegistry');
  let badges = 0;
  for (const [ elementId, count ] of Object.entries(tokens || {})) {
    if (!registry.get(elementId) || !(count > 0)) {
      continue;
    }
    const badge = document.createElement('span');
    badge.className = 'wf-token-badge';
    badge.textContent = String(count);
    badge.dataset.element = elementId;
    badge.setAttribute('aria-hidden', 'true');
    badge.style.cssText = 'display:inline-block;min-width:18px;height:18px;padding:0 5px;border-radius:9px;'
      + 'background:#1565c0;color:#fff;font:bold 12px/18px sans-serif;text-align:center;box-shadow:0 0 0 2px #fff;';
    overlays.add(elementId, 'wf-token', { position: { top: -9, right: 9 }, html: badge });
    badges++;
  }
  return { ok: true, status: 200, badges };
}

async function fetchText(path) {
  try {
    const response = await fetch(path, { credentials: 'same-origin', headers: { 'Accept': 'application/json, application/xml, application/problem+json' } });
    return { ok: response.ok, status: response.status, text: await response.text() };
  } catch {
    return { ok: false, status: 0, text: '' };
  }
}
