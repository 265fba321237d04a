/** What went wrong, in terms the HTTP layer maps to a status (`AllExceptionsFilter`). */
export type DomainErrorKind = 'unavailable' | 'not_found';

/**
 * An error of the service's own layers (the provider registry, say), free of HTTP: the global
 * exception filter answers it with the status of its kind, its message and its details, so the
 * same failure reads the same from a controller, a job or a socket.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  /** Fields added to the error body beside the message (`attempted`, say). */
  details(): Record<string, unknown> {
    return {};
  }
}
