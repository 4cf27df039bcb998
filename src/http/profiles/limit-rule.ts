/** A spec's `limit` parameter: its default, and its maximum where the schema states one. */
export interface LimitRule {
  readonly default: number;
  readonly maximum?: number;
}
