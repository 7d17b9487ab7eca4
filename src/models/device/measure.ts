// Measures this device for the recommendation: memory, free storage, and the matmul figure, remembered per adapter.

import type { Capabilities } from '../capabilities';
import type { DeviceProfile } from '../recommend';
import type { MatmulFigure } from './matmul-bench';

export interface RememberedFigure extends MatmulFigure {
  /** ms since epoch. */
  measuredAt: number;
}

/** Where the figures live between visits, by adapter. */
export interface FigureStorage {
  load(key: string): RememberedFigure | null;
  save(key: string, figure: RememberedFigure): void;
}

export interface MeasureDeps {
  gpu?: GPU;
  deviceMemory(): number | null;
  storageEstimate(): Promise<{ usage?: number; quota?: number } | null>;
  figures: FigureStorage;
  benchmarkGpu?: (gpu: GPU) => Promise<MatmulFigure>;
  benchmarkCpu?: () => MatmulFigure;
  hardwareConcurrency?: number;
}

export interface DeviceMeasurement {
  profile: DeviceProfile;
  figure: RememberedFigure | null;
  /** True when the figure was measured in this visit rather than remembered. */
  fresh: boolean;
  /** Why there is no figure, in words; null when there is one or when the speed test was not asked for yet. */
  problem: string | null;
}

export interface MeasureOptions {
  /**
   * Run the matmul when no figure is remembered for this adapter. False reads only what costs nothing (memory, quota,
   * a remembered figure): the start-up read, so a visit never pays for a GPU test it did not ask for.
   */
  benchmark: boolean;
}

/** The adapter's description names the GPU (and its driver's architecture): a new GPU is a new key, so it is measured again. */
export function figureKey(caps: Capabilities, hardwareConcurrency: number | undefined): string {
  return caps.webgpu ? `webgpu:${caps.adapter ?? 'GPU'}` : `cpu:${hardwareConcurrency ?? 0} threads`;
}

export async function measureDevice(caps: Capabilities, deps: MeasureDeps, options: MeasureOptions = { benchmark: true }): Promise<DeviceMeasurement> {
  const estimate = await deps.storageEstimate().catch(() => null);
  const storageFreeBytes = estimate?.quota !== undefined && estimate.usage !== undefined ? Math.max(0, estimate.quota - estimate.usage) : null;
  const key = figureKey(caps, deps.hardwareConcurrency);
  let figure = deps.figures.load(key);
  let fresh = false;
  let problem: string | null = null;
  if (!figure && options.benchmark) {
    try {
      // The kernels load with the first measurement (only when the guide opens), keeping them out of the first paint.
      const bench = deps.benchmarkGpu && deps.benchmarkCpu ? null : await import('./matmul-bench');
      const gpuBench = deps.benchmarkGpu ?? bench?.benchmarkGpu;
      const cpuBench = deps.benchmarkCpu ?? bench?.benchmarkCpu;
      if (!gpuBench || !cpuBench) throw new Error('the speed test could not be loaded');
      const measured = caps.webgpu && deps.gpu ? await gpuBench(deps.gpu) : cpuBench();
      figure = { ...measured, measuredAt: Date.now() };
      deps.figures.save(key, figure);
      fresh = true;
    } catch (error) {
      // Not remembered: a failure may be passing (a lost device), so the next visit tries again.
      problem = `The speed test did not run: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return {
    profile: {
      caps,
      deviceMemoryGb: deps.deviceMemory(),
      storageFreeBytes,
      matmulGflops: figure?.backend === 'webgpu' ? figure.gflops : null,
      cpuGflops: figure?.backend === 'cpu' ? figure.gflops : null,
    },
    figure,
    fresh,
    problem,
  };
}

const STORAGE_KEY = 'sensa.device-figures';

function isFigure(value: unknown): value is RememberedFigure {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;
  return finite(f.gflops) && finite(f.ms) && finite(f.size) && finite(f.measuredAt) && (f.backend === 'webgpu' || f.backend === 'cpu');
}

/** A versioned record in localStorage beside the preferences: a few numbers per adapter, read synchronously at start. */
export function localFigureStorage(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): FigureStorage {
  const read = (): Record<string, unknown> => {
    try {
      const raw: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
      const figures = typeof raw === 'object' && raw !== null && (raw as { version?: unknown }).version === 1 ? (raw as { figures?: unknown }).figures : null;
      return typeof figures === 'object' && figures !== null ? (figures as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    load(key) {
      const figure = read()[key];
      return isFigure(figure) ? figure : null;
    },
    save(key, figure) {
      try {
        storage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, figures: { ...read(), [key]: figure } }));
      } catch {
        // Private mode or a full disk: the figure is measured again next visit.
      }
    },
  };
}

/** What the browser says, each feature detected: Safari and Firefox have no deviceMemory. */
export function browserMeasureDeps(): MeasureDeps {
  const nav = globalThis.navigator as (Navigator & { deviceMemory?: number; gpu?: GPU }) | undefined;
  return {
    gpu: nav?.gpu,
    deviceMemory: () => (typeof nav?.deviceMemory === 'number' ? nav.deviceMemory : null),
    storageEstimate: async () => (nav?.storage?.estimate ? nav.storage.estimate() : null),
    figures: localFigureStorage(),
    hardwareConcurrency: nav?.hardwareConcurrency,
  };
}
