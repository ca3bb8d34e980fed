import { type LibraryFile, MessagingInstrumentationBase } from '@msgtrace/core';
import {
  type ChannelModule,
  instrumentChannelModule,
  restoreChannelModule,
} from './patches/channel-module.js';
import { sharedState } from './state.js';
import { AmqpTelemetry } from './telemetry.js';
import type { AmqplibInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** amqplib versions this package is tested against: 0.10.x (still the most installed), 1.x, 2.x. */
export const SUPPORTED_VERSIONS = ['>=0.10.0 <3'] as const;

/** The files whose channel classes carry every method msgtrace instruments. */
export type AmqplibFile = 'lib/channel_model.js' | 'lib/callback_model.js';

/**
 * OpenTelemetry instrumentation for amqplib (RabbitMQ), promise and callback APIs. Register it
 * like any other instrumentation, or load `@msgtrace/instrumentation-amqplib/register`.
 */
export class AmqplibInstrumentation extends MessagingInstrumentationBase<AmqplibInstrumentationConfig> {
  // `declare`: the base constructor enables the instrumentation before field initializers run.
  declare private amqpTelemetry: AmqpTelemetry | undefined;

  constructor(config: AmqplibInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  /** The spans and metrics side, shared with `processMessage`. */
  get telemetry(): AmqpTelemetry {
    this.amqpTelemetry ??= new AmqpTelemetry(
      () => this.tracer,
      () => this.messagingMetrics,
      () => this.getConfig(),
    );
    return this.amqpTelemetry;
  }

  protected libraryFiles(): LibraryFile<ChannelModule>[] {
    return [this.file('lib/channel_model.js'), this.file('lib/callback_model.js')];
  }

  private file(file: AmqplibFile): LibraryFile<ChannelModule> {
    return {
      module: 'amqplib',
      file,
      versions: SUPPORTED_VERSIONS[0],
      patch: (exports) =>
        instrumentChannelModule(
          exports,
          file === 'lib/channel_model.js' ? 'promise' : 'callback',
          this.telemetry,
          () => this.isEnabled(),
        ),
      unpatch: (exports) => restoreChannelModule(exports),
    };
  }

  override enable(): void {
    super.enable();
    const state = sharedState();
    state.telemetry = this.telemetry;
    state.tracer = () => this.tracer;
  }

  override disable(): void {
    super.disable();
    const state = sharedState();
    if (state.telemetry === this.amqpTelemetry) {
      state.telemetry = undefined;
      state.tracer = undefined;
    }
  }

  /**
   * Instruments an amqplib file loaded where the loader hook cannot see it (a bundle, Jest's
   * module registry). `disable()` restores it like the rest.
   */
  instrumentModule(file: AmqplibFile, exports: object): void {
    this.patchLoaded(this.file(file), exports as ChannelModule);
  }
}
