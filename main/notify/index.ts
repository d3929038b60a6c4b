/** The notification producer's pure core: events from sync changes and the policy over them. */
export * from './events.ts';
export * from './messages.ts';
export * from './policy.ts';
export * from './tray.ts';
export * from './service.ts';
