// Build step: validates every provider file against the knowledge schema, so a bad entry fails the build (runs skip it).
import { PROVIDER_FILES } from '../src/knowledge/providers/index.js';
import { formatIssues, validateProviders } from '../src/knowledge/validate.js';

const issues = validateProviders(PROVIDER_FILES);
if (issues.length > 0) {
  process.stderr.write(`${formatIssues(issues)}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`knowledge: ${PROVIDER_FILES.length} provider files valid\n`);
}
