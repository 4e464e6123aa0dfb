// Read-only process picture with marks (finished, current, rejected steps), for the inbox and monitor pages.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './viewer.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import workflowsModdle from './moddle/wf.json';
import { translateModule } from './i18n/translate.js';

/**
 * Shows the XML in the element with marks: { completed: [ids], active: [ids], rejected: [ids] }.
 * Returns { ok, missing: ids not in the diagram, dispose }.
 */
export async function showDiagram(element, xml, marks, locale) {
  const href = new URL('./viewer.css', import.meta.url).href;
  if (![ ...document.querySelectorAll('link[rel=stylesheet]') ].some(l => l.href === href)) {
    document.head.insertAdjacentHTML('beforeend', `<link rel="stylesheet" href="${href}">`);
  }
  const viewer = new NavigatedViewer({
    container: element,
    moddleExtensions: { camunda: camundaModdle, wf: workflowsModdle },
    additionalModules: [ translateModule(locale) ],
  });
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
  return { ok: true, missing, dispose: () => viewer.destroy() };
}
