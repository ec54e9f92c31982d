export * from './field-rules';
export * from './policy';
export * from './relations';
export * from './access-context';
export * from './shield';
export * from './scopes';
export * from './audit-plugin';
