// A RangeRequest with etcd's defaults in every field not given: what the Go client sends for a
// plain `Get(key, WithRange(end), WithRev(rev))`. Paged reads and txn ops need the whole message
// (range-pages copies and changes it), not a partial init.
import type { RangeRequest } from './proto/gen/messages.js';

/** The fields a caller sets; the others are zero, false or empty. */
export type RangeInit = Pick<RangeRequest, 'key'> &
  Partial<Pick<RangeRequest, 'range_end' | 'revision' | 'keys_only' | 'limit'>>;

/** A complete RangeRequest from `init`. */
export function rangeRequest(init: RangeInit): RangeRequest {
  return {
    key: init.key,
    range_end: init.range_end ?? new Uint8Array(0),
    limit: init.limit ?? 0n,
    revision: init.revision ?? 0n,
    sort_order: 0,
    sort_target: 0,
    serializable: false,
    keys_only: init.keys_only ?? false,
    count_only: false,
    min_mod_revision: 0n,
    max_mod_revision: 0n,
    min_create_revision: 0n,
    max_create_revision: 0n,
  };
}
