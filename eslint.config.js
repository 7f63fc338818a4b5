// Lint enforces the layering of STYLE.md point 11 and ARCHITECTURE.md: commands never touch gRPC,
// printers never touch commander or the client, the etcd layer imports nothing of the CLI, the
// etcdctl family never uses ectl's human output, chalk and cli-table3 live only in
// src/output/human/, and only src/main.ts touches `process`.
import tseslint from 'typescript-eslint';

const processPaths = [
  { name: 'process', message: 'Only src/main.ts touches process.' },
  { name: 'node:process', message: 'Only src/main.ts touches process.' },
];
// yaml costs milliseconds to evaluate and the bundle evaluates every static import at start-up.
const lazyOnly = [
  {
    name: 'yaml',
    message: 'yaml loads on first need: use output/script/yaml-lib.ts (loadYaml, yamlLib).',
    allowTypeImports: true,
  },
];
const humanOnly = [
  { name: 'chalk', message: 'Colour lives in src/output/human/ only.' },
  { name: 'cli-table3', message: 'Human tables live in src/output/human/ only.' },
];

/** no-restricted-imports for a layer: flat config replaces a rule's options, so each layer names all. */
function restrict({ paths = [], patterns = [], human = false } = {}) {
  return {
    'no-restricted-imports': [
      'error',
      { paths: [...processPaths, ...lazyOnly, ...(human ? [] : humanOnly), ...paths], patterns },
    ],
  };
}

const noGrpc = { group: ['@grpc/*'], message: 'Commands reach etcd through src/etcd/.' };
const noHuman = {
  group: ['**/output/human/*', '**/output/human'],
  message: 'The etcdctl family prints etcdctl’s bytes: no human output.',
};
const pure = [
  { group: ['commander', '@grpc/*'], message: 'Printers are pure: no commander, no client.' },
  {
    group: ['**/etcd/client*', '**/etcd/transport/*'],
    message: 'Printers are pure: no client.',
  },
];
// The etcd layer is a library: nothing of the CLI (its I/O, config, errors, commands, printers).
const cliParts = ['cli', 'cli.js', 'commands', 'io.js', 'errors.js', 'output', 'exec', 'input'];
const notCli = (up) => ({
  group: cliParts.flatMap((p) => [`${up}${p}`, `${up}${p}/**`]).concat(['commander', 'enquirer']),
  message: 'src/etcd/ is free of CLI types: take a ClientConfig and ClientHooks instead.',
});

const noProcess = {
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'Only src/main.ts touches process: use the injected Io.' },
  ],
  'no-console': 'error',
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'src/etcd/proto/gen/**', 'completions/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      ...noProcess,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      ...restrict(),
    },
  },
  { files: ['src/commands/**/*.ts'], rules: restrict({ patterns: [noGrpc] }) },
  { files: ['src/commands/etcdctl/**/*.ts'], rules: restrict({ patterns: [noGrpc, noHuman] }) },
  { files: ['src/output/**/*.ts'], rules: restrict({ patterns: pure }) },
  { files: ['src/output/human/**/*.ts'], rules: restrict({ patterns: pure, human: true }) },
  { files: ['src/etcd/*.ts'], rules: restrict({ patterns: [notCli('../')] }) },
  { files: ['src/etcd/*/**/*.ts'], rules: restrict({ patterns: [notCli('../../')] }) },
  // doctor's engine is a library too: pure results, no CLI types.
  { files: ['src/diagnose/*.ts'], rules: restrict({ patterns: [notCli('../')] }) },
  {
    files: ['src/main.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.mjs'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
);
