import type { ReceiptTracer } from './receipt-tracer.js';
import { RECEIPT_TELEMETRY_ERROR_CODES, ReceiptTelemetryError } from './receipt-telemetry-error.js';

/** The parts of `@opentelemetry/api` the live path uses (typed here: the package stays optional for types too). */
export interface OpenTelemetryApi {
  readonly trace: {
    getTracer(name: string, version?: string): ReceiptTracer;
  };
}

/** How the module is imported; tests pass one that fails like a missing package. */
export type OpenTelemetryImporter = () => Promise<unknown>;

const defaultImporter: OpenTelemetryImporter = () => import('@opentelemetry/api');

let loaded: Promise<OpenTelemetryApi> | undefined;

/**
 * `@opentelemetry/api`, imported on first use only (an optional peer dependency: hosts that never send spans never
 * load it). A missing package is a {@link ReceiptTelemetryError} `RECEIPT_TELEMETRY_OTEL_API_MISSING` naming it.
 */
export function loadOpenTelemetryApi(importer: OpenTelemetryImporter = defaultImporter): Promise<OpenTelemetryApi> {
  if (importer !== defaultImporter) return importApi(importer);
  loaded ??= importApi(importer).catch((error: unknown) => {
    loaded = undefined; // installed later in the same process: try again next time
    throw error;
  });
  return loaded;
}

async function importApi(importer: OpenTelemetryImporter): Promise<OpenTelemetryApi> {
  let module: unknown;
  try {
    module = await importer();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    throw new ReceiptTelemetryError(
      RECEIPT_TELEMETRY_ERROR_CODES.OTEL_API_MISSING,
      missing
        ? 'Sending receipts as spans needs the package @opentelemetry/api, which is not installed. Install it (npm install @opentelemetry/api) next to your OpenTelemetry SDK, or pass a tracer.'
        : 'Sending receipts as spans needs the package @opentelemetry/api, which could not be loaded. Check that it is installed (npm install @opentelemetry/api), or pass a tracer.',
      { cause: error },
    );
  }
  const api = (module as { trace?: unknown; default?: { trace?: unknown } } | null) ?? {};
  const trace = (api.trace ?? api.default?.trace) as OpenTelemetryApi['trace'] | undefined;
  if (!trace || typeof trace.getTracer !== 'function')
    throw new ReceiptTelemetryError(
      RECEIPT_TELEMETRY_ERROR_CODES.OTEL_API_MISSING,
      'The installed @opentelemetry/api has no trace.getTracer: install @opentelemetry/api 1.x, or pass a tracer.',
    );
  return { trace };
}
