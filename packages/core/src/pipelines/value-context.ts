import type { Context } from '@opentelemetry/api';

/**
 * A context with one more value than its parent, without copying the parent's values: the API's
 * own contexts copy their whole map on every `setValue`, which the pathway, set on every consumed
 * message's context, paid for per message (an allocation the size of the context). Reads of the
 * extra key answer here, all others from the parent; `setValue` and `deleteValue` keep the extra
 * value on top of what the parent gives, so the layer never stacks.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export class ValueContext implements Context {
  constructor(
    private readonly parent: Context,
    private readonly key: symbol,
    private readonly value: unknown,
  ) {}

  /** `ctx` with `value` under `key`. */
  static of(ctx: Context, key: symbol, value: unknown): Context {
    return ctx instanceof ValueContext
      ? ctx.setValue(key, value)
      : new ValueContext(ctx, key, value);
  }

  getValue(key: symbol): unknown {
    return key === this.key ? this.value : this.parent.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    if (key === this.key) return new ValueContext(this.parent, key, value);
    return new ValueContext(this.parent.setValue(key, value), this.key, this.value);
  }

  deleteValue(key: symbol): Context {
    if (key === this.key) return this.parent.deleteValue(key);
    return new ValueContext(this.parent.deleteValue(key), this.key, this.value);
  }
}
