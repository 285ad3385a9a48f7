/**
 * A whole-manager model, written from docs/portfolio-risk.md and nothing else: a plain list of
 * positions, exposures summed from it on every read, correlations from the two-pass
 * reference (CandleModel), the sizing rules from the reference model, counters as
 * docs/manager.md#stats describes them. It shares no code with bindings/. Where the real manager must refuse a call
 * the model throws a Refusal naming the error type and field it expects.
 */
import type { RiskConfig } from '../../bindings/config.js';
import { referenceAnswer, type RefAnswer } from '../manager/reference-model.js';
import { CandleModel, type IngestCounts } from './candle-model.js';
import type { Market } from './market.js';

export type Side = 'long' | 'short';
export type ErrorType = 'ValidationError' | 'NotFoundError' | 'ConfigError';

export class Refusal {
  constructor(
    readonly type: ErrorType,
    readonly field: string,
  ) {}
  toString(): string {
    return `${this.type}(${this.field})`;
  }
}

export interface ModelPosition {
  id: string;
  symbol: string;
  side: Side;
  size: number;
  regime: string;
  strategy: string;
}

export interface ModelRequest {
  symbol: string;
  side: Side;
  proposedSize: number;
  regime: string;
}

type Rule = 'correlation' | 'symbol' | 'direction' | 'regime';
const RULES: readonly Rule[] = ['correlation', 'symbol', 'direction', 'regime'];

export interface ModelCounters {
  validations: number;
  allowedTrades: number;
  reducedTrades: number;
  blockedTrades: number;
  errors: number;
  reducedByRule: Record<Rule, number>;
  blockedByRule: Record<Rule | 'noEquity' | 'error', number>;
}

/** Range rules of the keys updateConfig may change, as docs/manager.md#configuration states them. */
const RULE_KEYS: Readonly<Record<string, (v: unknown) => boolean>> = {
  enabled: (v) => typeof v === 'boolean',
  maxPairwiseCorrelation: (v) => typeof v === 'number' && v >= 0 && v <= 1,
  maxCorrelationReduction: (v) => typeof v === 'number' && v >= 0 && v <= 1,
  maxSymbolExposurePct: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  maxDirectionalExposurePct: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  maxRegimeExposurePct: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  minFillRatio: (v) => typeof v === 'number' && v >= 0 && v <= 1,
  hedgeAwareCorrelation: (v) => typeof v === 'boolean',
  onError: (v) => v === 'block' || v === 'allow',
};
const FIXED_KEYS = ['correlationLookback', 'minPeriods'] as const;

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

export class ModelManager {
  config: RiskConfig;
  equity = Number.NaN;
  positions: ModelPosition[] = [];
  /** Open symbols and regimes in the order they entered the book (leaving removes them). */
  symbolOrder: string[] = [];
  regimeOrder: string[] = [];
  private nextId = 1;
  readonly candles: CandleModel;
  counters: ModelCounters = {
    validations: 0,
    allowedTrades: 0,
    reducedTrades: 0,
    blockedTrades: 0,
    errors: 0,
    reducedByRule: { correlation: 0, symbol: 0, direction: 0, regime: 0 },
    blockedByRule: { correlation: 0, symbol: 0, direction: 0, regime: 0, noEquity: 0, error: 0 },
  };

  constructor(
    config: RiskConfig,
    readonly market: Market,
  ) {
    this.config = config;
    this.candles = new CandleModel(config.correlationLookback, config.minPeriods);
  }

  updateMarketData(symbol: string, candles: readonly (readonly [number, number])[]): IngestCounts {
    if (!isName(symbol) || symbol.length > 256) throw new Refusal('ValidationError', 'symbol');
    candles.forEach(([ts, close], k) => {
      if (!Number.isSafeInteger(ts)) throw new Refusal('ValidationError', `candles[${k}].timestamp`);
      if (!(close > 0) || !Number.isFinite(close)) throw new Refusal('ValidationError', `candles[${k}].close`);
      if (k > 0 && ts <= candles[k - 1]![0]) throw new Refusal('ValidationError', `candles[${k}].timestamp`);
    });
    return this.candles.ingest(symbol, candles);
  }

  updateEquity(equity: number): void {
    if (typeof equity !== 'number' || !Number.isFinite(equity)) throw new Refusal('ValidationError', 'equity');
    this.equity = equity;
  }

  updateConfig(partial: Record<string, unknown>): RiskConfig {
    for (const key of FIXED_KEYS) {
      if (key in partial && partial[key] !== this.config[key]) throw new Refusal('ConfigError', key);
    }
    for (const [key, value] of Object.entries(partial)) {
      if ((FIXED_KEYS as readonly string[]).includes(key)) continue;
      const valid = RULE_KEYS[key];
      if (valid === undefined || !valid(value)) throw new Refusal('ConfigError', key);
    }
    this.config = { ...this.config, ...partial } as RiskConfig;
    return this.config;
  }

