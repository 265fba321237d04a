/** The one error shape every failing request gets. */
export class ErrorResponseDto {
  /** HTTP status code. @example 404 */
  statusCode!: number;

  /** HTTP reason phrase. @example "Not Found" */
  error!: string;

  /** What went wrong, in words meant for the caller. @example "Cannot GET /api/nope" */
  message!: string;

  /** The request id, also sent as the X-Request-Id header; quote it when reporting a problem. @example "5f0c8b3e-7d1a-4c55-9a8e-2b1d0c3f4a6e" */
  requestId!: string;
}
