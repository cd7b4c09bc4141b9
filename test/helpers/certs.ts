// Test certificates: generated once per test process (EC keys, a few milliseconds).
import { generateLabCertificates, type LabCertificates } from '../../src/lab/certificates.js';

let cached: Promise<LabCertificates> | undefined;

export function labCertificates(): Promise<LabCertificates> {
  cached ??= generateLabCertificates();
  return cached;
}
