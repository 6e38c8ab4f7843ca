/**
 * Browser tests: the real server (a child process on a free port, fresh SQLite file) driven through headless
 * Chromium with playwright-core: CHROMIUM_PATH, else the machine's Chromium, else the one from @sparticuz/chromium
 * (found once by global-setup.js). Run from the repo root: `npm run test:e2e`.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@mission-control/shared$': '<rootDir>/../shared/src/index.ts',
  },
  globalSetup: '<rootDir>/global-setup.js',
  testTimeout: 60_000,
  slowTestThreshold: 30,
};
