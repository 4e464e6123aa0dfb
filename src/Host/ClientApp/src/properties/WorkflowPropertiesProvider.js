import {
  TextFieldEntry, SelectEntry,
  isTextFieldEntryEdited, isSelectEntryEdited
} from '@bpmn-io/properties-panel';
import { createElement as h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { is, getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';
import { CandidateScopePicker } from './CandidateScopePicker.js';
import { hasStartRights, startRightEntries } from './StartRightEntries.js';

/**
 * The "审批设置" (approval settings) group of user tasks, the "活动设置" (activity) group of service and send
 * tasks and the "发起权限" (start rights) group of a process or pool (StartRightEntries.js): our wf: attributes (urn:gd-workflows:bpmn) and the camunda: attributes the engine reads. Labels are
 * English keys translated by the diagram's translate service (see i18n/zh-workflows.js).
 */
export default function WorkflowPropertiesProvider(propertiesPanel, activityCatalog, translate) {
  this.getGroups = function(element) {
    return function(groups) {
      if (is(element, 'bpmn:UserTask')) {
        groups.splice(1, 0, { id: 'wf-approval', label: translate('Approval settings'), entries: approvalEntries(element) });
      } else if (is(element, 'bpmn:ServiceTask') || is(element, 'bpmn:SendTask')) {
        groups.splice(1, 0, { id: 'wf-activity', label: translate('Activity settings'), entries: activityEntries(element, activityCatalog) });
      } else if (hasStartRights(element)) {
        groups.splice(1, 0, { id: 'wf-start', label: translate('Start rights'), entries: startRightEntries() });
      }
      // The groups' own texts (toggle, "contains edits") go through the diagram's translate service too.
      for (const group of groups) {
        group.translate = translate;
      }
      return groups;
    };
  };

  propertiesPanel.registerProvider(400, this);
}

WorkflowPropertiesProvider.$inject = [ 'propertiesPanel', 'activityCatalog', 'translate' ];

// ------------------------------------------------------------------ attribute access

/** The value of an attribute such as 'wf:passRatio' or 'camunda:assignee' (unknown ones are kept in $attrs). */
export function getAttribute(element, name) {
  const bo = getBusinessObject(element);
  const value = bo.get(name);
  return value === undefined || value === null ? '' : value;
}

function setAttributes(modeling, element, values) {
  const cleaned = {};
  for (const [ key, value ] of Object.entries(values)) {
    cleaned[key] = value === '' || value === false ? undefined : value;
  }
  modeling.updateProperties(element, cleaned);
}

// The engine reads camunda:dueDate or wf:dueDate; moddle cannot declare both on one type, so the designer writes
// camunda:dueDate and shows (and then replaces) a wf:dueDate read from an imported file.
function getDueDate(element) {
  return getAttribute(element, 'camunda:dueDate') || getAttribute(element, 'wf:dueDate');
}

function setDueDate(modeling, element, value) {
  const bo = getBusinessObject(element);
  if (bo.$attrs && 'wf:dueDate' in bo.$attrs) {
    delete bo.$attrs['wf:dueDate'];
  }
  setAttributes(modeling, element, { 'camunda:dueDate': value });
}

// ------------------------------------------------------------------ entry components

function TextAttribute(props) {
  const { element, id, attribute, label, description, get, set } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element, id, debounce,
    label: translate(label),
    description: description ? translate(description) : undefined,
    getValue: () => get ? get(element) : getAttribute(element, attribute),
    setValue: value => set ? set(modeling, element, value) : setAttributes(modeling, element, { [attribute]: value }),
  });
}

function SelectAttribute(props) {
  const { element, id, attribute, label, description, options } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(SelectEntry, {
    element, id,
    label: translate(label),
    description: description ? translate(description) : undefined,
    getValue: () => getAttribute(element, attribute),
    setValue: value => setAttributes(modeling, element, { [attribute]: value }),
    getOptions: () => (typeof options === 'function' ? options() : options)
      .map(o => ({ value: o.value, label: o.translated ? o.label : translate(o.label) })),
  });
}

function text(id, attribute, label, description, extra) {
  return { id, attribute, label, description, component: TextAttribute, isEdited: isTextFieldEntryEdited, ...extra };
}

function select(id, attribute, label, options, description) {
  return { id, attribute, label, options, description, component: SelectAttribute, isEdited: isSelectEntryEdited };
}

// ------------------------------------------------------------------ user tasks

/** Values the engine's BpmnReader accepts (src/Engine/Parsing/BpmnReader.cs). */
export const approvalMethods = [
  { value: '', label: 'Single approver' },
  { value: 'countersign', label: 'Countersign (all approve)' },
  { value: 'anyone', label: 'Any one approves' },
  { value: 'sequential', label: 'One after another' },
];

export const timeoutActions = [
  { value: '', label: 'No timeout action' },
  { value: 'remind', label: 'Remind' },
  { value: 'approve', label: 'Approve automatically' },
  { value: 'reject', label: 'Reject automatically' },
  { value: 'escalate', label: 'Escalate' },
];

/** wf:rejectAction: outcome (the default: the outcome variable says rejected), end, return (to wf:rejectTo). */
export const rejectActions = [
  { value: '', label: 'Default (record the rejection as the outcome)' },
  { value: 'outcome', label: 'Record the rejection as the outcome' },
  { value: 'end', label: 'End the process' },
  { value: 'return', label: 'Return to a node or the initiator' },
];

