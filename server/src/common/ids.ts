import { v7 } from 'uuid';

/**
 * New row ids: UUIDv7, ordered by creation time and increasing within a millisecond in this process (lists order rows
 * that share a timestamp by id, see clock.ts). Each insert lands at the end of the primary-key index, where a
 * random UUIDv4 lands anywhere in it: on a table of activities that grows by thousands per minute, that is three
 * times the insert rate (BENCHMARKS.md). Ids stay opaque strings; rows written with v4 ids before keep them.
 */
export const newId = (): string => v7();
