export * from './accounts';
export * from './community';
export * from './kb';
export * from './moderation';
export * from './notifications';
export * from './outbox';
export * from './search';
export * from './support';
