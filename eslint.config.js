import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'bench/results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Migrations work on Kysely<any> by design (they never import the app's DB type).
    files: ['src/server/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Services take an explicit RequestContext (decision 0006): only route files see Fastify.
    files: ['src/core/**/*.ts', 'src/server/modules/**/*.ts'],
    ignores: [
      'src/server/modules/**/*.routes.ts',
      'src/server/modules/module-routes.ts',
      'src/server/modules/**/*-route.ts',
      'src/server/modules/**/ballot-page.ts',
      '**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'fastify',
              message:
                'Services take a RequestContext (src/server/context.ts), never a Fastify type; only route files import fastify.',
            },
          ],
          patterns: [{ group: ['fastify/*', '@fastify/*'], message: 'Only route files import Fastify.' }],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: ['./web/tsconfig.json'],
        projectService: false,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser },
    },
  },
  { files: ['**/*.js'], languageOptions: { globals: { ...globals.node } } },
);
