// Our own errors, one family with stable codes. A server's negative reply is never one of these: it is an outcome.

export type SmtpDoctorErrorCode =
  | 'E_USAGE' // bad flags or arguments
  | 'E_INPUT' // a value the user gave cannot be used (bad port, unreadable file, CR/LF in a command argument)
  | 'E_INTERNAL'; // a bug of ours

export class SmtpDoctorError extends Error {
  readonly code: SmtpDoctorErrorCode;

  constructor(code: SmtpDoctorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

export class UsageError extends SmtpDoctorError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_USAGE', message, options);
  }
}

export class InputError extends SmtpDoctorError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_INPUT', message, options);
  }
}

export class InternalError extends SmtpDoctorError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_INTERNAL', message, options);
  }
}
