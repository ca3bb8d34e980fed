import {
  type Meter,
  type MeterProvider,
  metrics,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import type { Instrumentation, InstrumentationConfig } from '@opentelemetry/instrumentation';
import { MessagingMetrics } from './metrics.js';
import { hookModuleFile, loadedModuleFiles } from './module-hook.js';

/** A file of the instrumented library, and how to patch and restore its exports. */
export interface LibraryFile<Exports = unknown> {
  /** The package name, e.g. `kafkajs`. */
  module: string;
  /** The file within it, e.g. `src/index.js`. */
  file: string;
  /** The versions this patch is for, e.g. `>=2.0.0 <3`. */
  versions: string;
  /** Instruments the file's exports; what it returns becomes the exports. */
  patch(exports: Exports): Exports;
  /** Undoes `patch` on what it returned. */
  unpatch(exports: Exports): void;
}

/**
 * The base of every msgtrace instrumentation. It implements OpenTelemetry's `Instrumentation`
 * interface, so it works with `registerInstrumentations` and the Node SDK, but not through
 * `InstrumentationBase`: that class installs require-in-the-middle, which resolves the path of
 * every `require` call in the process, cached or not — kafkajs, for one, calls require on every
 * request. msgtrace patches through a loader hook that runs once per file loaded instead.
 *
 * Enabling hooks the library's files and patches copies already loaded; disabling restores
 * everything patched, including what `patchLoaded` patched by hand.
 */
export abstract class MessagingInstrumentationBase<
  Config extends InstrumentationConfig = InstrumentationConfig,
> implements Instrumentation<Config>
{
  private config: Config;
  private tracerProvider: TracerProvider | undefined;
  private meterProvider: MeterProvider | undefined;
  private currentTracer: Tracer | undefined;
  private currentMeter: Meter | undefined;
  private recorder: MessagingMetrics | undefined;
  private enabled = false;
  private unhooks: (() => void)[] = [];
  private readonly patchedExports = new Map<unknown, LibraryFile>();

  constructor(
    readonly instrumentationName: string,
    readonly instrumentationVersion: string,
    config: Config,
  ) {
    this.config = { enabled: true, ...config };
    // Enabled on construction, as OpenTelemetry instrumentations are. Subclass fields are not
    // initialised yet at this point: subclasses keep their state lazy.
    if (this.config.enabled !== false) this.enable();
  }

  /** The library files this instrumentation patches. */
  protected abstract libraryFiles(): LibraryFile<unknown>[];

  /** The messaging metrics, created from the current meter (anew when the meter changes). */
  protected get messagingMetrics(): MessagingMetrics {
    this.recorder ??= new MessagingMetrics(this.meter);
    return this.recorder;
  }

  protected get tracer(): Tracer {
    this.currentTracer ??= (this.tracerProvider ?? trace).getTracer(
      this.instrumentationName,
      this.instrumentationVersion,
    );
    return this.currentTracer;
  }

  protected get meter(): Meter {
    this.currentMeter ??= (this.meterProvider ?? metrics).getMeter(
      this.instrumentationName,
      this.instrumentationVersion,
    );
    return this.currentMeter;
  }

  setTracerProvider(tracerProvider: TracerProvider): void {
    this.tracerProvider = tracerProvider;
    this.currentTracer = undefined;
  }

  setMeterProvider(meterProvider: MeterProvider): void {
    this.meterProvider = meterProvider;
    this.currentMeter = undefined;
    this.recorder = undefined;
  }

  getConfig(): Config {
    return this.config;
  }

  setConfig(config: Config): void {
    this.config = { enabled: this.config.enabled, ...config };
  }

  isEnabled(): boolean {
    return this.enabled;
  }

  enable(): void {
    if (this.enabled) return;
    this.enabled = true;
    for (const file of this.libraryFiles()) {
      this.unhooks.push(
        hookModuleFile({
          module: file.module,
          file: file.file,
          versions: file.versions,
          onLoad: (exports) => this.patchLoaded(file, exports),
        }),
      );
      // Loaded before we were enabled: patch in place what can be patched in place.
      for (const loaded of loadedModuleFiles(file)) this.patchLoaded(file, loaded.exports);
    }
  }

  disable(): void {
    if (!this.enabled) return;
    this.enabled = false;
    for (const unhook of this.unhooks) unhook();
    this.unhooks = [];
    for (const [exports, file] of this.patchedExports) file.unpatch(exports);
    this.patchedExports.clear();
  }

  /**
   * Patches exports of `file` loaded where no hook could see them (a bundle, Jest's registry),
   * remembering them so `disable()` restores them too. Returns the patched exports.
   */
  protected patchLoaded<Exports>(file: LibraryFile<Exports>, exports: Exports): Exports {
    const patched = file.patch(exports);
    this.patchedExports.set(patched, file as LibraryFile);
    return patched;
  }
}
