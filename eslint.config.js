import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Import boundaries: shared/ stands alone; a server module reaches another only through its index. */
const sharedBoundary = {
  patterns: [
    {
      group: ['**/server/**', '**/client/**', '@exam/server*', '@exam/client*'],
      message: 'shared/ must not import from server/ or client/.',
    },
  ],
};

/**
 * Patterns every server module file shares, whatever its depth. A path is matched as written, so
 * one that wanders (`./../x`, `a/../b`, `a/./b`) could dodge the depth-counted rule below: such a
 * path is refused outright, as is any path that climbs back into the modules folder by name.
 */
const moduleBoundaryPatterns = [
  {
    regex: '(^|/)(?!\\.\\.(/|$))[^/]+/\\.\\.?(/|$)|/\\.(/|$)',
    message: "Write an import path without './..' or 'a/../b' detours.",
  },
  {
    regex: '^(\\.\\./)+modules/',
    message: "Reach another module through '../<module>/index.js', not through the modules folder.",
  },
  {
    group: ['**/client/**'],
    message: 'The server must not import client code.',
  },
  {
    // Seed data is a leaf: seed/ calls the modules, never the other way round.
    regex: '^(\\.\\./)+seed(/|$)',
    message: 'A module must not import seed/ (demo data calls modules, not the reverse).',
  },
];

/**
 * The schema files (server/src/db/schema/<file>.ts) whose tables each module owns. A module may
 * import only its own; another module's data is read through that module's index. The barrel
 * schema/index.ts is closed to modules because it would hand them every table.
 */
const schemaOwners = {
  analysis: ['analysis'],
  appeals: ['appeals'],
  audit: ['audit'],
  auth: ['auth', 'associations', 'accounts'],
  bank: ['bank'],
  bookings: ['bookings'],
  delivery: ['delivery', 'responses', 'late-changes', 'scoring-corrections'],
  grading: ['grading', 'grading-calibration', 'grading-annotations', 'grading-comment-bank'],
  health: [],
  mail: ['mail'],
  metrics: [],
  proctoring: ['proctoring', 'check-in'],
  privacy: ['privacy'],
  programme: [],
  results: ['results', 'feedback', 'letters'],
  retakes: ['retakes'],
  seb: [],
  setup: ['setup'],
  sittings: ['sittings', 'candidates', 'accommodation-requests'],
  'standard-setting': ['standard-setting'],
  vignettes: ['vignettes'],
};

/** The client must not import server code; repeated in every client block that sets this rule. */
const clientServerPattern = {
  group: ['**/server/**', '@exam/server*'],
  message: 'The client must not import server code.',
};

/**
 * Client features meet as server modules do: only through each feature's index.ts. `depth` is
 * how many folders below client/src/features/ the importing file sits (1 for features/<f>/x.tsx,
 * 2 for features/<f>/<sub>/x.tsx), so that many `../` reach the features folder; a path going on
 * into another feature's files (e.g. '../bank/BankItemPage') is refused.
 */
const featureBoundary = (depth) => ({
  patterns: [
    clientServerPattern,
    {
      regex: `^(\\.\\./){${depth}}(?!\\.\\.)[^/]+/(?!index$).+`,
      message: "Reach another feature only through its index.ts ('../<feature>').",
    },
  ],
});

/**
 * The boundary rule for one module file. `depth` is how many folders below server/src/modules/
 * the file sits (1 for modules/<m>/x.ts, 2 for modules/<m>/<sub>/x.ts), so exactly that many
 * `../` reach the modules folder; a path going on into another module's files is refused. The
 * schema rule refuses the barrel (`db/schema`, `db/schema/index.js`), which hands out every table,
 * and any schema file the module does not own.
 */
function moduleBoundary(module, owned, depth) {
  const allowed = owned.length > 0 ? `(?!(${owned.join('|')})\\.js$)` : '';
  return {
    patterns: [
      ...moduleBoundaryPatterns,
      {
        regex: `^(\\.\\./){${depth}}(?!\\.\\.)[^/]+/(?!index\\.js$).+`,
        message: "Reach another module only through its index.ts ('../<module>/index.js').",
      },
      {
        regex: `^(\\.\\./)+db/schema(/${allowed}.*)?$`,
        message: `The ${module} module may import only its own tables (db/schema/${owned.join('|') || 'none'}); read another module's data through its index.`,
      },
    ],
  };
}

/** How deep module files go below server/src/modules/ (a deeper file fails the depth check). */
const MODULE_DEPTHS = [1, 2, 3];

/** One config block per depth for a module glob ('*' for a file outside any known module). */
const moduleBlocks = (module, owned) =>
  MODULE_DEPTHS.map((depth) => ({
    files: [`server/src/modules/${module}/${'*/'.repeat(depth - 1)}*.ts`],
    rules: { 'no-restricted-imports': ['error', moduleBoundary(module, owned, depth)] },
  }));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', 'migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits, an async handler where a void one is expected, or a
    // switch that forgets a new message type or error code is a bug the typechecker alone misses.
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: [
          './shared/tsconfig.json',
          './server/tsconfig.json',
          './client/tsconfig.json',
          './test/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', sharedBoundary] },
  },
  // A module file outside any known module still gets the boundary (and no tables).
  ...moduleBlocks('*', []),
  ...Object.entries(schemaOwners).flatMap(([module, owned]) => moduleBlocks(module, owned)),
  {
    // A module nested deeper than MODULE_DEPTHS would escape the depth-counted rule: refuse it.
    files: [`server/src/modules/${'*/'.repeat(MODULE_DEPTHS.length + 1)}**/*.ts`],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Program', message: 'Module files nest at most 3 folders deep.' },
      ],
    },
  },
  {
    // The socket transport and the cross-instance events must not depend on a domain module;
    // modules plug into them, not back.
    files: ['server/src/ws/**/*.ts', 'server/src/events/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)modules(/|$)',
              message:
                'server/src/ws and server/src/events must not import a domain module; put shared helpers in lib/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Seed data is a leaf that writes through the modules' public functions, never tables.
    files: ['server/src/seed/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(db/schema|modules/[^/]+/(?!index\\.js$).+)',
              message: "seed/ writes through each module's index, never its tables or internals.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [clientServerPattern] }],
    },
  },
  {
    files: ['client/src/features/*/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', featureBoundary(1)] },
  },
  {
    files: ['client/src/features/*/*/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', featureBoundary(2)] },
  },
);
