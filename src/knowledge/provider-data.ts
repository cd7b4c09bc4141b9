// Provider data as the catalog reads it: every provider file with the schema's defaults and advice keys, plain JSON-able data.
import { withDefaults } from './defaults.js';
import { PROVIDER_FILES } from './providers/index.js';
import type { ProviderData } from './schema.js';

/**
 * New objects on each call. The CLI bundle (scripts/bundle-cli.ts) replaces
 * this module by one that parses the same data from JSON made at build time: a run then neither loads the provider
 * files nor fills their defaults; test/build/bundle.test.ts checks that both give the same data.
 */
export function providerData(): ProviderData[] {
  return PROVIDER_FILES.map((file) => withAdviceKeys(withDefaults(file)));
}

/**
 * Every fix gets an id and every dead end a topic: the shared one the file gave, else one of its own made of the
 * signature and the advice's first words ("rfc.credentials-invalid#check-the-exact-user-name-form").
 */
function withAdviceKeys(data: ProviderData): ProviderData {
  for (const signature of data.signatures)
    for (const cause of signature.causes) {
      for (const fix of cause.fixes) fix.id ??= `${signature.id}#${slug(fix.text)}`;
      for (const deadEnd of cause.deadEnds) deadEnd.topic ??= `${signature.id}#${slug(deadEnd.text)}`;
    }
  return data;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .slice(0, 6)
    .join('-');
}
