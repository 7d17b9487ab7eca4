// A short, timed matrix multiply: how fast this GPU (or, without WebGPU, this CPU) does the arithmetic models are made of.

export interface MatmulFigure {
  /** Sustained fp32 GFLOP/s of the timed runs. */
  gflops: number;
  /** Wall time of the whole measurement, setup and shader compile included: what it cost the person. */
  ms: number;
  backend: 'webgpu' | 'cpu';
  /** The side of the square matrices. */
  size: number;
}

/** A first pass at 64 (0.5 MFLOP a dispatch) keeps a software GPU cheap; a GPU fast at it is measured again at 256. */
const GPU_SIZES = [64, 256] as const;
/** At this rate a 256 dispatch takes under a millisecond or so: worth measuring, since small dispatches underrate fast GPUs. */
const LARGER_FROM_GFLOPS = 20;
const TILE = 16;
/** Enough batched dispatches to hide submission overhead on a fast GPU; a slow one stops at the time budget first. */
const GPU_BATCH = 8;
const GPU_BUDGET_MS = 150;

const shader = (size: number) => /* wgsl */ `
const N: u32 = ${size}u;
const T: u32 = ${TILE}u;
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
var<workgroup> ta: array<f32, ${TILE * TILE}>;
var<workgroup> tb: array<f32, ${TILE * TILE}>;

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(global_invocation_id) g: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
  var sum = 0.0;
  for (var t = 0u; t < N; t += T) {
    ta[l.y * T + l.x] = a[g.y * N + t + l.x];
    tb[l.y * T + l.x] = b[(t + l.y) * N + g.x];
    workgroupBarrier();
    for (var k = 0u; k < T; k++) {
      sum += ta[l.y * T + k] * tb[k * T + l.x];
    }
    workgroupBarrier();
  }
  c[g.y * N + g.x] = sum;
}`;

/** Small integers, so every product and sum is exact in fp32 and the result can be checked to the bit. */
function operand(n: number, seed: number): Float32Array<ArrayBuffer> {
  const m = new Float32Array(n * n);
  for (let i = 0; i < m.length; i++) m[i] = ((i * seed) % 7) - 3;
  return m;
}

function cpuCell(a: Float32Array<ArrayBuffer>, b: Float32Array<ArrayBuffer>, n: number, row: number, col: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += (a[row * n + k] ?? 0) * (b[k * n + col] ?? 0);
  return sum;
}

const now = () => performance.now();

/**
 * Times batches of a tiled fp32 matmul on a device of its own (the model worker's is untouched) and checks the answer
 * against the CPU, so a broken kernel gives no figure rather than a fast wrong one. SwiftShader (WebGPU on the CPU)
 * managed 0.02 to 0.05 GFLOP/s on a loaded 2-core machine, where 256×256 batches took 6.5 s: hence the 64 first.
 */
export async function benchmarkGpu(gpu: GPU): Promise<MatmulFigure> {
  const started = now();
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('No GPU adapter for the benchmark.');
  const device = await adapter.requestDevice();
  try {
    let figure = await timeMatmul(device, GPU_SIZES[0], started);
    if (figure.gflops >= LARGER_FROM_GFLOPS) figure = await timeMatmul(device, GPU_SIZES[1], now());
    return { ...figure, ms: now() - started };
  } finally {
    device.destroy();
  }
}

async function timeMatmul(device: GPUDevice, n: number, started: number): Promise<MatmulFigure> {
  {
    const bytes = n * n * 4;
    const a = operand(n, 5);
    const b = operand(n, 3);
    const buffer = (usage: number) => device.createBuffer({ size: bytes, usage });
    const bufA = buffer(GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    const bufB = buffer(GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    const bufC = buffer(GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
    const readBack = buffer(GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(bufA, 0, a);
    device.queue.writeBuffer(bufB, 0, b);
    const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module: device.createShaderModule({ code: shader(n) }), entryPoint: 'main' } });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [bufA, bufB, bufC].map((buf, binding) => ({ binding, resource: { buffer: buf } })),
    });
    const run = async (dispatches: number, copy: boolean) => {
      const encoder = device.createCommandEncoder();
      for (let i = 0; i < dispatches; i++) {
        const pass = encoder.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        pass.dispatchWorkgroups(n / TILE, n / TILE);
        pass.end();
      }
      if (copy) encoder.copyBufferToBuffer(bufC, 0, readBack, 0, bytes);
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
    };
    // The first dispatch pays for pipeline creation inside the driver; it is checked, not timed.
    await run(1, true);
    await readBack.mapAsync(GPUMapMode.READ);
    const c = new Float32Array(readBack.getMappedRange().slice(0));
    readBack.unmap();
    for (const [row, col] of [[0, 0], [n - 1, n - 1], [17, n - 9], [n / 2, 3]] as const) {
      if (c[row * n + col] !== cpuCell(a, b, n, row, col)) throw new Error('The benchmark kernel gave a wrong answer on this GPU.');
    }
    let dispatched = 0;
    let timedMs = 0;
    do {
      const at = now();
      await run(GPU_BATCH, false);
      timedMs += now() - at;
      dispatched += GPU_BATCH;
    } while (now() - started < GPU_BUDGET_MS && dispatched < GPU_BATCH * 8);
    for (const buf of [bufA, bufB, bufC, readBack]) buf.destroy();
    return { gflops: (dispatched * 2 * n ** 3) / (timedMs * 1e6), ms: now() - started, backend: 'webgpu', size: n };
  }
}

const CPU_SIZE = 96;
const CPU_RUNS = 3;

/**
 * Without WebGPU: the same arithmetic in plain JavaScript (i-k-j order, typed arrays), small enough to take a few
 * milliseconds so it can run in an idle callback without a long task. The fastest run counts (the JIT warms up).
 */
export function benchmarkCpu(): MatmulFigure {
  const started = now();
  const n = CPU_SIZE;
  const a = operand(n, 5);
  const b = operand(n, 3);
  const c = new Float32Array(n * n);
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < CPU_RUNS; run++) {
    const at = now();
    c.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const aik = a[i * n + k] ?? 0;
        for (let j = 0; j < n; j++) c[i * n + j] = (c[i * n + j] ?? 0) + aik * (b[k * n + j] ?? 0);
      }
    }
    best = Math.min(best, now() - at);
  }
  if (c[n * n - 1] !== cpuCell(a, b, n, n - 1, n - 1)) throw new Error('The CPU benchmark gave a wrong answer.');
  // A timer coarsened to 0.1 ms (cross-origin isolation off) can read 0 for one run; a floor keeps the figure finite.
  return { gflops: (2 * n ** 3) / (Math.max(best, 0.05) * 1e6), ms: now() - started, backend: 'cpu', size: n };
}
