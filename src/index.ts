export * from './service-base';
export * from './headless';
export * from './external-alias';
export * from './manual-endpoints';
export * from './exposed-app';
export * from './tls-ingress';
export { FindingSeverity, ServicePatternsValidation, ServicePatternsValidationError } from './report';
export type { ValidationFinding } from './report';
