import {
  type LibraryFile,
  MessagingInstrumentationBase,
  type TelemetrySource,
} from '@msgtrace/core';
import {
  type ChannelModule,
  instrumentChannelModule,
  restoreChannelModule,
} from './patches/channel-module.js';
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
export class AmqplibInstrumentation extends MessagingInstrumentationBase<
  AmqplibInstrumentationConfig,
  AmqpTelemetry
> {
  constructor(config: AmqplibInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected createTelemetry(source: TelemetrySource<AmqplibInstrumentationConfig>): AmqpTelemetry {
    return new AmqpTelemetry(source);
  }

  /**
   * Both API files, which `instrumentModule` takes by name: `lib/channel_model.js` (promise API)
   * and `lib/callback_model.js` (callback API).
   */
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
}
