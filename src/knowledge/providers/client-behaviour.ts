// Causes that a client library's own behaviour makes likely, shared by the signatures of the replies it leads to.
import type { ProviderInput } from '../schema.js';

type CauseInput = ProviderInput['signatures'][number]['causes'][number];

/**
 * .NET's System.Net.Mail.SmtpClient sends AUTH when credentials are set, and when the server refuses them (535) it
 * tries its next mechanism and then goes on without a login: MAIL FROM then gets "authentication required", which
 * .NET reports as "The SMTP server requires a secure connection or the client was not authenticated". So with that
 * client the refusal of the login is the likelier cause, and the server's words hide it.
 */
export const dotnetWentOnAfterRefusedLogin: CauseInput = {
  finding: 'credentials-rejected',
  detail: 'refusal-hidden-by-client',
  title: 'The login was probably refused, and .NET went on without it',
  summary:
    '.NET’s SmtpClient does not stop when the server refuses its login: it tries its other mechanisms, then sends the mail unauthenticated, and only the server’s "authentication required" for MAIL FROM reaches the exception ("The SMTP server requires a secure connection or the client was not authenticated"). With credentials set, the hidden refusal of the user name or password is the most likely cause.',
  confidence: 'medium',
  when: { clients: ['dotnet'], authRefusalShown: false },
  fixes: [
    {
      id: 'client-behaviour.dotnet-check-credentials',
      text: 'Check the user name and password the SmtpClient gets (NetworkCredential), and the kind of secret the provider wants for SMTP (an app password where 2-Step Verification is on).',
    },
    {
      id: 'client-behaviour.dotnet-enable-ssl',
      text: 'Set EnableSsl = true on port 587: many servers offer AUTH only after STARTTLS, and .NET then skips the login silently.',
    },
    {
      id: 'client-behaviour.dotnet-see-auth-reply',
      text: 'To see the server’s answer to AUTH, test the same settings with smtp-doctor check (or a client such as MailKit, which reports a refused login).',
    },
  ],
  deadEnds: [
    {
      topic: 'use-default-credentials',
      text: 'Setting UseDefaultCredentials = true',
      why: 'it sends the Windows account’s credentials, which mail providers do not accept.',
    },
  ],
};

export const DOTNET_SOURCE =
  'dotnet/runtime@05284b23e41225cb8c8ec6c4710b4d51d3dcba25:src/libraries/System.Net.Mail/src/System/Net/Mail/SmtpConnection.cs (GetConnectionAsync: a refused AUTH moves on to the next module, then the connection is used without a login)';
