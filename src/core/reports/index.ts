export * from './periods.ts';
export * from './templates.ts';
export * from './workflow.ts';
