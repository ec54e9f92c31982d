export * from './disclosure';
export * from './guard';
export * from './population';
export * from './linear-audit';
