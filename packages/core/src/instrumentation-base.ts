import {
  diag,
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
import type { PipelinesConfig } from './pipelines/config.js';
import { Pipelines } from './pipelines/pipelines.js';
import {
  type MessagingSemconv,
  messagingSemconv,
  type SemconvStabilityOptIn,
} from './semconv-stability.js';
import { type TelemetrySlot, type TelemetrySource, telemetrySlot } from './telemetry.js';

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
  /**
   * For {@link MessagingInstrumentationBase.instrumentModule} given the package's entry rather
   * than this file: the entry's export that holds this file's exports, replaced by what `patch`
   * returns (kafkajs's `Kafka` class, which patching replaces with a proxy).
   */
  entryExport?: string;
}

/**
 * The base of every msgtrace instrumentation. It implements OpenTelemetry's `Instrumentation`
 * interface, so it works with `registerInstrumentations` and the Node SDK, but not through
 * `InstrumentationBase`: that class installs require-in-the-middle, which resolves the path of
 * every `require` call in the process, cached or not — kafkajs, for one, calls require on every
 * request. msgtrace patches through a loader hook that runs once per file loaded instead.
 *
 * Enabling hooks the library's files, patches copies already loaded and publishes the package's
 * telemetry (made once by `createTelemetry`) in a process-wide slot for its per-message helpers;
 * disabling restores everything patched, including what `instrumentModule` patched by hand, and
 * empties the slot.
 *
 * @typeParam Config the package's public configuration
 * @typeParam Telemetry the package's `telemetry.ts` class: what spans and metrics a call makes
 */
export abstract class MessagingInstrumentationBase<
  Config extends InstrumentationConfig = InstrumentationConfig,
  Telemetry extends object = object,
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
  private createdTelemetry: Telemetry | undefined;
  private readonly slot: TelemetrySlot<Telemetry>;
  private resolvedSemconv: MessagingSemconv | undefined;
  private resolvedPipelines: Pipelines | null | undefined;

  constructor(
    readonly instrumentationName: string,
    readonly instrumentationVersion: string,
    config: Config,
  ) {
    this.config = { enabled: true, ...config };
    this.slot = telemetrySlot<Telemetry>(instrumentationName);
    // Enabled on construction, as OpenTelemetry instrumentations are. Subclass fields are not
    // initialised yet at this point: subclasses keep their state lazy.
    if (this.config.enabled !== false) this.enable();
  }

  /** The library files this instrumentation patches. */
  protected abstract libraryFiles(): LibraryFile<unknown>[];

  /**
   * Makes the package's telemetry, once per instrumentation. Called from the base constructor
   * (through `enable()`), before subclass fields are initialised: use only `source`.
   */
  protected abstract createTelemetry(source: TelemetrySource<Config>): Telemetry;

  /** What spans and metrics the library's calls produce; the patches hand calls to it. */
  get telemetry(): Telemetry {
    this.createdTelemetry ??= this.createTelemetry({
      tracer: () => this.tracer,
      metrics: () => this.messagingMetrics,
      config: () => this.config,
      semconv: () => this.semconv,
      pipelines: () => this.pipelines,
    });
    return this.createdTelemetry;
  }

  /** The messaging metrics, created from the current meter (anew when the meter changes). */
  protected get messagingMetrics(): MessagingMetrics {
    this.recorder ??= new MessagingMetrics(this.meter);
    return this.recorder;
  }

  /**
   * The conventions' names this instrumentation emits, resolved from its config (or
   * `OTEL_SEMCONV_STABILITY_OPT_IN`) once, and again only when the config changes.
   */
  protected get semconv(): MessagingSemconv {
    this.resolvedSemconv ??= messagingSemconv(
      (this.config as { semconvStabilityOptIn?: SemconvStabilityOptIn }).semconvStabilityOptIn,
    );
    return this.resolvedSemconv;
  }

  /**
   * Pathways and pipeline metrics (null unless the config turns them on: they are opt-in), made
   * from the config and meter once, and again only when either changes.
   */
  protected get pipelines(): Pipelines | undefined {
    if (this.resolvedPipelines === undefined) {
      const config = (this.config as { pipelines?: PipelinesConfig }).pipelines ?? {};
      const metrics = this.messagingMetrics;
      this.resolvedPipelines =
        config.enabled === true
          ? new Pipelines(metrics.enabled ? this.meter : undefined, config, this.semconv)
          : null;
    }
    return this.resolvedPipelines ?? undefined;
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
    this.resolvedPipelines = undefined;
  }

  getConfig(): Config {
    return this.config;
  }

  setConfig(config: Config): void {
    this.config = { enabled: this.config.enabled, ...config };
    this.resolvedSemconv = undefined;
    this.resolvedPipelines = undefined;
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
    this.slot.current = this.telemetry;
  }

  disable(): void {
    if (!this.enabled) return;
    this.enabled = false;
    if (this.slot.current === this.createdTelemetry) this.slot.current = undefined;
    for (const unhook of this.unhooks) unhook();
    this.unhooks = [];
    for (const [exports, file] of this.patchedExports) file.unpatch(exports);
    this.patchedExports.clear();
  }

  /**
   * Instruments a copy of the library loaded where the loader hook cannot see it (a bundle, Jest's
   * module registry); `disable()` restores it like the rest. `file` names what `exports` are: a
   * file of the library as the package README lists it (`lib/channel_model.js`), or the package
   * name for its entry (`kafkajs`, `@aws-sdk/client-sqs`). An unknown name is reported through
   * `diag` and changes nothing.
   */
  instrumentModule(file: string, exports: object): void {
    const files = this.libraryFiles();
    const byFile = files.find((candidate) => candidate.file === file);
    const byModule = files.filter((candidate) => candidate.module === file);
    const target = byFile ?? (byModule.length === 1 ? byModule[0] : undefined);
    if (!target || !exports || typeof exports !== 'object') {
      diag.warn(
        `msgtrace: ${this.instrumentationName}.instrumentModule(${JSON.stringify(file)}) names none of ${files.map((f) => `${f.module} (${f.file})`).join(', ')}; nothing instrumented`,
      );
      return;
    }
    const entry = exports as Record<string, unknown>;
    if (target.entryExport && !byFile) {
      entry[target.entryExport] = this.patchLoaded(target, entry[target.entryExport]);
    } else {
      this.patchLoaded(target, exports);
    }
  }

  /**
   * Patches exports of `file` loaded where no hook could see them, remembering them so
   * `disable()` restores them too. Returns the patched exports.
   */
  protected patchLoaded<Exports>(file: LibraryFile<Exports>, exports: Exports): Exports {
    const patched = file.patch(exports);
    this.patchedExports.set(patched, file as LibraryFile);
    return patched;
  }
}
