// Client wordings kept one file per client family, read before the main table (src/knowledge/client-messages.ts).
import type { ClientMessagePattern } from '../client-messages.js';
import { APP_WORDINGS } from './apps.js';
import { DOTNET_WORDINGS } from './dotnet.js';
import { RUBY_WORDINGS } from './ruby.js';
import { SASL_WORDINGS } from './sasl.js';
import { TLS_ALERT_WORDINGS } from './tls-alerts.js';
import { WINDOWS_WORDINGS } from './windows.js';

export const CLIENT_WORDINGS: readonly ClientMessagePattern[] = [
  ...TLS_ALERT_WORDINGS,
  ...DOTNET_WORDINGS,
  ...RUBY_WORDINGS,
  ...SASL_WORDINGS,
  ...APP_WORDINGS,
  ...WINDOWS_WORDINGS,
];
