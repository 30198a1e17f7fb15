import { runVerify } from './audit.verify-command.js';

/** `npm run audit:verify -- [FILE] [--key PUBKEY]`: see audit.verify-command.ts. */
runVerify(process.argv.slice(2), process.env, console).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Audit verification failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
