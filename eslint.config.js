// Lint enforces the layering of STYLE.md point 11: commands never touch gRPC, printers never touch
// commander or the client, and only src/main.ts touches `process`.
import tseslint from 'typescript-eslint';

const noProcess = {
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'Only src/main.ts touches process: use the injected Io.' },
  ],
  'no-console': 'error',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/etcd/proto/gen/**', 'completions/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      ...noProcess,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'process', message: 'Only src/main.ts touches process.' },
            { name: 'node:process', message: 'Only src/main.ts touches process.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@grpc/*'], message: 'Commands reach etcd through src/etcd/.' }] },
      ],
    },
  },
  {
    files: ['src/output/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['commander', '@grpc/*'],
              message: 'Printers are pure: no commander, no client.',
            },
            {
              group: ['**/etcd/client*', '**/etcd/connection*', '**/etcd/transport*'],
              message: 'Printers are pure: no client.',
            },
          ],
        },
      ],
    },
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
