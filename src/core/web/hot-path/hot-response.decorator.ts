import { SetMetadata } from '@nestjs/common';

export const HOT_RESPONSE = 'hot-response';

/**
 * Marks a GET route whose cache-served answers may be replayed byte for byte by the hot path
 * for up to a second (see HotPath), skipping the framework for the busiest requests.
 */
export const HotResponse = (): MethodDecorator => SetMetadata(HOT_RESPONSE, true);
