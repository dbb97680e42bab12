// Lint rules that carry the style guide (style.md §3): typed TypeScript, no focused or skipped
// tests, and a pure domain layer in every service.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'generated/**', '**/dist/**', '**/.tmp/**', 'pacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]',
          message: 'Focused or skipped tests must not be committed.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The domain is pure: no I/O, no framework, no generated contract types (style.md rule 2).
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['pg', 'amqplib', 'ioredis', 'express', 'mqtt', '@grpc/*', 'undici'],
              message: 'domain/ does no I/O.',
            },
            { group: ['@bazaar/*', '../*'], message: 'domain/ imports nothing outside itself.' },
          ],
        },
      ],
    },
  },
);
