export * from './disclosure';
export * from './guard';
export * from './population';