/** wf:commentRequired: "true" (every decision) or "reject" (only rejecting and returning). */
export const commentRules = [
  { value: '', label: 'Comment optional' },
  { value: 'true', label: 'Comment required for every decision' },
  { value: 'reject', label: 'Comment required when rejecting or returning' },
];

function approvalEntries(element) {
  return [
    text('wf-assignee', 'camunda:assignee', 'Assignee', 'A user name or an expression, e.g. ${initiator}'),
    text('wf-candidateGroups', 'camunda:candidateGroups', 'Candidate roles',
      'role@organisation scope, comma separated, e.g. city-reviewer@/gd/gz or city-reviewer@${cityOf(initiatorOrg)}'),
    { id: 'wf-candidateScope', component: CandidateScopePicker, isEdited: () => false },
    text('wf-candidateUsers', 'camunda:candidateUsers', 'Candidate users', 'User names, comma separated'),
    select('wf-approvalMethod', 'wf:approvalMethod', 'Approval method', approvalMethods),
    text('wf-approvers', 'wf:approvers', 'Approvers', 'The list of approvers for countersign, any-one or sequential approval, e.g. ${committee}'),
    text('wf-passRatio', 'wf:passRatio', 'Pass ratio', 'A share such as 2/3, 0.5 or 60%'),
    text('wf-outcomeVariable', 'wf:outcomeVariable', 'Outcome variable', 'The variable that receives the decision (default: approved)'),
    text('wf-dueDate', 'camunda:dueDate', 'Due time', 'A duration; WD counts working days, e.g. P5WD', { get: getDueDate, set: setDueDate }),
    text('wf-remindBefore', 'wf:remindBefore', 'Remind before due', 'A duration, e.g. P1WD'),
    text('wf-remindEvery', 'wf:remindEvery', 'Remind every', 'A duration, e.g. P1D'),
    select('wf-timeoutAction', 'wf:timeoutAction', 'Timeout action', timeoutActions),
    text('wf-escalateTo', 'wf:escalateTo', 'Escalate to role', 'The role that takes the task over, e.g. province-reviewer@/gd'),
    select('wf-commentRequired', 'wf:commentRequired', 'Comment required', commentRules),
    select('wf-rejectAction', 'wf:rejectAction', 'On rejection', rejectActions),
    text('wf-rejectTo', 'wf:rejectTo', 'Return to node', 'The id of an earlier user task, or initiator'),
    text('wf-formKey', 'camunda:formKey', 'Form', 'The form key, e.g. forms/nomination-review'),
  ];
}

// ------------------------------------------------------------------ service and send tasks

function activityEntries(element, activityCatalog) {
  const entries = [
    select('wf-activityType', 'wf:activityType', 'Activity type', () => [
      { value: '', label: 'Choose an activity type' },
      ...activityCatalog.descriptors.map(d => ({ value: d.type, label: `${activityCatalog.displayName(d)}（${d.type}）`, translated: true })),
    ]),
  ];
  const descriptor = activityCatalog.find(getAttribute(element, 'wf:activityType'));
  for (const input of descriptor ? descriptor.inputs : []) {
    entries.push({
      id: `wf-input-${input.name}`,
      component: ActivityInput,
      input,
      isEdited: isTextFieldEntryEdited,
    });
  }
  return entries;
}

function findInputParameter(element, name) {
  const extension = (getBusinessObject(element).extensionElements?.values || []).find(e => is(e, 'camunda:InputOutput'));
  return { extension, parameter: extension?.inputParameters?.find(p => p.name === name) };
}

/** Port types of the activity descriptors as the panel words them (keys of the translate dictionary). */
const typeNames = { string: 'text', number: 'number', integer: 'whole number', boolean: 'yes or no', date: 'date', list: 'list', array: 'list', object: 'object' };

function ActivityInput(props) {
  const { element, id, input } = props;
  const translate = useService('translate');
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const activityCatalog = useService('activityCatalog');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element, id, debounce,
    label: activityCatalog.portName(input) + (input.required ? ' *' : ''),
    description: translate('Parameter {name} · {type}', { name: input.name, type: translate(typeNames[input.type] || input.type) }),
    getValue: () => findInputParameter(element, input.name).parameter?.value ?? '',
    setValue: value => setInputParameter(modeling, bpmnFactory, element, input.name, value),
  });
}

function setInputParameter(modeling, bpmnFactory, element, name, value) {
  const bo = getBusinessObject(element);
  let extensionElements = bo.extensionElements;
  if (!extensionElements) {
    extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    modeling.updateProperties(element, { extensionElements });
  }
  let { extension, parameter } = findInputParameter(element, name);
  if (!extension) {
    extension = bpmnFactory.create('camunda:InputOutput', { inputParameters: [], outputParameters: [] });
    extension.$parent = extensionElements;
    modeling.updateModdleProperties(element, extensionElements, { values: [ ...extensionElements.values, extension ] });
  }
  if (!value) {
    if (parameter) {
      modeling.updateModdleProperties(element, extension, { inputParameters: extension.inputParameters.filter(p => p !== parameter) });
    }
    return;
  }
  if (parameter) {
    modeling.updateModdleProperties(element, parameter, { value });
  } else {
    parameter = bpmnFactory.create('camunda:InputParameter', { name, value });
    parameter.$parent = extension;
    modeling.updateModdleProperties(element, extension, { inputParameters: [ ...(extension.inputParameters || []), parameter ] });
  }
}
