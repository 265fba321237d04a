import { ResponseMetaDto } from '../../core/web/dto/response-meta.dto';

/** Ethereum mainnet gas prices as the Etherscan gas oracle suggests them. */
export class GasPricesDto {
  /** The chain the prices are for. @example "ethereum" */
  chain!: string;

  /** The block the suggestion was computed at. @example 23000412 */
  last_block!: number;

  /** Gas price likely to be included within a few minutes (gwei). @example 0.9 */
  safe_gwei!: number;

  /** Gas price likely to be included in the next blocks (gwei). @example 1.1 */
  propose_gwei!: number;

  /** Gas price for inclusion in the next block (gwei). @example 1.6 */
  fast_gwei!: number;

  /** The suggested base fee of the next block (gwei). @example 0.85 */
  base_fee_gwei!: number;
}

export class GasResponseDto {
  data!: GasPricesDto;

  meta!: ResponseMetaDto;
}
