// Some texts of the properties panel library never reach the translate service (for example the pop-up editor
// button of text areas): translate the title and aria-label attributes of everything under the container.
const attributes = [ 'title', 'aria-label', 'placeholder' ];

export function localizeAttributes(container, dictionary) {
  const localize = element => {
    for (const name of attributes) {
      const value = element.getAttribute?.(name);
      if (value && dictionary[value] && dictionary[value] !== value) {
        element.setAttribute(name, dictionary[value]);
      }
    }
  };
  const localizeTree = root => {
    localize(root);
    root.querySelectorAll?.('[title], [aria-label], [placeholder]').forEach(localize);
  };

  localizeTree(container);
  const observer = new MutationObserver(mutations => {
    for (const mutation of mutations) {
      if (mutation.type === 'attributes') {
        localize(mutation.target);
      } else {
        mutation.addedNodes.forEach(node => node.nodeType === 1 && localizeTree(node));
      }
    }
  });
  observer.observe(container, { subtree: true, childList: true, attributes: true, attributeFilter: attributes });
  return observer;
}
