// vitest globalSetup of the e2e project only: its tests start real etcd servers, so a machine
// without etcd fails the run at once with what to install, instead of failing every file.
import { etcdBin, MISSING_ETCD } from './bins.js';

export default function setup(): void {
  if (!etcdBin()) throw new Error(MISSING_ETCD);
}
