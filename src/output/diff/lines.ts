// A line diff: Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986),
// the one Git and GNU diff use by default, so the edit scripts look like theirs. Pure.

/** One line of an edit script: kept (in both), removed (from a) or added (in b). */
export interface DiffOp {
  op: ' ' | '-' | '+';
  line: string;
}

/** The shortest edit script turning lines `a` into lines `b` (removals before additions). */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  // Common head and tail cost nothing and shrink the search, which is quadratic in the worst case.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const keep = (l: string): DiffOp => ({ op: ' ', line: l });
  return [
    ...a.slice(0, head).map(keep),
    ...myers(midA, midB),
    ...a.slice(a.length - tail).map(keep),
  ];
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ op: '+', line }));
  if (m === 0) return a.map((line) => ({ op: '-', line }));
  const max = n + m;
  const offset = max;
  // v[k + offset]: the furthest x reached on diagonal k; one copy per d for the walk back.
  let v: Int32Array = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!)
          ? v[k + 1 + offset]! // down: an addition
          : v[k - 1 + offset]! + 1; // right: a removal
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  // Walk back from (n, m) through the saved frontiers.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[prevK + offset]!;
    const prevY = prevX - prevK;
    for (; x > prevX && y > prevY; y--) ops.push({ op: ' ', line: a[--x]! });
    if (down) ops.push({ op: '+', line: b[--y]! });
    else ops.push({ op: '-', line: a[--x]! });
  }
  for (; x > 0 && y > 0; y--) ops.push({ op: ' ', line: a[--x]! });
  ops.reverse();
  return ops;
}
