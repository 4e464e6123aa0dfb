// The BPMN designer of the web UI: bpmn-js Modeler with Chinese texts, our properties group, validation marks,
// save/publish through the REST API, import/export and version comparison. Used by Web/Pages/Designer.razor.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './designer.css';

import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import workflowsModdle from './moddle/wf.json';
import { translateModule } from './i18n/translate.js';
import workflowTexts from './i18n/zh-workflows.js';
import zh from './i18n/zh.js';
import { problemText, detailText } from './i18n/problems.js';
import { localizeAttributes } from './i18n/localize-attributes.js';
import workflowPropertiesModule from './properties/index.js';
import { activityCatalogModule } from './activity-catalog.js';
import { scopeCatalogModule } from './properties/CandidateScopePicker.js';
import { callApi, problemOf, download } from './api.js';
import { compareVersions } from './compare.js';

Object.assign(zh, workflowTexts);

const newDiagram = (key, name) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="urn:gd-workflows:bpmn" id="Definitions_${key}" targetNamespace="urn:gd-workflows:designs">
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${key}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** Moves the keyboard focus to the element with this id (after a dialog closes). */
export function focusById(id) {
  document.getElementById(id)?.focus();
}

/** Adds the bundle's style sheet (dist/designer.css) to the document once. */
function ensureStyles(name) {
  const href = new URL(`./${name}.css`, import.meta.url).href;
  if (![ ...document.querySelectorAll('link[rel=stylesheet]') ].some(l => l.href === href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
}

/** Creates the designer in the two elements; options: { locale, activitiesUrl }. */
export async function createDesigner(canvasElement, panelElement, options) {
  ensureStyles('designer');
  const locale = options?.locale || 'zh-CN';
  const catalog = await callApi(options?.activitiesUrl || '/api/designer/activities');
  const descriptors = catalog.ok && Array.isArray(catalog.body) ? catalog.body : [];
  const scopes = await callApi(options?.scopesUrl || '/api/designer/scopes');
  const modeler = new Modeler({
    container: canvasElement,
    propertiesPanel: { parent: panelElement },
    moddleExtensions: { camunda: camundaModdle, wf: workflowsModdle },
    additionalModules: [
      translateModule(locale),
      activityCatalogModule(descriptors, locale),
      scopeCatalogModule(scopes.ok ? scopes.body : null, locale),
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      workflowPropertiesModule,
    ],
  });
  const designer = new Designer(modeler, locale, descriptors.length);
  if (designer.chinese()) {
    designer.observers = [ localizeAttributes(panelElement, zh), localizeAttributes(canvasElement, zh) ];
  }
  await designer.newDiagram();
  return designer;
}

class Designer {
  constructor(modeler, locale, activityCount) {
    this.modeler = modeler;
    this.locale = locale;
    this.activityCount = activityCount;
    this.problemIds = [];
    this.comparison = null;
    this.fileInput = null;
    this.draftId = null;     // the draft saved from the diagram as it is now
    modeler.on('commandStack.changed', () => { this.draftId = null; });
  }

  chinese() { return this.locale.toLowerCase().startsWith('zh'); }

  /** The first process: its id is the definition key. */
  process() {
    const definitions = this.modeler.getDefinitions();
    const processes = (definitions?.rootElements || []).filter(e => e.$type === 'bpmn:Process');
    return processes.find(p => p.isExecutable) || processes[0] || null;
  }

  summary(extra) {
    const process = this.process();
    return { key: process?.id || '', name: process?.name || '', activityTypes: this.activityCount, ...extra };
  }

  async newDiagram() {
    const key = 'Process_' + Math.random().toString(36).slice(2, 9);
    const name = this.chinese() ? '新建流程' : 'New process';
    return this.importXml(newDiagram(key, name));
  }

  async importXml(xml) {
    this.clearProblems();
    this.draftId = null;
    try {
      const { warnings } = await this.modeler.importXML(xml);
      this.modeler.get('canvas').zoom('fit-viewport', 'auto');
      return this.summary({ ok: true, warnings: warnings.length });
    } catch (error) {
      console.warn('BPMN import failed', error);
      return this.summary({ ok: false, error: String(error?.message || error) });
    }
  }

  /** Lets the user pick a .bpmn file and opens it. Resolves { ok:false, cancelled:true } when none is chosen. */
  chooseFile(label) {
    if (!this.fileInput) {
      this.fileInput = document.createElement('input');
      this.fileInput.type = 'file';
      this.fileInput.accept = '.bpmn,.xml,application/xml,text/xml';
      this.fileInput.className = 'wf-hidden-file';
      this.fileInput.setAttribute('aria-label', label || 'BPMN');
      document.body.appendChild(this.fileInput);
    }
    const input = this.fileInput;
    input.value = '';
    return new Promise(resolve => {
      const done = async () => {
        input.removeEventListener('change', done);
        input.removeEventListener('cancel', cancel);
        const file = input.files?.[0];
        if (!file) {
          resolve({ ok: false, cancelled: true });
          return;
        }
        const result = await this.importXml(await file.text());
        resolve({ ...result, fileName: file.name });
      };
      const cancel = () => {
        input.removeEventListener('change', done);
        input.removeEventListener('cancel', cancel);
        resolve({ ok: false, cancelled: true });
      };
      input.addEventListener('change', done);
      input.addEventListener('cancel', cancel);
      input.click();
    });
  }

  async xml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  async exportBpmn() {
    const fileName = `${this.process()?.id || 'process'}.bpmn`;
    download(fileName, await this.xml(), 'application/xml');
    return fileName;
  }

  async exportSvg() {
    const { svg } = await this.modeler.saveSVG();
    const fileName = `${this.process()?.id || 'process'}.svg`;
    download(fileName, svg, 'image/svg+xml');
    return fileName;
  }

  // ---------------------------------------------------------------- problems on the elements

  clearProblems() {
    const canvas = this.modeler.get('canvas');
    const registry = this.modeler.get('elementRegistry');
    for (const id of this.problemIds) {
      if (registry.get(id)) {
        canvas.removeMarker(id, 'wf-problem');
      }
    }
    this.modeler.get('overlays').remove({ type: 'wf-problem' });
    this.problemIds = [];
  }

  showProblems(problems) {
    this.clearProblems();
    const canvas = this.modeler.get('canvas');
    const registry = this.modeler.get('elementRegistry');
    const overlays = this.modeler.get('overlays');
    const byElement = new Map();
    const list = problems.map(p => ({
      elementId: p.elementId || null,
      line: p.line || 0,
      message: problemText(p.message, this.locale),
      onDiagram: !!(p.elementId && registry.get(p.elementId)),
    }));
    for (const problem of list.filter(p => p.onDiagram)) {
      byElement.set(problem.elementId, [ ...(byElement.get(problem.elementId) || []), problem.message ]);
    }
    for (const [ id, messages ] of byElement) {
      canvas.addMarker(id, 'wf-problem');
      const badge = document.createElement('div');
      badge.className = 'wf-problem-badge';
      badge.textContent = String(messages.length);
      badge.title = messages.join('\n');
      badge.setAttribute('role', 'img');
      badge.setAttribute('aria-label', messages.join('；'));
      overlays.add(id, 'wf-problem', { position: { top: -10, right: 10 }, html: badge });
      this.problemIds.push(id);
    }
    return list;
  }

  /** Selects and shows an element (from the problem list). */
  focusElement(id) {
    const element = this.modeler.get('elementRegistry').get(id);
    if (element) {
      this.modeler.get('selection').select(element);
      this.modeler.get('canvas').scrollToElement(element);
    }
  }

  // ---------------------------------------------------------------- the REST API

  async validate() {
    const result = await callApi('/api/definitions/validate', { method: 'POST', body: await this.xml(), contentType: 'application/xml' });
    if (!result.ok) {
      const problem = problemOf(result);
      return this.summary({ ok: false, status: result.status, detail: detailText(problem.detail, this.locale), problems: this.showProblems(problem.problems) });
    }
    return this.summary({ ok: result.body.valid, status: result.status, problems: this.showProblems(result.body.problems || []) });
  }

  async saveDraft() {
    const result = await callApi('/api/definitions', { method: 'POST', body: await this.xml(), contentType: 'application/xml' });
    if (!result.ok) {
      const problem = problemOf(result);
      return this.summary({ ok: false, status: result.status, detail: detailText(problem.detail, this.locale), problems: this.showProblems(problem.problems), definitions: [] });
    }
    this.clearProblems();
    const definitions = result.body.definitions || [];
    this.draftId = definitions.find(d => d.key === this.process()?.id)?.id || null;
    return this.summary({ ok: true, status: result.status, problems: [], definitions });
  }

  /** Publishes the diagram as it is: the draft saved from it, or a new draft saved first. */
  async publishCurrent() {
    let saved = null;
    if (!this.draftId) {
      saved = await this.saveDraft();
      if (!saved.ok) {
        return { ...saved, definition: null };
      }
    }
    const published = await this.publish(this.draftId);
    if (published.ok) {
      this.draftId = null;
    }
    return this.summary({ ...published, problems: [], definitions: saved?.definitions || [] });
  }

  async publish(id) {
    const result = await callApi(`/api/definitions/${encodeURIComponent(id)}/publish`, { method: 'POST' });
    return result.ok
      ? { ok: true, status: result.status, definition: result.body }
      : { ok: false, status: result.status, detail: detailText(problemOf(result).detail, this.locale) };
  }

  async versions(key) {
    const result = await callApi(`/api/definitions?key=${encodeURIComponent(key || this.process()?.id || '')}`);
    return result.ok
      ? { ok: true, status: result.status, definitions: result.body }
      : { ok: false, status: result.status, detail: detailText(problemOf(result).detail, this.locale), definitions: [] };
  }

  async definitionXml(id) {
    const result = await callApi(`/api/definitions/${encodeURIComponent(id)}/xml`);
    if (!result.ok) {
      throw new Error(detailText(problemOf(result).detail, this.locale) || `HTTP ${result.status}`);
    }
    return result.body;
  }

  async openDefinition(id) {
    try {
      return await this.importXml(await this.definitionXml(id));
    } catch (error) {
      return this.summary({ ok: false, error: String(error?.message || error) });
    }
  }

  async compare(leftElement, rightElement, leftId, rightId) {
    this.closeComparison();
    try {
      const [ leftXml, rightXml ] = await Promise.all([ this.definitionXml(leftId), this.definitionXml(rightId) ]);
      this.comparison = await compareVersions(leftElement, rightElement, leftXml, rightXml, this.locale);
      return { ok: true, changes: this.comparison.changes };
    } catch (error) {
      return { ok: false, error: String(error?.message || error), changes: [] };
    }
  }

  closeComparison() {
    this.comparison?.destroy();
    this.comparison = null;
  }

  dispose() {
    (this.observers || []).forEach(o => o.disconnect());
    this.closeComparison();
    this.fileInput?.remove();
    this.modeler.destroy();
  }
}
