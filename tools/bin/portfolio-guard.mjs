#!/usr/bin/env node
// The `portfolio-guard` command: runs the compiled command line (tools/dist/, which
// `npm install` builds at the repository root through its "prepare" script).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write(`portfolio-guard: the command is not built (${error.message.split('\n')[0]}); run \`npm run build && npm run build:tools\` at the repository root\n`);
  process.exit(1);
}
process.exitCode = cli.main(process.argv.slice(2));
