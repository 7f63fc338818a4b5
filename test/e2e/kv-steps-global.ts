// Global-flag rows of the compatibility table (reference §1.2, §1.4, §1.5, §3.1, §3.2): flag
// spellings and positions, ETCDCTL_* variables, parse errors, prefix-matched command names.
import { EP, type Step } from './kv-step-kit.js';

const json = (name: string, args: string[], env?: Record<string, string>): Step =>
  env ? { name, args, env } : { name, args };

export const globalSteps: Step[] = [
  // -w spellings and positions: all must print the same JSON.
  json('global-w-attached', ['-wjson', 'get', 'foo']),
  json('global-w-equals', ['-w=json', 'get', 'foo']),
  json('global-write-out', ['--write-out', 'json', 'get', 'foo']),
  json('global-write-out-equals', ['--write-out=json', 'get', 'foo']),
  json('global-w-after-command', ['get', 'foo', '-w', 'json']),
  json('global-w-between-args', ['get', 'a', '-wjson', 'c']),
  json('global-w-repeated', ['-w', 'fields', 'get', 'foo', '-w', 'json']),
  { name: 'global-endpoints-equals', args: [`--endpoints=${EP}`, 'get', 'foo'] },
  { name: 'global-endpoints-after', args: ['get', 'foo', '--endpoints', EP] },
  { name: 'global-endpoints-spaces', args: ['get', 'foo', '--endpoints', ` ${EP} `] },
  { name: 'global-hex-false', args: ['--hex=false', 'get', 'foo'] },
  { name: 'global-hex-true', args: ['--hex=true', 'get', 'foo'] },
  { name: 'global-hex-T', args: ['get', 'foo', '--hex=T'] },
  { name: 'global-hex-bad', args: ['get', 'foo', '--hex=yes'], compare: 'usage' },
  { name: 'global-hex-space-false', args: ['--hex', 'false', 'get', 'foo'], compare: 'usage' },
  { name: 'global-prefix-true', args: ['get', '--prefix=true', 's/', '--keys-only'] },
  { name: 'global-prefix-zero', args: ['get', '--prefix=0', 's/a', '--keys-only'] },
  { name: 'global-double-dash', args: ['get', '--', '-w', 'json'] },
  // Environment variables.
  json('global-env-write-out', ['get', 'foo'], { ETCDCTL_WRITE_OUT: 'json' }),
  json('global-env-write-out-bad', ['get', 'foo'], { ETCDCTL_WRITE_OUT: 'bad' }),
  json('global-env-write-out-empty', ['get', 'foo'], { ETCDCTL_WRITE_OUT: '' }),
  json('global-env-hex-yes', ['get', 'foo'], { ETCDCTL_HEX: 'yes' }),
  json('global-env-hex-1', ['get', 'foo'], { ETCDCTL_HEX: '1' }),
  json('global-env-endpoints', ['get', 'foo'], { ETCDCTL_ENDPOINTS: EP }),
  json('global-env-unknown', ['get', 'foo'], { ETCDCTL_FOO: '1' }),
  json('global-env-command-flag', ['get', 's/a'], { ETCDCTL_PREFIX: 'true' }),
  {
    name: 'global-env-and-flag',
    args: ['--endpoints', EP, 'get', 'foo'],
    env: { ETCDCTL_ENDPOINTS: EP },
    compare: 'code',
  },
  {
    name: 'global-env-and-flag-write-out',
    args: ['get', 'foo', '-w', 'json'],
    env: { ETCDCTL_WRITE_OUT: 'fields' },
    compare: 'code',
  },
  // A set variable conflicts with its flag even when it is empty (etcdctl's message is a log line).
  {
    name: 'global-env-endpoints-empty-and-flag',
    args: ['get', 'foo'],
    env: { ETCDCTL_ENDPOINTS: '' },
    compare: 'code',
  },
  // Argument validation comes before the environment check (§1.5 step 2 before 3).
  {
    name: 'global-env-and-flag-no-args',
    args: ['--endpoints', EP, 'get'],
    env: { ETCDCTL_ENDPOINTS: EP },
  },
  json('global-api-3', ['get', 'foo'], { ETCDCTL_API: '3' }),
  json('global-api-empty', ['get', 'foo'], { ETCDCTL_API: '' }),
  { name: 'global-api-4', args: ['get', 'foo'], env: { ETCDCTL_API: '4' }, compare: 'code' },
  // Parse errors: one Error line (main); 3.4 also prints the usage on stdout.
  { name: 'global-unknown-flag', args: ['get', 'foo', '--nosuch'], compare: 'usage' },
  // cobra looks the command up first, taking an unknown `--x`/`-x` before it to swallow the next
  // word as its value: `--nosuch get foo` is the command `foo`.
  { name: 'global-unknown-flag-before', args: ['--nosuch', 'get', 'foo'], compare: 'usage' },
  { name: 'global-unknown-flag-before-alone', args: ['--nosuch', 'get'], compare: 'usage' },
  {
    name: 'global-unknown-flag-before-equals',
    args: ['--nosuch=1', 'get', 'foo'],
    compare: 'usage',
  },
  {
    name: 'global-unknown-flag-before-flag',
    args: ['--nosuch', '--hex', 'get', 'foo'],
    compare: 'usage',
  },
  { name: 'global-unknown-shorthand-before', args: ['-5', 'get', 'foo'], compare: 'usage' },
  { name: 'global-unknown-flag-value', args: ['get', 'foo', '--nosuch=1'], compare: 'usage' },
  { name: 'global-unknown-shorthand', args: ['get', '-5'], compare: 'usage' },
  { name: 'global-unknown-shorthand-put', args: ['put', 'k', '-5'], compare: 'usage' },
  { name: 'global-unknown-shorthand-cluster', args: ['get', 'foo', '-wx5'], compare: 'all' },
  { name: 'global-flag-needs-arg', args: ['get', 'foo', '--limit'], compare: 'usage' },
  { name: 'global-w-needs-arg', args: ['get', 'foo', '-w'], compare: 'usage' },
  { name: 'global-bad-duration', args: ['--command-timeout', 'x', 'get', 'foo'], compare: 'usage' },
  { name: 'global-missing-unit', args: ['--dial-timeout', '1', 'get', 'foo'], compare: 'usage' },
  { name: 'global-bad-int', args: ['get', 'foo', '--rev', '1.5'], compare: 'usage' },
  { name: 'global-unknown-command', args: ['nosuch'], compare: 'usage' },
  { name: 'global-unknown-command-near', args: ['gett', 'foo'], compare: 'usage' },
  { name: 'global-bad-format', args: ['-w', 'bad', 'get', 'foo'] },
  { name: 'global-bad-format-no-args', args: ['-w', 'bad', 'get'] },
  { name: 'global-table', args: ['-w', 'table', 'get', 'foo'] },
  { name: 'global-format-empty', args: ['-w=', 'get', 'foo'] },
  { name: 'global-endpoints-twice', args: ['--endpoints', EP, '--endpoints', EP, 'get', 'foo'] },
  { name: 'global-endpoints-list', args: [`--endpoints=${EP},${EP}`, 'get', 'foo'] },
  { name: 'global-endpoints-http', args: ['--endpoints', `http://${EP}`, 'get', 'foo'] },
  // `etcdclient: no available endpoints`, exit 2, in 3.4 and main alike (§3.1).
  ...[
    ['global-endpoints-empty', '--endpoints', ''],
    ['global-endpoints-empty-equals', '--endpoints='],
  ].map(([name, ...flag]): Step => ({
    name: name as string,
    args: [...flag, 'get', 'foo'],
    noEndpoints: true,
  })),
  json('global-env-dial-timeout-bad', ['get', 'foo'], { ETCDCTL_DIAL_TIMEOUT: 'bad' }),
  json('global-env-endpoints-list', ['get', 'foo'], { ETCDCTL_ENDPOINTS: `${EP}, ${EP}` }),
  // Client configuration that does not change the result on a plaintext server without auth.
  { name: 'global-debug', args: ['--debug', 'get', 'foo'] },
  { name: 'global-user-no-auth', args: ['--user', 'root:pw', 'get', 'foo', '-w', 'json'] },
  { name: 'global-password-alone', args: ['--password', 'pw', 'get', 'foo'] },
  {
    name: 'global-timeouts',
    args: ['--dial-timeout=1.5s', '--command-timeout', '1m0.5s', 'get', 'foo'],
  },
  {
    name: 'global-keepalive',
    args: ['--keepalive-time', '300ms', '--keepalive-timeout=2s', 'get', 'foo'],
  },
  { name: 'global-insecure-transport', args: ['--insecure-transport=true', 'get', 'foo'] },
  // TLS file validation (exit 128), after argument validation.
  { name: 'global-cert-empty', args: ['--cert', '', 'get', 'foo'] },
  { name: 'global-key-empty', args: ['--key=', 'get', 'foo'] },
  { name: 'global-cacert-empty', args: ['--cacert', '', 'get', 'foo'] },
  { name: 'global-cert-without-key', args: ['--cert', '/nonexistent.pem', 'get', 'foo'] },
  { name: 'global-key-without-cert', args: ['--key', '/nonexistent.key', 'get', 'foo'] },
  { name: 'global-cacert-missing', args: ['--cacert', '/nonexistent.ca', 'get', 'foo'] },
  {
    name: 'global-cert-missing',
    args: ['--cert', '/nonexistent.pem', '--key', '/nonexistent.key', 'get', 'foo'],
  },
  { name: 'global-cacert-empty-no-args', args: ['--cacert', '', 'get'] },
  // Configuration order (§1.5 step 3): env conflict, then --cert/--key/--cacert given empty, then
  // the -w check; the TLS files themselves are read when the client is made, after -w.
  {
    name: 'order-consistency-before-format',
    args: ['-w', 'bad', 'get', 'foo', '--consistency', 'x'],
  },
  { name: 'order-sort-before-format', args: ['-w', 'bad', 'get', 'foo', '--order', 'up'] },
  { name: 'order-lease-before-format', args: ['-w', 'bad', 'put', 'a', 'b', '--lease', 'zz'] },
  { name: 'order-args-before-cacert', args: ['--cacert', '', 'put'] },
  { name: 'order-empty-cacert-before-format', args: ['--cacert', '', '-w', 'bad', 'get', 'foo'] },
  {
    name: 'order-format-before-cert-files',
    args: ['--cert', '/nonexistent.pem', '-w', 'bad', 'get', 'foo'],
  },
  {
    name: 'order-format-before-cacert-file',
    args: ['--cacert', '/nonexistent.ca', '-w', 'bad', 'get', 'foo'],
  },
  {
    name: 'order-env-conflict-before-format',
    args: ['-w', 'bad', '--endpoints', EP, 'get', 'foo'],
    env: { ETCDCTL_ENDPOINTS: EP },
    compare: 'code',
  },
  {
    name: 'order-env-conflict-before-cacert',
    args: ['--cacert', '', '--endpoints', EP, 'get', 'foo'],
    env: { ETCDCTL_ENDPOINTS: EP },
    compare: 'code',
  },
  json('order-env-format-after-cacert', ['--cacert', '', 'get', 'foo'], {
    ETCDCTL_WRITE_OUT: 'bad',
  }),
  json('global-env-cacert-empty', ['get', 'foo'], { ETCDCTL_CACERT: '' }),
  json('global-env-write-out-put', ['put', 'envput', 'v'], { ETCDCTL_WRITE_OUT: 'fields' }),
  json('global-env-write-out-del', ['del', 'envput'], { ETCDCTL_WRITE_OUT: 'protobuf' }),
  // ETCDCTL_COMMAND_TIMEOUT: etcdctl's get ignores it (§3.2), ectl honours it (accepted).
  {
    name: 'global-env-command-timeout',
    args: ['get', 'foo'],
    env: { ETCDCTL_COMMAND_TIMEOUT: '1ns' },
    etcdctl: null,
    compare: 'none',
  },
  json('global-env-write-out-upper', ['get', 'foo'], { ETCDCTL_WRITE_OUT: 'JSON' }),
  // Deadlines: etcdctl says `context deadline exceeded`; ectl adds the cause per endpoint.
  { name: 'global-timeout-tiny', args: ['--command-timeout', '1ns', 'get', 'foo'] },
  {
    name: 'global-timeout-dead-endpoint',
    args: ['--endpoints', '127.0.0.1:1', '--command-timeout', '500ms', 'get', 'foo'],
    noEndpoints: true,
  },
  // Prefix-matched command names.
  { name: 'global-prefix-g', args: ['g', 'foo'] },
  { name: 'global-prefix-ge', args: ['ge', 'foo', '-w', 'json'] },
  { name: 'global-prefix-pu', args: ['pu', 'k', 'v', '-w', 'json'] },
  { name: 'global-prefix-put-stdin', args: ['pu', 'k'], stdin: 'from-stdin' },
];
