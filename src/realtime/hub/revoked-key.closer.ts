import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiKeyService } from '../../auth/keys/api-key.service';
import { RealtimeHub } from './realtime-hub.service';

/** A key revoked through the API ends its open real-time connections at once, not at reconnect. */
@Injectable()
export class RevokedKeyCloser implements OnModuleInit {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly hub: RealtimeHub,
  ) {}

  onModuleInit(): void {
    this.keys.onRevoked((id) => this.hub.closeKey(id, 'the API key was revoked'));
  }
}
