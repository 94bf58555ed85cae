import { GetProductsCommand, PricingClient, type GetProductsCommandOutput, type PricingClientConfig } from '@aws-sdk/client-pricing';
import { priceListQuery, pricePointFromPriceList } from '../../core/cost/prices/priceList.js';
import { bundledPriceSource } from '../../core/cost/prices/snapshot.js';
import type { PricePoint, PriceSource } from '../../core/cost/prices/table.js';

export type PriceListSourceOptions = ({ client: PricingClient; clientConfig?: never } | { clientConfig?: PricingClientConfig; client?: never }) & {
  /** Region whose prices are wanted (Price List `regionCode`), e.g. `us-east-1`. */
  regionCode: string;
  /** Price keys to load on refresh() (e.g. the keys of the inventory's instance types and volume types). */
  keys: readonly string[];
  /** Used for any key the API does not resolve (default: the bundled snapshot). */
  fallback?: PriceSource;
  /** Date label of the loaded prices (ISO date); the caller's clock, never the wall clock here. */
  asOf: string;
  log?: (line: string) => void;
};

/**
 * PriceSource over the AWS Price List API (`GetProducts`). Rules are synchronous, so `refresh()`
 * loads the table up front; until then, and for every key the API does not resolve (unmapped
 * key, no matching product, throttling), prices come from the fallback snapshot with its own
 * source and date in each price point's note. The Price List API is served from us-east-1.
 */
export class PriceListPriceSource implements PriceSource {
  readonly region: string;
  readonly hoursPerMonth: number;
  private readonly client: PricingClient;
  private readonly fallback: PriceSource;
  private readonly keys: readonly string[];
  private readonly loaded = new Map<string, PricePoint>();
  private loadedAsOf: string | undefined;

  constructor(private readonly o: PriceListSourceOptions) {
    this.client = o.client ?? new PricingClient({ region: 'us-east-1', ...(o.clientConfig ?? {}) });
    this.fallback = o.fallback ?? bundledPriceSource();
    this.region = o.regionCode;
    this.hoursPerMonth = this.fallback.hoursPerMonth;
    this.keys = o.keys;
  }

  get asOf(): string {
    return this.loadedAsOf ?? this.fallback.asOf;
  }

  get source(): string {
    return this.loaded.size === 0 ? this.fallback.source : `AWS Price List API GetProducts (${this.loaded.size} prices), falling back to: ${this.fallback.source}`;
  }

  getPrice(key: string): PricePoint | undefined {
    return this.loaded.get(key) ?? this.fallback.getPrice(key);
  }

  /** Which keys came from the API (the rest use the fallback). */
  liveKeys(): string[] {
    return [...this.loaded.keys()].sort();
  }

  async refresh(): Promise<void> {
    for (const key of this.keys) {
      const query = priceListQuery(key, this.o.regionCode);
      const unit = this.fallback.getPrice(key)?.unit;
      if (!query || !unit) continue;
      try {
        const items: string[] = [];
        let token: string | undefined;
        do {
          const res: GetProductsCommandOutput = await this.client.send(new GetProductsCommand({ ServiceCode: query.ServiceCode, Filters: query.Filters, FormatVersion: 'aws_v1', MaxResults: 100, ...(token ? { NextToken: token } : {}) }));
          items.push(...((res.PriceList ?? []) as string[]));
          token = res.NextToken;
        } while (token && items.length < 500);
        const point = pricePointFromPriceList(key, unit, items, this.o.asOf);
        if (point) this.loaded.set(key, point);
        else this.o.log?.(`pricing: no ${unit} price for ${key} in the Price List; using the snapshot`);
      } catch (e) {
        // Fail towards the dated snapshot, never towards a guessed figure.
        this.o.log?.(`pricing: GetProducts for ${key} failed (${String((e as Error)?.message ?? e)}); using the snapshot`);
      }
    }
    if (this.loaded.size > 0) this.loadedAsOf = this.o.asOf;
  }
}
