// lease -o (README "Output for scripts"): IDs as the 16-digit hex the simple output shows, so a
// 64-bit ID survives jq (etcd #14294); TTLs as numbers.
import type { LeaseOutput } from '../lease.js';
import type { ScriptValue } from './encode.js';
import { bytesField } from './records.js';
import { hexUint64 } from '../../units.js';
import type { ScriptView } from './render.js';

/** The -o formats of lease's sub-commands: documents (NDJSON: a lease a line for list). */
export const leaseScriptFormats = ['json', 'ndjson', 'yaml'] as const;

/**
 * grant and keep-alive: `{id, ttl}`; revoke: `{id, revision}`; timetolive: `{id, ttl,
 * granted_ttl, expired, keys?}` (keys with --keys); list: `{leases: [{id}]}`, NDJSON a lease a line.
 */
export function leaseView(out: LeaseOutput): ScriptView {
  switch (out.kind) {
    case 'grant':
    case 'keepalive':
      return {
        doc: { id: hexUint64(out.resp.ID), ttl: out.resp.TTL },
        stream: out.kind === 'keepalive',
      };
    case 'revoke':
      return { doc: { id: hexUint64(out.id), revision: out.resp.header?.revision ?? 0n } };
    case 'timetolive': {
      const r = out.resp;
      const doc: Record<string, ScriptValue> = {
        id: hexUint64(r.ID),
        ttl: r.TTL,
        granted_ttl: r.grantedTTL,
        // etcd answers a lease it does not know with TTL -1 (simple: "already expired").
        expired: r.TTL === -1n,
      };
      if (out.keys) doc.keys = r.keys.map((k) => bytesField('key', k));
      return { doc };
    }
    case 'leases': {
      const leases = out.resp.leases.map((l) => ({ id: hexUint64(l.ID) }));
      return { doc: { leases }, rows: leases };
    }
  }
}
