import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { diff } from 'bpmn-js-differ';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import workflowsModdle from './moddle/wf.json';
import { translateModule } from './i18n/translate.js';

/** Attribute names as the properties panel labels them (keys of the translate dictionary). */
const attributeLabels = {
  'name': 'Name',
  'id': 'ID',
  'camunda:assignee': 'Assignee',
  'camunda:candidateGroups': 'Candidate roles',
  'camunda:candidateUsers': 'Candidate users',
  'camunda:dueDate': 'Due time',
  'camunda:formKey': 'Form',
  'wf:approvalMethod': 'Approval method',
  'wf:approvers': 'Approvers',
  'wf:passRatio': 'Pass ratio',
  'wf:outcomeVariable': 'Outcome variable',
  'wf:remindBefore': 'Remind before due',
  'wf:remindEvery': 'Remind every',
  'wf:timeoutAction': 'Timeout action',
  'wf:escalateTo': 'Escalate to role',
  'wf:commentRequired': 'Comment required',
  'wf:rejectAction': 'On rejection',
  'wf:rejectTo': 'Return to node',
  'wf:activityType': 'Activity type',
  'conditionExpression': 'Condition expression',
  'documentation': 'Documentation',
};

const typeLabels = {
  'bpmn:SubProcess': 'Sub-process',
  'bpmn:SequenceFlow': 'Sequence flow',
  'bpmn:EventBasedGateway': 'Event-based gateway',
};

/** 'bpmn:UserTask' → 'User task', the key of the translate dictionary. */
export function typeLabel(type) {
  if (typeLabels[type]) {
    return typeLabels[type];
  }
  const local = (type || '').replace(/^bpmn:/, '');
  const words = local.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ');
  return [ words[0], ...words.slice(1).map(w => w.toLowerCase()) ].join(' ');
}

/**
 * Shows two versions side by side and marks what changed from the left (older) to the right (newer) one with
 * bpmn-js-differ: added (right), removed (left), changed and moved (both). Returns the list of changes.
 */
export async function compareVersions(leftElement, rightElement, leftXml, rightXml, locale) {
  const make = container => new NavigatedViewer({
    container,
    moddleExtensions: { camunda: camundaModdle, wf: workflowsModdle },
    additionalModules: [ translateModule(locale) ],
  });
  const left = make(leftElement);
  const right = make(rightElement);
  await left.importXML(leftXml);
  await right.importXML(rightXml);
  left.get('canvas').zoom('fit-viewport');
  right.get('canvas').zoom('fit-viewport');

  const result = diff(left.getDefinitions(), right.getDefinitions());
  const translate = left.get('translate');
  const changes = [];
  const mark = (viewer, id, marker) => {
    if (viewer.get('elementRegistry').get(id)) {
      viewer.get('canvas').addMarker(id, marker);
    }
  };
  const describe = (id, element, kind, attributes) => changes.push({
    id,
    name: element?.name || '',
    type: translate(typeLabel(element?.$type)),
    kind,
    attributes: attributes || [],
  });

  for (const [ id, element ] of Object.entries(result._added)) {
    mark(right, id, 'wf-diff-added');
    describe(id, element, 'added');
  }
  for (const [ id, element ] of Object.entries(result._removed)) {
    mark(left, id, 'wf-diff-removed');
    describe(id, element, 'removed');
  }
  for (const [ id, change ] of Object.entries(result._changed)) {
    mark(left, id, 'wf-diff-changed');
    mark(right, id, 'wf-diff-changed');
    // bpmn-js-differ 3.2 hands the diff's [old, new] pair to changed(model, key, newValue, oldValue) in that order, so
    // its "oldValue" holds the value of the newer (right) version and "newValue" the older one.
    describe(id, change.model, 'changed', Object.entries(change.attrs).map(([ name, values ]) => ({
      name: attributeLabels[name] ? translate(attributeLabels[name]) : name,
      oldValue: stringOf(values.newValue),
      newValue: stringOf(values.oldValue),
    })));
  }
  for (const [ id, element ] of Object.entries(result._layoutChanged)) {
    if (!result._changed[id] && !result._added[id] && !result._removed[id]) {
      mark(left, id, 'wf-diff-layout');
      mark(right, id, 'wf-diff-layout');
      describe(id, element, 'layout');
    }
  }

  return { changes, destroy: () => { left.destroy(); right.destroy(); } };
}

function stringOf(value) {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'object') {
    return value.id || value.name || value.$type || JSON.stringify(value);
  }
  return String(value);
}
