// Windows sockets wordings the main table lacks: WSAECONNREFUSED (10061) by its number and in the languages Windows
// prints it in, and the English a translator makes of those.
import type { ClientMessagePattern } from '../client-messages.js';

const WINSOCK =
  'https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2 (WSAECONNREFUSED 10061: "No connection could be made because the target computer actively refused it.")';

export const WINDOWS_WORDINGS: readonly ClientMessagePattern[] = [
  {
    id: 'windows.connection-refused',
    // Localised Windows (FormatMessage of 10061) — Chinese, German, French, Spanish, Japanese, Russian — and the usual
    // translations of the Chinese one back to English ("active rejection by the target computer").
    pattern:
      '(?:WinError|error code|Errno|TCP-Fehlercode) ?"?10061\\b|WSAECONNREFUSED|目标计算机积极拒绝|da der Zielcomputer die Verbindung verweigerte|l.ordinateur cible l.a expressément refusée|el equipo de destino denegó expresamente|対象のコンピューターによって拒否された|конечный компьютер отверг запрос на подключение|active(?:ly)? (?:rejection|refusal|refused|rejected) (?:by|from) the target (?:computer|machine)|target (?:computer|machine) (?:actively|positively) (?:refused|rejected)',
    yields: { errorCode: 'ECONNREFUSED' },
    phase: 'connect',
    sources: [
      WINSOCK,
      'https://learn.microsoft.com/de-de/dotnet/framework/wcf/troubleshooting-the-getting-started-tutorial (TCP-Fehlercode "10061": "Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung verweigerte.")',
      'https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--9000-11999- (10061 WSAECONNREFUSED; FormatMessage returns the text in the language of the installed Windows, e.g. zh-CN "由于目标计算机积极拒绝，无法连接。")',
      'observed:https://github.com/elsa-workflows/elsa-core/issues/5754 (MailKit on a Chinese Windows, the message translated back to English: "Unable to connect due to active rejection by the target computer.")',
    ],
  },
];
