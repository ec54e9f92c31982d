export * from './field-rules';
export * from './policy';
export * from './relations';
