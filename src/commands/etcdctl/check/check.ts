// `check perf` and `check datascale`: etcdctl's check.go (main), the `check` parent with its two
// load checks.
import type { EctlCommand } from '../../../cli/command.js';
import { datascaleCommand } from './datascale.js';
import { datascaleFlags, perfFlags } from './flags.js';
import { perfCommand } from './perf.js';

/** Registers `check` and its sub-commands. */
export function register(program: EctlCommand): void {
  const check = program
    .command('check')
    .summary(
      'commands for checking properties of the etcd cluster. Use `ectl check --help` to see subcommands',
    )
    .description('commands for checking properties of the etcd cluster')
    .usage('<subcommand>')
    .addHelpCommand(false)
    .examples([
      'ectl check perf                    # 60 s of writes at 150/s, then PASS or FAIL',
      'ectl check datascale --load m      # memory used by 100 000 key-value pairs',
    ]);
  check
    .command('perf')
    .description('Check the performance of the etcd cluster')
    .usage('[options]')
    .flags(perfFlags)
    .examples([
      'ectl check perf                         # s: 150 writes/s from 50 clients for 60 s',
      'ectl check perf --load l --auto-compact # 8000 writes/s; compact after deleting the keys',
      'ectl check perf --prefix /perf/ --auto-defrag',
    ])
    // etcdctl's check perf handles SIGINT: the load stops, clean-up and verdict follow.
    .catchSignals()
    .writes()
    .handle(perfCommand);
  check
    .command('datascale')
    .summary(
      'Check the memory usage of holding data for different workloads on a given server endpoint.',
    )
    .description(
      'Check the memory usage of holding data for different workloads on a given server endpoint.\n\n' +
        'If no endpoint is provided, localhost will be used. If multiple endpoints are provided, ' +
        'first endpoint will be used.',
    )
    .usage('[options]')
    .flags(datascaleFlags)
    .examples([
      'ectl check datascale                  # 10 000 pairs of 1 KiB from 50 clients',
      'ectl --endpoints https://10.0.0.1:2379 --cert c.pem --key k.pem check datascale --load l',
    ])
    .writes()
    .handle(datascaleCommand);
}
