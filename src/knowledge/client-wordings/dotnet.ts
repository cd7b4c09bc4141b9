// .NET wordings the main table lacks: SslStream's wrapper exceptions, by their text and by their type name.
import type { ClientMessagePattern } from '../client-messages.js';

const DOTNET_SECURITY = 'dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx';

export const DOTNET_WORDINGS: readonly ClientMessagePattern[] = [
  {
    id: 'dotnet.sspi-failed',
    // SslStream wraps whatever ended the handshake (a certificate it refused, an alert, a closed socket) in an
    // AuthenticationException: the inner exception, matched on its own when shown, says why. The exception's type
    // name is the same in every language, its message is translated (Italian, Chinese … Windows).
    pattern: 'A call to SSPI failed, see inner exception|System\\.Security\\.Authentication\\.AuthenticationException',
    yields: { message: 'tls-failed' },
    phase: 'tls',
    client: 'dotnet',
    sources: [
      `${DOTNET_SECURITY} (net_auth_SSPI: "A call to SSPI failed, see inner exception.")`,
      'https://learn.microsoft.com/en-us/dotnet/api/system.security.authentication.authenticationexception ("The exception that is thrown when authentication fails for an authentication stream": SslStream.AuthenticateAsClient, the TLS handshake)',
      'mono/mono:mcs/class/System/Mono.Net.Security/MobileAuthenticatedStream.cs (Mono wraps its TLS provider\'s error, MonoBtlsException, in AuthenticationException "A call to SSPI failed, see inner exception.")',
    ],
  },
];
