export * from './disclosure';
export * from './guard';
