import nx from '@nx/eslint-plugin';

/**
 * Who may import whom. Apps depend on libs, never the reverse; the browser never reaches server
 * code; the grid is a general library that depends on nothing of ours. Tests and benchmarks may use the
 * test-support libraries of their scope.
 */
function moduleBoundaries({ forTests }) {
  const testing = forTests ? ['type:testing'] : [];
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:feature', 'type:ui', ...testing] },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util'] },
        { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...testing] },
        { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', ...testing] },
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:data-access'] },
        { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:testing'] },
        { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
        { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared', 'scope:grid'] },
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        { sourceTag: 'scope:grid', onlyDependOnLibsWithTags: ['scope:grid'] },
        { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/generated/**', 'e2e/test-results/**', 'e2e/playwright-report/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mts', '**/*.mjs'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ forTests: false }) },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts', '**/bench/**/*.ts', '**/vitest*.config.mts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ forTests: true }) },
  },
];
