// What etcdctl's health check reads and how etcd names its alarms, shared by `endpoint health`,
// `ectl status`, `ectl doctor` and `alarm list`.

/**
 * The key a health check reads: any answer, "key not found" included, proves the member serves
 * linearizable reads (etcdctl's `endpoint health` reads it; permission denied counts as healthy).
 */
export const healthKey: Uint8Array = new TextEncoder().encode('health');

const alarmNames: Readonly<Record<number, string>> = { 1: 'NOSPACE', 2: 'CORRUPT' };

/** etcd's name of an alarm a member can raise (NOSPACE, CORRUPT); undefined for any other type. */
export function raisedAlarmName(alarm: number): string | undefined {
  return Object.hasOwn(alarmNames, alarm) ? alarmNames[alarm] : undefined;
}
