import { createElement as h } from '@bpmn-io/properties-panel/preact';
import { useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';

/**
 * The roles and organisation scopes of GET /api/designer/scopes as a diagram service: a candidate role is
 * `role@scope`, the scope a fixed path (/gd/gz) or one relative to the instance (${cityOf(initiatorOrg)}).
 */
export function scopeCatalogModule(catalog, locale) {
  const chinese = (locale || '').toLowerCase().startsWith('zh');
  const roles = catalog?.roles || [];
  const scopes = catalog?.scopes || [];
  const service = {
    roles,
    scopes,
    name: item => (chinese ? item.nameZh : item.nameEn) || item.key || item.value,
    role: key => roles.find(r => r.key === key),
    scope: value => scopes.find(s => s.value === value),
  };
  return { scopeCatalog: [ 'value', service ] };
}

/** Splits camunda:candidateGroups at the commas that are not inside an expression ${…}. */
export function splitGroups(text) {
  const parts = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < (text || '').length; i++) {
    const c = text[i];
    if (c === '{' && text[i - 1] === '$') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current.trim());
  return parts.filter(p => p);
}

/**
 * 候选角色选择: a role, an organisation scope (relative to the initiator, or a union of the tree) and 添加, which adds
 * `role@scope` to the task's candidate roles; below it the candidate roles in words, each with 移除.
 * Props: `attribute` (default camunda:candidateGroups), `target` (the business object to write, default the element's),
 * `fixedOnly` (no relative scopes: a start right names fixed organisations), `texts` (label keys).
 */
export function CandidateScopePicker(props) {
  const { element, id } = props;
  const attribute = props.attribute || 'camunda:candidateGroups';
  const texts = { title: 'Add a candidate role', current: 'Current candidate roles', ...(props.texts || {}) };
  const translate = useService('translate');
  const modeling = useService('modeling');
  const catalog = useService('scopeCatalog');
  const scopes = props.fixedOnly ? catalog.scopes.filter(s => !s.relative) : catalog.scopes;
  const [ role, setRole ] = useState(catalog.roles[0]?.key || '');
  const [ scope, setScope ] = useState(scopes[0]?.value || '');
  const target = props.target ? props.target(element) : getBusinessObject(element);
  const groups = splitGroups(target.get(attribute) || '');

  const write = list => {
    const value = list.length ? list.join(', ') : undefined;
    if (target === getBusinessObject(element)) {
      modeling.updateProperties(element, { [attribute]: value });
    } else {
      modeling.updateModdleProperties(element, target, { [attribute]: value });
    }
  };
  const add = () => {
    const group = `${role}@${scope}`;
    if (role && scope && !groups.includes(group)) {
      write([ ...groups, group ]);
    }
  };
  const describe = group => {
    const at = group.indexOf('@');
    const known = at > 0 ? catalog.role(group.slice(0, at)) : null;
    const where = at > 0 ? catalog.scope(group.slice(at + 1)) : null;
    return known && where ? `${catalog.name(known)}（${catalog.name(where)}）` : null;
  };

  const relative = scopes.filter(s => s.relative);
  const fixed = scopes.filter(s => !s.relative);
  return h('div', { class: 'bio-properties-panel-entry wf-scope-picker', 'data-entry-id': id }, [
    h('div', { class: 'bio-properties-panel-label', id: `${id}-title` }, translate(texts.title)),
    h('label', { class: 'bio-properties-panel-label', for: `${id}-role` }, translate('Role')),
    h('select', { id: `${id}-role`, class: 'bio-properties-panel-input', value: role, onChange: e => setRole(e.target.value) },
      catalog.roles.map(r => h('option', { value: r.key }, catalog.name(r)))),
    h('label', { class: 'bio-properties-panel-label', for: `${id}-scope` }, translate('Organisation scope')),
    h('select', { id: `${id}-scope`, class: 'bio-properties-panel-input', value: scope, onChange: e => setScope(e.target.value) }, [
      relative.length ? h('optgroup', { label: translate('Relative to the initiator') }, relative.map(s => h('option', { value: s.value }, catalog.name(s)))) : null,
      h('optgroup', { label: translate('Organisations') }, fixed.map(s => h('option', { value: s.value }, catalog.name(s)))),
    ]),
    h('button', { type: 'button', class: 'wf-scope-add', id: `${id}-add`, onClick: add }, translate('Add')),
    h('div', { class: 'bio-properties-panel-label', id: `${id}-current` }, translate(texts.current)),
    groups.length === 0
      ? h('p', { class: 'bio-properties-panel-description wf-scope-none' }, translate('None yet'))
      : h('ul', { class: 'wf-scope-list', 'aria-labelledby': `${id}-current` }, groups.map(group => {
        const words = describe(group);
        return h('li', { class: 'wf-scope-item', 'data-group': group }, [
          h('span', { class: words ? 'wf-scope-words' : 'wf-scope-code' }, words || group),
          h('button', {
            type: 'button', class: 'wf-scope-remove',
            'aria-label': translate('Remove {name}', { name: words || group }),
            onClick: () => write(groups.filter(g => g !== group)),
          }, '×'),
        ]);
      })),
  ]);
}
