import { Injectable } from '@nestjs/common';
import { storedMeta } from '../../core/web/response-meta';
import type { DirectoryEntry } from './directory-index';
import type {
  CoinsPageDto,
  DirectoryCoinDto,
  DirectoryMetaDto,
  SearchResponseDto,
} from './dto/coins.dto';
import { FullDirectoryService } from './full-directory.service';

/** Pages and searches of the directory in memory: no database or upstream call per request. */
@Injectable()
export class DirectoryQueries {
  constructor(private readonly directory: FullDirectoryService) {}

  page(page: number, perPage: number): CoinsPageDto {
    const index = this.directory.index;
    const data = index.page(page, perPage).map(toDto);
    return {
      data,
      meta: {
        ...this.meta(data.length),
        total: index.size,
        page,
        per_page: perPage,
        pages: Math.ceil(index.size / perPage),
      },
    };
  }

  search(query: string, limit: number): SearchResponseDto {
    const data = this.directory.index.search(query, limit).map(toDto);
    return { data, meta: { ...this.meta(data.length), query } };
  }

  private meta(count: number): DirectoryMetaDto {
    const refreshedAt = this.directory.refreshedAt;
    return {
      ...storedMeta({
        newest: refreshedAt,
        stale: refreshedAt !== null && this.directory.isStale(),
        attempted: [],
      }),
      source: 'coingecko',
      updated_at: refreshedAt?.toISOString() ?? null,
      count,
    };
  }
}

function toDto(e: DirectoryEntry): DirectoryCoinDto {
  return {
    id: e.id,
    symbol: e.symbol,
    name: e.name,
    market_cap_rank: e.rank,
    platforms: e.platforms,
  };
}
