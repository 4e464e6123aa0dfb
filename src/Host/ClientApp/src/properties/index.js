import WorkflowPropertiesProvider from './WorkflowPropertiesProvider.js';

export default {
  __init__: [ 'workflowPropertiesProvider' ],
  workflowPropertiesProvider: [ 'type', WorkflowPropertiesProvider ],
};
