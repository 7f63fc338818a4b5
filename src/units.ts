// Numbers as ectl's own outputs show them (records, status, doctor): IDs and sizes. etcdctl's
// formats are Go's and live in go/format.ts (hexId is Go's `%x`, hexLease its signed `%016x`).

/** A 64-bit ID as 16 lowercase hex digits, read unsigned (a member ID may have its top bit set). */
export function hexUint64(id: bigint): string {
  return BigInt.asUintN(64, id).toString(16).padStart(16, '0');
}

const IEC_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** A byte count scaled to the largest IEC unit (up to TiB) that keeps it at 1 or more. */
export function iecScale(n: bigint | number): { value: number; unit: (typeof IEC_UNITS)[number] } {
  let value = Number(n);
  let i = 0;
  for (; value >= 1024 && i < IEC_UNITS.length - 1; i++) value /= 1024;
  return { value, unit: IEC_UNITS[i]! };
}
