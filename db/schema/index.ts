export * from './accounts';
export * from './community';
export * from './kb';
export * from './outbox';
