import zh from './zh.js';

/**
 * A diagram-js `translate` service for the given locale: Simplified Chinese ('zh…') uses our dictionary, anything
 * else keeps the English texts of bpmn-js. Placeholders such as {element} are filled in either way.
 */
export function translateModule(locale) {
  const dictionary = (locale || '').toLowerCase().startsWith('zh') ? zh : {};
  function translate(template, replacements) {
    const text = dictionary[template] || template;
    return text.replace(/{([^}]+)}/g, (_, key) => (replacements && key in replacements) ? replacements[key] : `{${key}}`);
  }
  return { translate: [ 'value', translate ] };
}
