// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import local from './eslint/no-feature-cycle.mjs';

export default tseslint.config(
  {
    ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'src/api/schema.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // No import loops: between modules (import-x), and between feature folders, which reach one
    // another through index.ts re-exports that hide such a loop from import-x (./eslint).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, local },
    settings: {
      // import-x's TypeScript preset (which files it parses, and how), with the resolver that
      // reads tsconfig's `@/` paths; resolver-next takes precedence over the preset's resolver.
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'local/no-feature-cycle': ['error', { srcDir: `${import.meta.dirname}/src` }],
    },
  },
  {
    files: ['e2e/**/*.{ts,mjs}', 'scripts/**/*.mjs', 'eslint/**/*.mjs', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
  {
    // Features use one another only through their public index.ts (bulletproof-react).
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/features/*/*'],
              message: "Import another feature through its index: '@/features/<name>'.",
            },
            { group: ['@/app', '@/app/*'], message: 'Features must not depend on the app shell.' },
          ],
        },
      ],
    },
  },
  {
    // What the features share depends on none of them, nor on the shell or the shared UI.
    files: ['src/config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/features', '@/features/*', '@/app', '@/app/*', '@/components/*'],
              message: 'src/config holds plain values: it must not import features, app or UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
