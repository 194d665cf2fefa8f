// Flat config: typescript-eslint's recommended rules, type-aware, for everything we compile.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '.sandbox/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The API layer and the live-updates client must never depend on the editor: they are tested in plain Node.
    files: ['src/api/**/*.ts', 'src/live/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/api and src/live must stay vscode-free.' }] }] },
  },
  {
    // Outside the API layer (and src/live, loaded lazily like it), only types may come from it: runtime code loads lazily (src/lazyApi.ts),
    // so undici and zod stay out of the activation bundle. `api/counts` is dependency-free.
    files: ['src/**/*.ts'],
    ignores: ['src/api/**', 'src/live/**', 'src/lazyApi.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '(^|/)api(/(?!counts$).*)?$', allowTypeImports: true, message: 'Import API values through src/lazyApi.ts (types are fine).' }],
          paths: [
            { name: 'undici', allowTypeImports: true, message: 'undici belongs to src/api.' },
            { name: 'zod', allowTypeImports: true, message: 'zod belongs to src/api.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
);
