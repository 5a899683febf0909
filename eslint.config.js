import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// Module boundaries between modules are enforced by test/arch/boundaries.test.ts (STYLE.md §3).

export default tseslint.config(
  { ignores: ['**/*.vue', 'node_modules/**', 'web/dist/**', 'data/**', '.tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  { files: ['src/lib/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/core/**', '**/modules/**'], message: 'lib/ is pure: it imports nothing from core/ or modules/.' }] }] } },
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/**'], message: 'core/ knows no module by name.' }] }] } },
  { files: ['web/**/*.{ts,vue}'], languageOptions: { globals: { ...globals.browser } } },
)
