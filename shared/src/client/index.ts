export * from './mission-control-error';
export * from './mission-control.client';
