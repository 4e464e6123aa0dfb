// The activity types of the engine's registry (GET /api/designer/activities), as a diagram service.
export function activityCatalogModule(descriptors, locale) {
  const chinese = (locale || '').toLowerCase().startsWith('zh');
  const catalog = {
    descriptors,
    find: type => descriptors.find(d => d.type === type),
    displayName: d => (chinese ? d.displayNameZh : d.displayNameEn) || d.type,
    portName: p => (chinese ? p.displayNameZh : p.displayNameEn) || p.name,
  };
  return { activityCatalog: [ 'value', catalog ] };
}
