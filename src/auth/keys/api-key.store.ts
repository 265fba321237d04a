import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ApiKey } from '../entities/api-key.entity';

/** `api_keys`. */
@Injectable()
export class ApiKeyStore {
  constructor(@InjectRepository(ApiKey) private readonly repo: Repository<ApiKey>) {}

  insert(row: Omit<ApiKey, 'id'>): Promise<ApiKey> {
    return this.repo.save(this.repo.create(row));
  }

  all(): Promise<ApiKey[]> {
    return this.repo.find({ order: { id: 'ASC' } });
  }

  byId(id: number): Promise<ApiKey | null> {
    return this.repo.findOneBy({ id });
  }

  byHash(hash: string): Promise<ApiKey | null> {
    return this.repo.findOneBy({ hash });
  }

  async save(key: ApiKey): Promise<ApiKey> {
    return this.repo.save(key);
  }

  async touch(ids: number[], at: Date): Promise<void> {
    if (ids.length > 0) {
      await this.repo.update({ id: In(ids) }, { lastUsedAt: at });
    }
  }
}
