// String literals as clients print them: Python bytes/str reprs, JavaScript and JSON strings.

/** The body of a Python literal (between the quotes) decoded: \n, \r, \t, \\, \', \", \xNN. */
export function decodePythonLiteral(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrt\\'"0])/g, (_m, esc: string) => {
    if (esc.startsWith('x') || esc.startsWith('u')) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', '0': '\0' } as Record<string, string>)[esc] ?? esc;
  });
}

/** The body of a JavaScript or JSON string literal decoded (the escapes util.inspect and JSON.stringify produce). */
export function decodeJsLiteral(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrtbf\\'"/0])/g, (_m, esc: string) => {
    if (esc.startsWith('x') || esc.startsWith('u')) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '0': '\0' } as Record<string, string>)[esc] ?? esc;
  });
}

/**
 * Normalises pasted text: CRLF to LF, no terminal colour codes, HTML entities of PHPMailer's html output decoded,
 * and util.inspect's split strings ('…\n' +\n    '…') joined back into one literal.
 */
export function normalizeInput(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- terminal escape sequences are exactly what is removed
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
      .replace(
        /&(lt|gt|quot|amp|#0?39);/g,
        (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#039': "'", '#39': "'" })[name] ?? _m,
      )
      .replace(/(['"])\s*\+\s*\n\s*\1/g, '')
  );
}
