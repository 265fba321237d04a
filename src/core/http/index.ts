export { looksLikeHtml, parseRetryAfter } from './classify';
export { parsePayload } from './parse-payload';
export { PROVIDER_ERROR_KINDS, ProviderError, type ProviderErrorKind } from './provider-error';
export { UpstreamHttpService } from './upstream-http.service';
export type { UpstreamCallRecord, UpstreamRequest, UpstreamResponse } from './upstream-http.types';
