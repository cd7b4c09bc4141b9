// Scenarios of the real-server matrix that today's check gets wrong, each with the reason. The suite asserts that each
// is still wrong: when a fix makes one right, the suite says so, and it leaves this list (and docs/accuracy.md follows):
//   SMTP_DOCTOR_MATRIX_RESULTS=/tmp/matrix.json node --import tsx --test test/interop/real-server-matrix.test.ts
//   npx tsx test/interop/matrix/prune-known-failures.ts /tmp/matrix.json   (drops the ones now right, rewrites the doc)

export const REASON = {
  mechanismNameRefused:
    'a mechanism name beyond PLAIN LOGIN CRAM-MD5 XOAUTH2 (DIGEST-MD5, NTLM, GSSAPI) is refused at the command line (exit 2, no report) instead of mechanism-unsupported: not offered, or offered and not spoken here',
  xoauth2SentUnlisted: 'a forced XOAUTH2 that the server does not list is sent all the same, carrying the secret',
  plainSentWhereAuthNotAdvertised:
    '--security none --mechanism PLAIN --allow-plaintext sends the password in clear where AUTH was not advertised, and leads with mechanism-unsupported instead of the root cause (auth-requires-tls / auth-not-offered)',
  noAuthAfterTlsCalledRequiresTls:
    'a port that offers no AUTH after STARTTLS either is reported as auth-requires-tls instead of auth-not-offered',
  warningBeforeAuthOk:
    'a working login in clear (--allow-plaintext) leads with the warning credentials-sent-in-clear instead of auth-ok',
  ipLiteralCertificate:
    "an IP-literal target's certificate is checked against 'localhost': a certificate naming only 127.0.0.1 is refused (certificate-invalid)",
  autoNoAuthPortInconclusive:
    'with --security auto, a configured port that offers no AUTH before or after STARTTLS gives no finding at all (exit 3), and no login on the alternatives that offer AUTH',
  implicitTlsCertificateWait:
    'an implicit-TLS check whose certificate is refused waits out the timeout (about 5 s with --timeout 5000) instead of reporting at once',
} as const;

export const KNOWN_FAILURES: Readonly<Record<string, string>> = {};