  registerPosition(input: { id?: string; symbol: string; side: Side; size: number; regime: string; strategy?: string }): string {
    if (input.id !== undefined && !isName(input.id)) throw new Refusal('ValidationError', 'id');
    if (!isName(input.symbol) || input.symbol.length > 256) throw new Refusal('ValidationError', 'symbol');
    if (input.side !== 'long' && input.side !== 'short') throw new Refusal('ValidationError', 'side');
    if (!isSize(input.size)) throw new Refusal('ValidationError', 'size');
    if (!isName(input.regime)) throw new Refusal('ValidationError', 'regime');
    if (input.id !== undefined && this.find(input.id)) throw new Refusal('ValidationError', 'id');
    let id = input.id;
    // Generated ids are p1, p2, …, skipping any a caller already chose.
    while (id === undefined || (input.id === undefined && this.find(id))) id = `p${this.nextId++}`;
    this.positions.push({ id, symbol: input.symbol, side: input.side, size: input.size, regime: input.regime, strategy: input.strategy ?? '' });
    if (!this.symbolOrder.includes(input.symbol)) this.symbolOrder.push(input.symbol);
    if (!this.regimeOrder.includes(input.regime)) this.regimeOrder.push(input.regime);
    return id;
  }

  /** An id wins over a symbol of the same name. */
  unregisterPosition(key: string): ModelPosition[] {
    if (!isName(key)) throw new Refusal('ValidationError', 'idOrSymbol');
    const byId = this.find(key);
    const closing = byId ? [byId] : this.positions.filter((p) => p.symbol === key);
    if (closing.length === 0) throw new Refusal('NotFoundError', 'idOrSymbol');
    for (const p of closing) this.close(p);
    return closing;
  }

  resizePosition(id: string, size: number): ModelPosition | null {
    if (!isName(id)) throw new Refusal('ValidationError', 'id');
    if (!(size === 0 || isSize(size))) throw new Refusal('ValidationError', 'size');
    const p = this.find(id);
    if (p === undefined) throw new Refusal('NotFoundError', 'id');
    if (size === 0) {
      this.close(p);
      return null;
    }
    const resized = { ...p, size };
    this.positions[this.positions.indexOf(p)] = resized;
    return resized;
  }

  /** The reference answer and the book as it was read, or a Refusal for bad input. */
  validate(request: ModelRequest): { ref: RefAnswer; request: ModelRequest } | 'disabled' | 'no_equity' {
    if (!this.config.enabled) return 'disabled';
    if (!isName(request.symbol) || request.symbol.length > 256) throw new Refusal('ValidationError', 'symbol');
    if (request.side !== 'long' && request.side !== 'short') throw new Refusal('ValidationError', 'side');
    if (!isSize(request.proposedSize)) throw new Refusal('ValidationError', 'proposedSize');
    if (!isName(request.regime)) throw new Refusal('ValidationError', 'regime');
    if (!(this.equity > 0)) return 'no_equity';
    // Positions grouped by the order their symbols entered the book: among equally correlated
    // symbols the manager names the first one that entered.
    const ordered = this.symbolOrder.flatMap((s) => this.positions.filter((p) => p.symbol === s));
    const ref = referenceAnswer(this.config, ordered, this.equity, request, (a, b) => this.candles.correlation(a, b));
    return { ref, request };
  }

  /** Counts one non-dry-run answer, as docs/manager.md#stats defines the counters. */
  count(code: string, binding: string): void {
    const c = this.counters;
    if (code === 'DISABLED') return;
    c.validations += 1;
    const rule = RULES.find((r) => r === binding);
    if (code === 'ALLOWED') c.allowedTrades += 1;
    if (code === 'REDUCED') {
      c.reducedTrades += 1;
      if (rule) c.reducedByRule[rule] += 1;
    }
    if (code === 'BLOCKED') {
      c.blockedTrades += 1;
      if (rule) c.blockedByRule[rule] += 1;
    }
    if (code === 'NO_EQUITY') {
      c.blockedTrades += 1;
      c.blockedByRule.noEquity += 1;
    }
  }

  /** Gross notional of a symbol, a regime, or one side: summed afresh from the list. */
  symbolGross(symbol: string): number {
    return this.sum((p) => p.symbol === symbol);
  }

  regimeGross(regime: string): number {
    return this.sum((p) => p.regime === regime);
  }

  sideTotal(side: Side): number {
    return this.sum((p) => p.side === side);
  }

  /** Fractions of equity are NaN without a positive equity. */
  fraction(notional: number): number {
    return this.equity > 0 ? notional / this.equity : Number.NaN;
  }

  /** Highest raw correlation between two open symbols; NaN when no pair is known. */
  maxCorrelation(): number {
    let best = Number.NaN;
    for (let a = 0; a < this.symbolOrder.length; a++) {
      for (let b = a + 1; b < this.symbolOrder.length; b++) {
        const r = this.candles.correlation(this.symbolOrder[a]!, this.symbolOrder[b]!);
        if (!Number.isNaN(r) && (Number.isNaN(best) || r > best)) best = r;
      }
    }
    return best;
  }

  private sum(keep: (p: ModelPosition) => boolean): number {
    return this.positions.filter(keep).reduce((s, p) => s + p.size, 0);
  }

  private find(id: string): ModelPosition | undefined {
    return this.positions.find((p) => p.id === id);
  }

  private close(p: ModelPosition): void {
    this.positions = this.positions.filter((q) => q !== p);
    if (!this.positions.some((q) => q.symbol === p.symbol)) this.symbolOrder = this.symbolOrder.filter((s) => s !== p.symbol);
    if (!this.positions.some((q) => q.regime === p.regime)) this.regimeOrder = this.regimeOrder.filter((r) => r !== p.regime);
  }
}
