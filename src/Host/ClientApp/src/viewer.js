// Read-only process picture with marks (finished, current, rejected steps), for the inbox and monitor pages.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './viewer.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import workflowsModdle from './moddle/wf.json';
import { translateModule } from './i18n/translate.js';

/** The viewer shown in each container, so that showing again replaces it. */
const viewers = new WeakMap();

/**
 * Shows the XML in the element with marks: { completed: [ids], active: [ids], rejected: [ids] }.
 * Returns { ok, missing: ids not in the diagram, dispose, viewer }.
 */
export async function showDiagram(element, xml, marks, locale) {
  const href = new URL('./viewer.css', import.meta.url).href;
  if (![ ...document.querySelectorAll('link[rel=stylesheet]') ].some(l => l.href === href)) {
    document.head.insertAdjacentHTML('beforeend', `<link rel="stylesheet" href="${href}">`);
  }
  viewers.get(element)?.destroy();
  const viewer = new NavigatedViewer({
    container: element,
    moddleExtensions: { camunda: camundaModdle, wf: workflowsModdle },
    additionalModules: [ translateModule(locale) ],
  });
  viewers.set(element, viewer);
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  canvas.zoom('fit-viewport', 'auto');
  const missing = [];
  for (const [ kind, ids ] of Object.entries(marks || {})) {
    for (const id of ids || []) {
      if (registry.get(id)) {
        canvas.addMarker(id, `wf-mark-${kind}`);
      } else {
        missing.push(id);
      }
    }
  }
  return { ok: true, missing, viewer, dispose: () => { viewer.destroy(); viewers.delete(element); } };
}

/**
 * The picture of a process instance: its definition's XML (GET /api/instances/{id}/xml) with the marks of
 * GET /api/instances/{id}/diagram-state — finished steps and the flows taken green, current steps blue, rejected or
 * returned steps red. Returns plain data for the page: { ok, status, active, finished, rejected } where each list holds
 * { id, name } of the marked shapes (flows are not listed).
 */
export async function showInstance(element, instanceId, locale) {
  const id = encodeURIComponent(instanceId);
  const [ xml, state ] = await Promise.all([ fetchText(`/api/instances/${id}/xml`), fetchText(`/api/instances/${id}/diagram-state`) ]);
  const failed = [ xml, state ].find(r => !r.ok);
  if (failed) {
    return { ok: false, status: failed.status, active: [], finished: [], rejected: [] };
  }
  const marks = JSON.parse(state.text);
  try {
    const shown = await showDiagram(element, xml.text, {
      completed: [ ...(marks.finishedElementIds || []), ...(marks.takenFlowIds || []) ],
      rejected: marks.rejectedElementIds || [],
      active: marks.activeElementIds || [],
    }, locale);
    const registry = shown.viewer.get('elementRegistry');
    const named = ids => (ids || [])
      .map(i => registry.get(i))
      .filter(e => e && !e.waypoints)
      .map(e => ({ id: e.id, name: e.businessObject?.name || '' }));
    return {
      ok: true,
      status: 200,
      active: named(marks.activeElementIds),
      finished: named(marks.finishedElementIds),
      rejected: named(marks.rejectedElementIds),
    };
  } catch {
    // The definition has no diagram (BPMN DI) or one bpmn-js cannot draw: status -1 tells the page so.
    return { ok: false, status: -1, active: [], finished: [], rejected: [] };
  }
}

/** Removes the picture of the element (the page is left). */
export function disposeDiagram(element) {
  viewers.get(element)?.destroy();
  viewers.delete(element);
}

async function fetchText(path) {
  try {
    const response = await fetch(path, { credentials: 'same-origin', headers: { 'Accept': 'application/json, application/xml, application/problem+json' } });
    return { ok: response.ok, status: response.status, text: await response.text() };
  } catch {
    return { ok: false, status: 0, text: '' };
  }
}
