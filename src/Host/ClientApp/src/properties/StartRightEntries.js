import { TextFieldEntry, SelectEntry, isTextFieldEntryEdited, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { createElement as h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { is, getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';
import { CandidateScopePicker } from './CandidateScopePicker.js';

/**
 * The "发起权限" (start rights) group of a process (the pool of a collaboration, or the process itself): who may
 * start it — roles at fixed organisation scopes (camunda:candidateStarterGroups, an organisation and everything
 * below it) and user names (camunda:candidateStarterUsers) — and whether it starts only through its own application
 * (wf:startVia="domain"). Without any starter only administrators may start the process (the engine's default).
 */
export function hasStartRights(element) {
  return is(element, 'bpmn:Process') || (is(element, 'bpmn:Participant') && !!getBusinessObject(element).processRef);
}

/** The process whose start rights the element shows: the process itself, or the pool's process. */
export function processOf(element) {
  const bo = getBusinessObject(element);
  return is(element, 'bpmn:Participant') ? bo.processRef : bo;
}

function write(modeling, element, values) {
  const target = processOf(element);
  const cleaned = {};
  for (const [ key, value ] of Object.entries(values)) {
    cleaned[key] = value === '' ? undefined : value;
  }
  if (target === getBusinessObject(element)) {
    modeling.updateProperties(element, cleaned);
  } else {
    modeling.updateModdleProperties(element, target, cleaned);
  }
}

export const startChannels = [
  { value: '', label: 'From the to-do list, by the starters below' },
  { value: 'domain', label: 'Only through its own application (e.g. filing a nomination)' },
];

function StartVia(props) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(SelectEntry, {
    element, id,
    label: translate('Started'),
    getValue: () => processOf(element).get('wf:startVia') || '',
    setValue: value => write(modeling, element, { 'wf:startVia': value }),
    getOptions: () => startChannels.map(o => ({ value: o.value, label: translate(o.label) })),
  });
}

function StarterUsers(props) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element, id, debounce,
    label: translate('Starter users'),
    description: translate('User names, comma separated'),
    getValue: () => processOf(element).get('camunda:candidateStarterUsers') || '',
    setValue: value => write(modeling, element, { 'camunda:candidateStarterUsers': value }),
  });
}

function StarterGroups(props) {
  return h(CandidateScopePicker, {
    ...props,
    attribute: 'camunda:candidateStarterGroups',
    target: processOf,
    fixedOnly: true,
    texts: { title: 'Add a starter role', current: 'Current starter roles' },
  });
}

export function startRightEntries() {
  return [
    { id: 'wf-startVia', component: StartVia, isEdited: isSelectEntryEdited },
    { id: 'wf-starterGroups', component: StarterGroups, isEdited: () => false },
    { id: 'wf-starterUsers', component: StarterUsers, isEdited: isTextFieldEntryEdited },
    { id: 'wf-startHint', component: StartHint, isEdited: () => false },
  ];
}

function StartHint(props) {
  const translate = useService('translate');
  return h('p', { class: 'bio-properties-panel-description wf-start-hint', 'data-entry-id': props.id },
    translate('Without a starter only administrators may start this process.'));
}
